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
import type { RunResult } from '../../store/batch-runner';
import { chartRows } from '../../store/series';
import { countSpikes } from '../../store/spikes';
import { ChartCard } from '../charts/ChartCard';
import {
  gridProps,
  MARGIN,
  timeAxis,
  tooltipProps,
  tooltipTime,
  valueAxis,
} from '../charts/chart-theme';
import { formatMs, formatPercent, formatRate } from '../format';

const A = 'var(--c-p50)';
const B = 'var(--c-p99)';
const legend = [
  { name: 'A', color: A },
  { name: 'B', color: B },
];

type Metric = 'ok' | 'errorPct' | 'p99' | 'amplification';

function paired(a: RunResult, b: RunResult, metric: Metric) {
  const ra = chartRows(a.points);
  const rb = chartRows(b.points);
  return ra.map((row, i) => ({ t: row.t, a: row[metric], b: rb[i]?.[metric] ?? null }));
}

const CHARTS: ReadonlyArray<{
  metric: Metric;
  title: string;
  unit: string;
  format: (v: number) => string;
}> = [
  { metric: 'ok', title: 'Successful responses', unit: '200 ok/s', format: formatRate },
  {
    metric: 'errorPct',
    title: 'Error rate',
    unit: '% of responses (429 + 409 + 503)',
    format: (v) => formatPercent(v / 100),
  },
  { metric: 'p99', title: 'Latency p99', unit: 'ms', format: formatMs },
  {
    metric: 'amplification',
    title: 'Load amplification',
    unit: 'calls ÷ requests',
    format: (v) => `${v.toFixed(2)}×`,
  },
];

function spikesText(n: number): string {
  return `${n} ${n === 1 ? 'spike' : 'spikes'}`;
}

/** A and B overlaid, metric by metric, and their downstream calls per 250 ms side by side. */
export function CompareCharts({ a, b }: { a: RunResult; b: RunResult }) {
  const fine = a.fineCalls.map(([t, calls], i) => ({ t, a: calls, b: b.fineCalls[i]?.[1] ?? 0 }));
  const peak = (side: 'a' | 'b') => Math.max(0, ...fine.map((r) => r[side]));
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
      {CHARTS.map(({ metric, title, unit, format }) => {
        const rows = paired(a, b, metric);
        const last = rows.at(-1);
        return (
          <ChartCard
            key={metric}
            title={title}
            unit={unit}
            legend={legend}
            testId={`compare-${metric}`}
            summary={
              last
                ? `At the end: A ${last.a === null ? '–' : format(last.a)}, B ${last.b === null ? '–' : format(last.b)}.`
                : 'No data.'
            }
          >
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={rows} margin={MARGIN}>
                <CartesianGrid {...gridProps} />
                <XAxis {...timeAxis(rows)} />
                <YAxis {...valueAxis} />
                <Tooltip
                  {...tooltipProps}
                  labelFormatter={tooltipTime}
                  formatter={(v) => format(Number(v))}
                />
                <Line dataKey="a" name="A" stroke={A} dot={false} isAnimationActive={false} />
                <Line dataKey="b" name="B" stroke={B} dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </ChartCard>
        );
      })}
      {(['a', 'b'] as const).map((side) => (
        <ChartCard
          key={side}
          title={`Downstream calls, ${side.toUpperCase()}`}
          unit="calls per 250 ms"
          testId={`compare-calls-${side}`}
          legend={[{ name: side.toUpperCase(), color: side === 'a' ? A : B }]}
          summary={`Over the first ${formatMs(fine.length * 250)}: peak ${peak(side)} calls in one 250 ms; ${spikesText(countSpikes(fine.map((r) => r[side])))} of at least half the peak.`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={fine} margin={MARGIN}>
              <CartesianGrid {...gridProps} />
              <XAxis {...timeAxis(fine)} />
              <YAxis
                {...valueAxis}
                domain={[0, Math.max(peak('a'), peak('b'), 1)]}
                allowDecimals={false}
              />
              <Tooltip {...tooltipProps} labelFormatter={tooltipTime} />
              <Area
                dataKey={side}
                name={side.toUpperCase()}
                type="stepAfter"
                stroke={side === 'a' ? A : B}
                fill={side === 'a' ? A : B}
                fillOpacity={0.4}
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </ChartCard>
      ))}
    </div>
  );
}
