import { useId } from 'react';

/** A labelled checkbox drawn as a switch, with a one-line explanation. */
export function Toggle(props: {
  label: string;
  checked: boolean;
  hint: string;
  tone?: 'neutral' | 'danger';
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const on = props.tone === 'danger' ? 'checked:bg-red-600' : 'checked:bg-teal-700';
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={id} className="cursor-pointer text-sm font-medium">
          {props.label}
        </label>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={props.checked}
          aria-checked={props.checked}
          aria-describedby={`${id}-hint`}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
          className={`relative h-6 w-11 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-300 transition-colors before:absolute before:top-0.5 before:left-0.5 before:h-5 before:w-5 before:rounded-full before:bg-white before:shadow before:transition-transform before:content-[''] checked:before:translate-x-5 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 dark:bg-slate-600 ${on}`}
        />
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {props.hint}
      </p>
    </div>
  );
}
