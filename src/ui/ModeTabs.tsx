import type { KeyboardEvent } from 'react';
import type { Mode } from '../share/link';
import { useLab, useLabActions } from './store-context';

const TABS: ReadonlyArray<{ mode: Mode; label: string }> = [
  { mode: 'live', label: 'Live' },
  { mode: 'compare', label: 'Compare A/B' },
  { mode: 'sweep', label: 'Sweep' },
];

/** Switches between the live run, a comparison and a sweep (the ARIA tabs pattern). */
export function ModeTabs() {
  const mode = useLab((s) => s.mode);
  const { setMode } = useLabActions();
  const onKeyDown = (event: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.mode === mode);
    const next = event.key === 'ArrowRight' ? i + 1 : event.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length]!;
    setMode(tab.mode);
    document.getElementById(`tab-${tab.mode}`)?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label="What to show"
      className="flex gap-1 border-b border-slate-200 dark:border-slate-700"
      onKeyDown={onKeyDown}
    >
      {TABS.map((tab) => (
        <button
          key={tab.mode}
          id={`tab-${tab.mode}`}
          type="button"
          role="tab"
          aria-selected={mode === tab.mode}
          aria-controls={`panel-${tab.mode}`}
          tabIndex={mode === tab.mode ? 0 : -1}
          onClick={() => setMode(tab.mode)}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${
            mode === tab.mode
              ? 'border-teal-700 text-teal-800 dark:border-teal-400 dark:text-teal-300'
              : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300'
          }`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
