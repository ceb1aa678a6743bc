import type { RunResult } from '../../store/lab-store';
import { chartRows } from '../../store/series';
import { countSpikes } from '../../store/spikes';
import { ChartCard } from '../charts/ChartCard';
import { msAxis, roundAxis } from '../charts/chart-theme';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { formatMs, formatPercent, formatRate } from '../format';

const A = 'var(--c-p50)';
const B = 'var(--c-p99)';
const SIDES = [
  { key: 'a', name: 'A', color: A },
  { key: 'b', name: 'B', color: B },
];

type Metric = 'goodput' | 'errorPct' | 'p99' | 'amplification';

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
  /** Y axis props for the largest value drawn. */
  yAxis?: (max: number) => Record<string, unknown>;
}> = [
  {
    metric: 'goodput',
    title: 'Goodput',
    unit: '200s that reached their client in time, per s',
    format: formatRate,
  },
  {
    metric: 'errorPct',
    title: 'Error rate',
    unit: '% of responses (429, 409, 503, 4xx, abandoned)',
    format: (v) => formatPercent(v / 100),
  },
  {
    metric: 'p99',
    title: 'Latency p99',
    unit: '200 responses',
    format: formatMs,
    yAxis: () => msAxis,
  },
  {
    metric: 'amplification',
    title: 'Load amplification',
    unit: 'calls ÷ requests',
    format: (v) => `${v.toFixed(2)}×`,
    yAxis: (max) => ({ ...roundAxis(Math.max(1, max)), unit: '×' }),
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
      {CHARTS.map(({ metric, title, unit, format, yAxis }) => {
        const rows = paired(a, b, metric);
        const last = rows.at(-1);
        const max = Math.max(0, ...rows.flatMap((r) => [r.a ?? 0, r.b ?? 0]));
        return (
          <ChartCard
            key={metric}
            title={title}
            unit={unit}
            legend={SIDES}
            testId={`compare-${metric}`}
            summary={
              last
                ? `At the end: A ${last.a === null ? '–' : format(last.a)}, B ${last.b === null ? '–' : format(last.b)}.`
                : 'No data.'
            }
          >
            <TimeSeriesChart
              rows={rows}
              series={SIDES}
              shape="line"
              format={format}
              yAxis={yAxis?.(max)}
            />
          </ChartCard>
        );
      })}
      {(['a', 'b'] as const).map((side) => (
        <ChartCard
          key={side}
          title={`Downstream calls, ${side.toUpperCase()}`}
          unit="calls per 250 ms"
          testId={`compare-calls-${side}`}
          legend={SIDES.filter((x) => x.key === side)}
          summary={`Over the first ${formatMs(fine.length * 250)}: peak ${peak(side)} calls in one 250 ms; ${spikesText(countSpikes(fine.map((r) => r[side])))} of at least a third of the peak.`}
        >
          <TimeSeriesChart
            rows={fine}
            series={SIDES.filter((x) => x.key === side)}
            shape="step"
            format={(v) => String(v)}
            yAxis={{ domain: [0, Math.max(peak('a'), peak('b'), 1)], allowDecimals: false }}
          />
        </ChartCard>
      ))}
    </div>
  );
}
