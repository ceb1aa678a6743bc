import { selectSummary } from '../../store/selectors';
import { formatCount } from '../format';
import { useLab } from '../store-context';

/** What the idempotency store holds and did. */
export function IdempotencyPanel() {
  const summary = useLab(selectSummary);
  const i = summary?.idempotency;
  const rows: Array<[string, number | undefined, string]> = [
    ['Keys stored', i?.keys, 'in progress or completed'],
    ['Replays served', i?.replays, '200 from the store, no downstream call'],
    ['Conflicts', i?.conflicts, '409: the same key was in progress'],
    ['Evictions', i?.evictions, 'live keys dropped to stay within the key limit'],
    ['Expirations', i?.expirations, 'keys whose TTL ran out'],
    ['Duplicate effects', summary?.effects.duplicate, 'work the downstream did twice'],
  ];
  return (
    <section
      aria-labelledby="idem-title"
      className="skip-off-screen rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 id="idem-title" className="text-sm font-semibold">
        Idempotency
      </h2>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600 dark:text-slate-300" title={hint}>
              {label}
            </dt>
            <dd
              className="text-right font-semibold tabular-nums"
              data-testid={`idem-${label.toLowerCase().replace(/ /g, '-')}`}
            >
              {value === undefined ? '–' : formatCount(value)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
