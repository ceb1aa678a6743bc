/**
 * The cures' own charts (retry budget, breaker, throttling, hedging): shown only while a cure is
 * on or has data in the window, so they load with the first one shown.
 */
import type { ChartRow } from '../../store/series';
import { formatCount, formatPercent, formatRate } from '../format';
import { ChartCard } from './ChartCard';
import { COLORS, roundAxis } from './chart-theme';
import { CHART_TITLES } from './chart-titles';
import { type Series, TimeSeriesChart } from './TimeSeriesChart';

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
