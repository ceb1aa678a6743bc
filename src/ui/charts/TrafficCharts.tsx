import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartRow } from '../../store/series';
import { formatMs, formatPercent, formatRate } from '../format';
import { ChartCard } from './ChartCard';
import {
  COLORS,
  gridProps,
  MARGIN,
  timeAxis,
  tooltipProps,
  tooltipTime,
  valueAxis,
} from './chart-theme';

const OUTCOMES = [
  { key: 'ok', name: '200 ok', color: COLORS.ok },
  { key: 'replayed', name: '200 replayed', color: COLORS.replayed },
  { key: 'rejected', name: '429 rejected', color: COLORS.rejected },
  { key: 'conflict', name: '409 conflict', color: COLORS.conflict },
  { key: 'deadLettered', name: '503 dead-lettered', color: COLORS.deadLettered },
] as const;

/** Responses per second, stacked by outcome. */
export function ThroughputChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const summary = last
    ? `Last second: ${OUTCOMES.map((o) => `${o.name} ${formatRate(last[o.key])}`).join(', ')}.`
    : 'No responses yet.';
  return (
    <ChartCard
      title="Throughput by outcome"
      unit="responses/s"
      summary={summary}
      testId="chart-throughput"
      points={rows.length}
      legend={OUTCOMES}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={MARGIN}>
          <CartesianGrid {...gridProps} />
          <XAxis {...timeAxis(rows)} />
          <YAxis {...valueAxis} />
          <Tooltip
            {...tooltipProps}
            labelFormatter={tooltipTime}
            formatter={(v) => formatRate(Number(v))}
          />
          {OUTCOMES.map((o) => (
            <Area
              key={o.key}
              dataKey={o.key}
              name={o.name}
              stackId="outcomes"
              type="linear"
              stroke={o.color}
              fill={o.color}
              fillOpacity={0.55}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** 429 share and error share of finished requests. */
export function ErrorRateChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const summary = last
    ? `Last second: 429 ${formatPercent(last.rejectedPct / 100)}, all errors (429, 409, 503) ${formatPercent(last.errorPct / 100)} of responses.`
    : 'No responses yet.';
  return (
    <ChartCard
      title="429 rate and error rate"
      unit="% of responses"
      summary={summary}
      testId="chart-errors"
      points={rows.length}
      legend={[
        { name: 'errors (429 + 409 + 503)', color: COLORS.deadLettered },
        { name: '429 rejected', color: COLORS.rejected },
      ]}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid {...gridProps} />
          <XAxis {...timeAxis(rows)} />
          <YAxis {...valueAxis} domain={[0, 100]} unit="%" />
          <Tooltip
            {...tooltipProps}
            labelFormatter={tooltipTime}
            formatter={(v) => formatPercent(Number(v) / 100)}
          />
          <Line
            dataKey="errorPct"
            name="errors (429 + 409 + 503)"
            stroke={COLORS.deadLettered}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="rejectedPct"
            name="429 rejected"
            stroke={COLORS.rejected}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Latency percentiles of 200 responses. */
export function LatencyChart({ rows }: { rows: ChartRow[] }) {
  const last = [...rows].reverse().find((r) => r.p50 !== null);
  const summary = last
    ? `Latest: p50 ${formatMs(last.p50!)}, p95 ${formatMs(last.p95!)}, p99 ${formatMs(last.p99!)} from arrival to response, queue wait included.`
    : 'No successful responses yet.';
  return (
    <ChartCard
      title="Latency of 200 responses"
      unit="ms, p50 / p95 / p99"
      summary={summary}
      testId="chart-latency"
      points={rows.length}
      legend={[
        { name: 'p50', color: COLORS.p50 },
        { name: 'p95', color: COLORS.p95 },
        { name: 'p99', color: COLORS.p99 },
      ]}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid {...gridProps} />
          <XAxis {...timeAxis(rows)} />
          <YAxis {...valueAxis} unit=" ms" width={64} />
          <Tooltip
            {...tooltipProps}
            labelFormatter={tooltipTime}
            formatter={(v) => formatMs(Number(v))}
          />
          <Line
            dataKey="p50"
            name="p50"
            stroke={COLORS.p50}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            dataKey="p95"
            name="p95"
            stroke={COLORS.p95}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            dataKey="p99"
            name="p99"
            stroke={COLORS.p99}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Downstream calls per client request. */
export function AmplificationChart({ rows }: { rows: ChartRow[] }) {
  const last = [...rows].reverse().find((r) => r.amplification !== null);
  const summary = last
    ? `Latest: ${last.amplification!.toFixed(2)} downstream calls per request (1.00 means no retries).`
    : 'No requests yet.';
  return (
    <ChartCard
      title="Load amplification"
      unit="downstream calls ÷ requests"
      summary={summary}
      testId="chart-amplification"
      points={rows.length}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid {...gridProps} />
          <XAxis {...timeAxis(rows)} />
          <YAxis
            {...valueAxis}
            domain={[0, (max: number) => Math.max(2, Math.ceil(max))]}
            unit="×"
          />
          <Tooltip
            {...tooltipProps}
            labelFormatter={tooltipTime}
            formatter={(v) => `${Number(v).toFixed(2)}×`}
          />
          <Line
            dataKey="amplification"
            name="amplification"
            stroke={COLORS.calls}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
