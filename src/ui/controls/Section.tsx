import { type ReactNode, useEffect, useId, useState } from 'react';

const FRAME = 'rounded-lg border border-slate-200 dark:border-slate-700';
const TITLE = 'text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';

/** A titled group of controls (`id`: where the flow diagram finds it). */
export function Section({
  title,
  id,
  children,
}: {
  title: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <fieldset id={id} className={`space-y-4 p-4 ${FRAME}`}>
      <legend className={`px-1 ${TITLE}`}>{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * A titled group of controls that folds away, its title followed by what it has switched on
 * (`status`, empty while off). It opens by itself when something in it is switched on (a guided
 * scenario, a link), and otherwise stays as the person left it.
 */
export function FoldingSection(props: {
  title: string;
  status: string;
  id?: string;
  children: ReactNode;
}) {
  const { title, status, children } = props;
  const id = useId();
  const on = status !== '';
  const [open, setOpen] = useState(on);
  useEffect(() => {
    if (on) setOpen(true);
  }, [on]);
  return (
    <details
      id={props.id}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className={`group ${FRAME}`}
    >
      <summary className="flex cursor-pointer list-none items-baseline gap-2 rounded-lg px-4 py-3 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-600 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
        <span
          aria-hidden="true"
          className="text-slate-500 transition-transform group-open:rotate-90 dark:text-slate-400"
        >
          ▸
        </span>
        <span id={`${id}-title`} className={TITLE}>
          {title}
        </span>
        <span
          data-testid="section-status"
          className={`ml-auto truncate text-xs ${on ? 'font-medium text-teal-700 dark:text-teal-300' : 'text-slate-500 dark:text-slate-400'}`}
        >
          {on ? status : 'off'}
        </span>
      </summary>
      <fieldset aria-labelledby={`${id}-title`} className="space-y-4 px-4 pb-4 pt-1">
        {children}
      </fieldset>
    </details>
  );
}
