import { useState } from 'react';
import { Progress } from './Progress';
import { useLab, useLabActions } from './store-context';

/** "Fast-forward N minutes" of virtual time, with a progress bar. */
export function FastForward() {
  const progress = useLab((s) => s.fastForwardProgress);
  const { fastForward, pause } = useLabActions();
  const [minutes, setMinutes] = useState('10');
  if (progress !== null) return <Progress label="Fast-forward" value={progress} onCancel={pause} />;
  const value = Number(minutes);
  const valid = minutes.trim() !== '' && value > 0 && value <= 43_200;
  return (
    <form
      className="flex items-center gap-1 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) fastForward(Math.round(value * 60_000));
      }}
    >
      <button
        type="submit"
        disabled={!valid}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        Fast-forward
      </button>
      <input
        type="number"
        min={0.1}
        max={43_200}
        step="any"
        value={minutes}
        aria-label="Minutes to fast-forward"
        aria-invalid={!valid}
        onChange={(e) => setMinutes(e.currentTarget.value)}
        className="w-16 rounded-md border border-slate-300 bg-white px-2 py-1 tabular-nums aria-invalid:border-red-500 dark:border-slate-600 dark:bg-slate-800"
      />
      <span>min</span>
    </form>
  );
}
