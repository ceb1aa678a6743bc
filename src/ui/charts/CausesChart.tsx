import type { ChartRow } from '../../store/series';
import { formatRate } from '../format';
import { ChartCard } from './ChartCard';
import { COLORS } from './chart-theme';
import { CHART_TITLES } from './chart-titles';
import { type Series, TimeSeriesChart } from './TimeSeriesChart';

type RowKey = keyof ChartRow;

// A refusal and the dead letter it can lead to share a colour: solid for the refusal (an answer
// to one attempt or request), dashed for the dead letter (a request given up for that cause).
const CAUSES: ReadonlyArray<Series & { key: RowKey }> = [
  { key: 'rejectedQueueFull', name: '429: queue full', color: COLORS.rejected },
  { key: 'rejectedThrottled', name: '429: throttled', color: COLORS.throttled },
  { key: 'rejectedShed', name: '429: shed by CoDel', color: COLORS.shed },
  { key: 'breakerRefused', name: 'breaker refused a call', color: COLORS.breaker },
  {
    key: 'deadRetriesExhausted',
    name: 'dead letter: retries exhausted',
    color: COLORS.deadLettered,
    dash: '4 3',
  },
  { key: 'deadBudgetSpent', name: 'dead letter: budget spent', color: COLORS.budget, dash: '4 3' },
  { key: 'deadBreakerOpen', name: 'dead letter: breaker open', color: COLORS.breaker, dash: '4 3' },
  { key: 'deadThrottled', name: 'dead letter: throttled', color: COLORS.throttled, dash: '4 3' },
];

/** The series of `all` with a value above 0 somewhere in `rows`: a cause never seen is not drawn. */
function present<S extends { key: RowKey }>(rows: readonly ChartRow[], all: readonly S[]): S[] {
  return all.filter((s) => rows.some((row) => (row[s.key] as number | null) !== 0));
}

/** Refusals and dead letters per second, by cause: which part of the relay said no, and why. */
export function CausesChart({ rows }: { rows: ChartRow[] }) {
  const shown = present(rows, CAUSES);
  const last = rows.at(-1);
  const lastParts = last
    ? CAUSES.filter((s) => (last[s.key] as number) > 0).map(
        (s) => `${s.name} ${formatRate(last[s.key] as number)}`,
      )
    : [];
  return (
    <ChartCard
      title={CHART_TITLES.causes}
      unit="per second"
      testId="chart-causes"
      points={rows.length}
      legend={shown}
      empty={rows.length === 0}
      summary={
        last === undefined
          ? 'No requests yet.'
          : lastParts.length === 0
            ? 'Last second: nothing refused and no dead letters.'
            : `Last second: ${lastParts.join(', ')}.`
      }
    >
      {shown.length === 0 ? (
        <p className="flex h-full items-center justify-center text-sm text-slate-500 dark:text-slate-400">
          Nothing refused and no dead letters in this window.
        </p>
      ) : (
        <TimeSeriesChart rows={rows} series={shown} shape="line" format={formatRate} />
      )}
    </ChartCard>
  );
}
