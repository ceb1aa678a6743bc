import type { ChartRow } from '../../store/series';
import { formatCount, formatPercent, formatRate } from '../format';
import { ChartCard } from './ChartCard';
import { COLORS, roundAxis } from './chart-theme';
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

const BUDGET: readonly Series[] = [
  { key: 'budgetCapacity', name: 'capacity', color: COLORS.limit, width: 2, opacity: 0.6 },
  { key: 'budgetLevel', name: 'retries it allows now', color: COLORS.budget, width: 2 },
  { key: 'deadBudgetSpent', name: 'dead letters: budget spent (/s)', color: COLORS.deadLettered },
];
const one = (v: number) => (Number.isInteger(v) ? formatCount(v) : v.toFixed(1));

/** The retry budget's level (tokens, or retries it allows now) against its capacity. */
export function BudgetChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const capped = rows.some((r) => r.budgetCapacity !== null);
  const series = capped ? BUDGET : BUDGET.slice(1);
  return (
    <ChartCard
      title={CHART_TITLES.budget}
      unit="tokens"
      testId="chart-budget"
      points={rows.length}
      legend={series}
      empty={rows.length === 0}
      summary={
        last?.budgetLevel == null
          ? 'The retry budget is off.'
          : `Last second: the budget allows ${one(last.budgetLevel)} retries${last.budgetCapacity === null ? '' : ` of ${one(last.budgetCapacity)}`}; ${formatRate(last.deadBudgetSpent)} dead letters for a spent budget.`
      }
    >
      <TimeSeriesChart rows={rows} series={series} shape="line" format={one} />
    </ChartCard>
  );
}

const BREAKER_STATES = ['closed', 'half-open', 'open'];
const BREAKER: readonly Series[] = [
  { key: 'breakerState', name: 'state (worst in the interval)', color: COLORS.breaker },
];
const BREAKER_AXIS = {
  domain: [0, 2],
  ticks: [0, 1, 2],
  tickFormatter: (v: number) => BREAKER_STATES[v] ?? '',
  width: 72,
};
const breakerState = (v: number) => BREAKER_STATES[v] ?? '';

/** The circuit breaker's state over time: closed, half-open (probing) or open (refusing). */
export function BreakerChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const open = rows.filter((r) => r.breakerState === 2).length;
  return (
    <ChartCard
      title={CHART_TITLES.breaker}
      unit="state"
      testId="chart-breaker"
      points={rows.length}
      legend={BREAKER}
      empty={rows.length === 0}
      summary={
        last?.breakerState == null
          ? 'The circuit breaker is off.'
          : `Now ${breakerState(last.breakerState)}; open in ${formatCount(open)} of the ${formatCount(rows.length)} intervals shown; ${formatRate(last.breakerRefused)} calls refused in the last second.`
      }
    >
      <TimeSeriesChart
        rows={rows}
        series={BREAKER}
        shape="step"
        format={breakerState}
        yAxis={BREAKER_AXIS}
      />
    </ChartCard>
  );
}

const THROTTLE: readonly Series[] = [
  { key: 'throttlePct', name: 'probability of refusing a call', color: COLORS.throttled, width: 2 },
];
const PERCENT_AXIS = { ...roundAxis(100), unit: '%' };
const percent = (v: number) => formatPercent(v / 100);

/** Adaptive throttling's probability of refusing a call at the relay, over time. */
export function ThrottleChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  return (
    <ChartCard
      title={CHART_TITLES.throttle}
      unit="% of calls refused"
      testId="chart-throttle"
      points={rows.length}
      legend={THROTTLE}
      empty={rows.length === 0}
      summary={
        last?.throttlePct == null
          ? 'Adaptive throttling is off.'
          : `Last second: the relay refuses ${percent(last.throttlePct)} of calls itself; ${formatRate(last.rejectedThrottled + last.deadThrottled)} requests turned away for it.`
      }
    >
      <TimeSeriesChart
        rows={rows}
        series={THROTTLE}
        shape="line"
        format={percent}
        yAxis={PERCENT_AXIS}
      />
    </ChartCard>
  );
}

const HEDGES: readonly Series[] = [
  { key: 'calls', name: 'downstream calls', color: COLORS.limit, width: 2, opacity: 0.6 },
  { key: 'hedges', name: 'hedges sent', color: COLORS.calls },
  { key: 'hedgeWins', name: 'hedges that answered first', color: COLORS.ok },
  { key: 'cancelled', name: 'twins cancelled before they ran', color: COLORS.abandoned },
];

/** Hedged requests: how many are sent, how many win, against all downstream calls. */
export function HedgeChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const share = last && last.calls > 0 ? last.hedges / last.calls : 0;
  return (
    <ChartCard
      title={CHART_TITLES.hedges}
      unit="per second"
      testId="chart-hedges"
      points={rows.length}
      legend={HEDGES}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${formatRate(last.hedges)} hedges (${formatPercent(share)} of calls), ${formatRate(last.hedgeWins)} answered first, ${formatRate(last.cancelled)} twins cancelled before they ran.`
          : 'No calls yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={HEDGES} shape="line" format={formatRate} />
    </ChartCard>
  );
}

/** Which cure charts have something to show in `rows`: a cure on at any time in the window. */
export function curesIn(rows: readonly ChartRow[]) {
  return {
    budget: rows.some((r) => r.budgetLevel !== null),
    breaker: rows.some((r) => r.breakerState !== null),
    throttle: rows.some((r) => r.throttlePct !== null),
    hedging: rows.some((r) => r.hedges > 0),
  };
}
