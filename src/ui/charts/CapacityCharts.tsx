import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartRow } from '../../store/series';
import { formatCount } from '../format';
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

const one = (v: unknown) => Number(v).toFixed(1);

/** Queue depth (mean and peak) against the capacity. */
export function QueueChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const summary = last
    ? `Last second: ${one(last.queueDepth)} waiting on average, peak ${formatCount(last.queueDepthMax)}, capacity ${formatCount(last.queueCapacity)}.`
    : 'No data yet.';
  return (
    <ChartCard
      title="Queue depth against capacity"
      unit="requests waiting"
      summary={summary}
      testId="chart-queue"
      points={rows.length}
      legend={[
        { name: 'mean depth', color: COLORS.level },
        { name: 'peak', color: 'color-mix(in srgb, var(--c-level) 45%, transparent)' },
        { name: 'capacity', color: COLORS.limit },
      ]}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid {...gridProps} />
          <XAxis {...timeAxis(rows)} />
          <YAxis {...valueAxis} />
          <Tooltip {...tooltipProps} labelFormatter={tooltipTime} formatter={one} />
          <Line
            dataKey="queueCapacity"
            name="capacity"
            type="stepAfter"
            stroke={COLORS.limit}
            strokeWidth={2}
            strokeOpacity={0.6}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="queueDepthMax"
            name="peak"
            stroke={COLORS.level}
            strokeOpacity={0.45}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="queueDepth"
            name="mean depth"
            stroke={COLORS.level}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Busy workers against the worker count. */
export function WorkersChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const summary = last
    ? `Last second: ${one(last.busy)} workers busy on average of ${last.workers === null ? 'an unbounded pool' : formatCount(last.workers)}.`
    : 'No data yet.';
  return (
    <ChartCard
      title="Busy workers against the pool"
      unit="workers"
      summary={summary}
      testId="chart-workers"
      points={rows.length}
      legend={[
        { name: 'busy (mean)', color: COLORS.level },
        { name: 'worker count', color: COLORS.limit },
      ]}
      empty={rows.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={MARGIN}>
          <CartesianGrid {...gridProps} />
          <XAxis {...timeAxis(rows)} />
          <YAxis {...valueAxis} />
          <Tooltip {...tooltipProps} labelFormatter={tooltipTime} formatter={one} />
          <Line
            dataKey="workers"
            name="worker count"
            type="stepAfter"
            stroke={COLORS.limit}
            strokeWidth={2}
            strokeOpacity={0.6}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="busy"
            name="busy (mean)"
            stroke={COLORS.level}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
