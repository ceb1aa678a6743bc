import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { buttonClass } from './styles';

/** One choice in a {@link Menu}. */
export interface MenuItem {
  label: string;
  onSelect: () => void;
  /** Whether this is the choice in use now (checked, announced as current); unset for actions. */
  current?: boolean;
}

const item =
  'flex w-full gap-2 rounded px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:bg-slate-100 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800';

/**
 * A disclosure menu: a summary button that shows a list of buttons. It closes on a choice and on
 * Escape (focus back on the summary), on a click outside, and when focus moves out of it.
 */
export function Menu(props: {
  summary: ReactNode;
  items: readonly MenuItem[];
  /**
   * Which edge of the summary the list lines up with. On a phone the list spans the screen
   * instead: nothing is positioned above it, and `top: auto` keeps it right below the summary.
   */
  align: 'left' | 'right';
}) {
  // The open state lives in the DOM alone: a click outside right after the opening click would
  // otherwise arrive before the toggle event told React the menu was open.
  const details = useRef<HTMLDetailsElement>(null);
  const close = (focusSummary: boolean) => {
    const menu = details.current;
    if (menu === null || !menu.open) return;
    menu.open = false;
    if (focusSummary) menu.querySelector('summary')?.focus();
  };
  useEffect(() => {
    const onPointerDown = (e: Event) => {
      const menu = details.current;
      if (menu?.open && !menu.contains(e.target as Node)) menu.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    if (!e.currentTarget.open) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const buttons = [...e.currentTarget.querySelectorAll('button')];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = e.key === 'ArrowDown' ? i + 1 : (i < 0 ? buttons.length : i) - 1;
      buttons[(next + buttons.length) % buttons.length]?.focus();
    }
  };
  return (
    <details
      ref={details}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        // A null target is the window losing focus or a click on nothing: the pointer handler decides.
        if (e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget))
          close(false);
      }}
      className="sm:relative"
    >
      <summary
        className={`${buttonClass} cursor-pointer list-none hover:bg-slate-100 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden`}
      >
        {props.summary}
      </summary>
      <div
        className={`absolute inset-x-4 z-30 mt-1 rounded-md border border-slate-200 bg-white p-1 shadow-lg sm:inset-x-auto sm:w-80 dark:border-slate-700 dark:bg-slate-900 ${props.align === 'right' ? 'sm:right-0' : 'sm:left-0'}`}
      >
        {props.items.map((it) => (
          <button
            key={it.label}
            type="button"
            className={item}
            aria-current={it.current === true ? 'true' : undefined}
            onClick={() => {
              close(true);
              it.onSelect();
            }}
          >
            {it.current !== undefined && (
              <span aria-hidden="true" className="w-3 shrink-0 text-teal-700 dark:text-teal-300">
                {it.current ? '✓' : ''}
              </span>
            )}
            {it.label}
          </button>
        ))}
      </div>
    </details>
  );
}
