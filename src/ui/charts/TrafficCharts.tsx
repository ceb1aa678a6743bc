import { useMemo } from 'react';
import type { ChartRow } from '../../store/series';
import { formatMs, formatPercent, formatRate } from '../format';
import { ChartCard } from './ChartCard';
import { COLORS, msAxis, roundAxis } from './chart-theme';
import { CHART_TITLES } from './chart-titles';
import { TimeSeriesChart } from './TimeSeriesChart';

const OUTCOMES = [
  { key: 'ok', name: '200 ok', color: COLORS.ok },
  // Answered from the idempotency store, not by the downstream.
  { key: 'replayed', name: '200 replayed (stored response)', color: COLORS.replayed },
  { key: 'rejected', name: '429 rejected', color: COLORS.rejected },
  { key: 'conflict', name: '409 conflict', color: COLORS.conflict },
  { key: 'deadLettered', name: '503 dead-lettered', color: COLORS.deadLettered },
  { key: 'failed', name: '4xx failed (not retried)', color: COLORS.failed },
  { key: 'abandoned', name: 'abandoned (client gone)', color: COLORS.abandoned },
] as const;

const ERRORS = [
  { key: 'errorPct', name: 'errors (429, 409, 503, 4xx, abandoned)', color: COLORS.deadLettered },
  { key: 'rejectedPct', name: '429 rejected', color: COLORS.rejected },
];

// Chart props live outside the components: the same objects on every redraw, so recharts'
// memoized axes see unchanged props and skip re-registering their settings.
const percent = (v: number) => formatPercent(v / 100);
const PERCENT_AXIS = { domain: [0, 100], unit: '%' };
const AMPLIFICATION = [{ key: 'amplification', name: 'amplification', color: COLORS.calls }];
const times = (v: number) => `${v.toFixed(2)}×`;

const PERCENTILES = [
  { key: 'p50', name: 'p50', color: COLORS.p50 },
  { key: 'p95', name: 'p95', color: COLORS.p95 },
  { key: 'p99', name: 'p99', color: COLORS.p99 },
];

const GOODPUT = [
  { key: 'arrivals', name: 'requests arriving', color: COLORS.limit, width: 2, opacity: 0.6 },
  { key: 'goodput', name: 'goodput (200s in time)', color: COLORS.goodput, width: 2 },
  { key: 'abandoned', name: 'abandoned', color: COLORS.abandoned },
  { key: 'resends', name: 'client resends', color: COLORS.rejected, dash: '4 3' },
];

/** Goodput against arrivals: what reached clients in time, and who gave up or sent again. */
export function GoodputChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  return (
    <ChartCard
      title={CHART_TITLES.goodput}
      unit="requests/s"
      testId="chart-goodput"
      points={rows.length}
      legend={GOODPUT}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${formatRate(last.arrivals)} arriving, goodput ${formatRate(last.goodput)}, ${formatRate(last.abandoned)} abandoned, ${formatRate(last.resends)} client resends.`
          : 'No requests yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={GOODPUT} shape="line" format={formatRate} />
    </ChartCard>
  );
}

/** Responses per second, stacked by outcome. */
export function ThroughputChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  return (
    <ChartCard
      title={CHART_TITLES.throughput}
      unit="responses/s"
      testId="chart-throughput"
      points={rows.length}
      legend={OUTCOMES}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${OUTCOMES.map((o) => `${o.name} ${formatRate(last[o.key])}`).join(', ')}.`
          : 'No responses yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={OUTCOMES} shape="stacked" format={formatRate} />
    </ChartCard>
  );
}

/** 429 share and error share of finished requests. */
export function ErrorRateChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  return (
    <ChartCard
      title={CHART_TITLES.errors}
      unit="% of responses"
      testId="chart-errors"
      points={rows.length}
      legend={ERRORS}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: 429 ${percent(last.rejectedPct)}, all errors (429, 409, 503, 4xx, abandoned) ${percent(last.errorPct)} of responses.`
          : 'No responses yet.'
      }
    >
      <TimeSeriesChart
        rows={rows}
        series={ERRORS}
        shape="line"
        format={percent}
        yAxis={PERCENT_AXIS}
      />
    </ChartCard>
  );
}

/** Latency percentiles of 200 responses. */
export function LatencyChart({ rows }: { rows: ChartRow[] }) {
  const last = [...rows].reverse().find((r) => r.p50 !== null);
  return (
    <ChartCard
      title={CHART_TITLES.latency}
      unit="p50 / p95 / p99"
      testId="chart-latency"
      points={rows.length}
      legend={PERCENTILES}
      empty={rows.length === 0}
      summary={
        last
          ? `Latest: p50 ${formatMs(last.p50!)}, p95 ${formatMs(last.p95!)}, p99 ${formatMs(last.p99!)} from arrival to response, queue wait included.`
          : 'No successful responses yet.'
      }
    >
      <TimeSeriesChart
        rows={rows}
        series={PERCENTILES}
        shape="line"
        format={formatMs}
        yAxis={msAxis}
      />
    </ChartCard>
  );
}

/** Downstream calls per client request. */
export function AmplificationChart({ rows }: { rows: ChartRow[] }) {
  const last = [...rows].reverse().find((r) => r.amplification !== null);
  const max = rows.reduce((m, r) => Math.max(m, r.amplification ?? 0), 2);
  const top = roundAxis(max).domain[1];
  // The same axis object while its top holds (see the note on chart props above).
  const yAxis = useMemo(() => ({ ...roundAxis(top), unit: '×' }), [top]);
  return (
    <ChartCard
      title={CHART_TITLES.amplification}
      unit="downstream calls ÷ requests"
      testId="chart-amplification"
      points={rows.length}
      empty={rows.length === 0}
      summary={
        last
          ? `Latest: ${last.amplification!.toFixed(2)} downstream calls per request (1.00 means no retries).`
          : 'No requests yet.'
      }
    >
      <TimeSeriesChart
        rows={rows}
        series={AMPLIFICATION}
        shape="line"
        format={times}
        yAxis={yAxis}
      />
    </ChartCard>
  );
}
