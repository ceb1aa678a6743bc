import type { FlowNumbers } from '../../store/flow';
import { formatRate } from '../format';
import { formatShare, OUTCOME_LOOK } from './flow-text';

// Errors are striped, successes plain: the two differ in more than colour.
const STRIPES =
  'repeating-linear-gradient(135deg, rgb(255 255 255 / 0.55) 0 2px, transparent 2px 5px)';
const isError = (outcome: string) => outcome !== 'ok' && outcome !== 'replayed';

/**
 * Each outcome's share of the requests that left the relay: a bar of 100% and a legend with the
 * status code, the share and the rate. A button: it leads to the charts of outcomes and causes.
 */
export function OutcomeStrip(props: { flow: FlowNumbers; name: string; onPick: () => void }) {
  const { flow, name, onPick } = props;
  const shown = flow.outcomes.filter((o) => o.perSec > 0);
  return (
    <button
      type="button"
      aria-label={name}
      data-part="outcomes"
      onClick={onPick}
      className="mt-2 block w-full rounded-lg px-2 py-1.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-600 dark:hover:bg-slate-800"
    >
      <span className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-semibold text-slate-700 dark:text-slate-200">Leaving the relay</span>
        <span className="tabular-nums text-slate-500 dark:text-slate-400">
          {formatRate(flow.finishedPerSec)} answered
        </span>
      </span>
      <span className="mt-1 flex h-3 gap-px overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
        {shown.map((o) => (
          <span
            key={o.outcome}
            className="block h-full"
            style={{
              width: `${o.permille / 10}%`,
              minWidth: 3,
              backgroundColor: OUTCOME_LOOK[o.outcome].color,
              backgroundImage: isError(o.outcome) ? STRIPES : undefined,
            }}
          />
        ))}
      </span>
      <span className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-200">
        {shown.length === 0 && (
          <span className="text-slate-500 dark:text-slate-400">
            Nothing answered yet: press Play or Step.
          </span>
        )}
        {shown.map((o) => {
          const look = OUTCOME_LOOK[o.outcome];
          return (
            <span key={o.outcome} className="flex items-center gap-1.5 tabular-nums">
              <span
                className="inline-block h-3 w-3 rounded-sm"
                style={{
                  backgroundColor: look.color,
                  backgroundImage: isError(o.outcome) ? STRIPES : undefined,
                }}
              />
              {look.code !== '–' && <span className="font-bold">{look.code}</span>}
              {look.word} {formatShare(o.permille)}
              <span className="text-slate-500 dark:text-slate-400">{formatRate(o.perSec)}</span>
            </span>
          );
        })}
      </span>
    </button>
  );
}
