import { useState } from 'react';
import { COMPARE_DURATION_MS, compareDurationProblem } from '../../store/compare';

/** Minutes as the field shows them: up to 4 decimals, no trailing zeros. */
const minutesOf = (ms: number) => String(Number((ms / 60_000).toFixed(4)));

/**
 * The comparison's run length in minutes of virtual time. A valid value is taken at once; an
 * invalid one stays in the field with a message, and `onValidity` tells the panel to hold Run.
 */
export function RunLengthField(props: {
  /** The length in force, ms: B's own setting, else A's. */
  durationMs: number;
  /** Takes a valid length, ms. */
  onChange: (durationMs: number) => void;
  onValidity: (valid: boolean) => void;
}) {
  // What the person is typing; null shows the length in force (it follows a newly loaded A).
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? minutesOf(props.durationMs);
  const value = Number(text);
  const problem =
    text.trim() === ''
      ? 'Enter the run length in minutes.'
      : compareDurationProblem(Math.round(value * 60_000));
  return (
    <div className="text-sm">
      <label className="block font-medium" htmlFor="compare-minutes">
        Run length
      </label>
      <span className="mt-1 flex items-center gap-1">
        <input
          id="compare-minutes"
          type="number"
          min={COMPARE_DURATION_MS.min / 60_000}
          max={COMPARE_DURATION_MS.max / 60_000}
          step="any"
          value={text}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : 'compare-minutes-problem'}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setDraft(next);
            const ms = Math.round(Number(next) * 60_000);
            const valid = next.trim() !== '' && compareDurationProblem(ms) === null;
            props.onValidity(valid);
            if (valid) props.onChange(ms);
          }}
          onBlur={() => {
            if (problem === null) setDraft(null);
          }}
          className="w-24 rounded-md border border-slate-300 bg-white px-2 py-1 tabular-nums aria-invalid:border-red-600 dark:border-slate-600 dark:bg-slate-800"
        />
        min of virtual time, both sides
      </span>
      {problem !== null && (
        <p id="compare-minutes-problem" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </div>
  );
}
