import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { binEdgeTicks, type CallRow, FINE_MS, type RetryDelays } from '../../store/series';
import { countSpikes } from '../../store/spikes';
import { formatCount, formatMs } from '../format';
import { ChartCard } from './ChartCard';
import { COLORS, edgeTick, gridProps, MARGIN, tooltipProps, valueAxis } from './chart-theme';
import { CHART_TITLES } from './chart-titles';
import { TimeSeriesChart } from './TimeSeriesChart';

// Chart props live outside the components: the same objects on every redraw, so recharts'
// memoized axes see unchanged props and skip re-registering their settings.
const CALLS = [{ key: 'calls', name: 'calls', color: COLORS.calls }];
const WHOLE_NUMBERS = { allowDecimals: false };

/** Colour of retry number `r` (1-based) among `count`: from light to dark. */
function retryColor(r: number, count: number): string {
  const lightness = count <= 1 ? 55 : 75 - (30 * (r - 1)) / (count - 1);
  return `hsl(262 60% ${lightness}%)`;
}

/** A sentence on the sampled delays: how many of the retries, and their spread per retry number. */
function delaySummary(delays: RetryDelays): string {
  if (delays.spread.length === 0) return 'No retries in this window.';
  const sampled = delays.spread.reduce((sum, s) => sum + s.count, 0);
  const spread = delays.spread
    .map(
      (s) =>
        `retry ${s.retry}: ${formatCount(s.count)} delays from ${formatMs(s.min)} to ${formatMs(s.max)} (median ${formatMs(s.median)})`,
    )
    .join('; ');
  return `From a sample of ${formatCount(sampled)} delays of the ${formatCount(delays.retried)} retries in view: ${spread}.`;
}

/**
 * How the backoff delays are spread, by retry number. The engine keeps a capped sample of the
 * delays (RETRY_SAMPLES_PER_BUCKET per bucket), so the bars are a sample, not counts of retries.
 */
export function RetryDelayChart({ delays }: { delays: RetryDelays }) {
  const end = delays.bins.at(-1)?.to ?? 1;
  const bins = delays.bins.map((bin) => ({ ...bin, mid: (bin.from + bin.to) / 2 }));
  return (
    <ChartCard
      title={CHART_TITLES['retry-delays']}
      unit="sampled delays per bin"
      summary={delaySummary(delays)}
      testId="chart-retry-delays"
      legend={delays.retries.map((r) => ({
        name: `retry ${r}`,
        color: retryColor(r, delays.retries.length),
      }))}
      empty={delays.spread.length === 0}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bins} margin={MARGIN} barCategoryGap={1} accessibilityLayer={false}>
          <CartesianGrid {...gridProps} />
          {/* A number axis of the bins' middles: each bar spans its bin, the ticks on bin edges. */}
          <XAxis
            dataKey="mid"
            type="number"
            domain={[0, end]}
            ticks={binEdgeTicks(delays.bins)}
            interval={0}
            stroke={COLORS.axis}
            tick={edgeTick(0, end, formatMs)}
          />
          <YAxis {...valueAxis} allowDecimals={false} />
          <Tooltip
            {...tooltipProps}
            labelFormatter={(_, payload) => {
              const row = payload?.[0]?.payload as { from: number; to: number } | undefined;
              return row ? `${formatMs(row.from)} – ${formatMs(row.to)}` : '';
            }}
          />
          {delays.retries.map((r) => (
            <Bar
              key={r}
              dataKey={`r${r}`}
              name={`retry ${r}`}
              stackId="retries"
              fill={retryColor(r, delays.retries.length)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/**
 * Downstream calls per 250 ms over the charts' window: synchronized retry waves show up as
 * spikes. Where the window holds more 250 ms buckets than the chart draws, each point is the
 * peak of a few of them, so a wave keeps its height.
 */
export function CallsChart({ calls }: { calls: { rows: CallRow[]; groupMs: number } }) {
  const { rows, groupMs } = calls;
  const peak = rows.reduce((max, r) => Math.max(max, r.calls), 0);
  const spikes = countSpikes(rows.map((r) => r.calls));
  const spanMs = rows.length === 0 ? 0 : rows.at(-1)!.t + groupMs - rows[0]!.t;
  const merged = groupMs > FINE_MS;
  const summary =
    rows.length === 0
      ? 'No calls yet.'
      : `Over the last ${formatMs(spanMs)}: peak ${formatCount(peak)} calls in 250 ms; ${spikes} ${spikes === 1 ? 'spike' : 'spikes'} of at least a third of the peak${merged ? ` (each point the busiest 250 ms of ${formatMs(groupMs)})` : ''}.`;
  return (
    <ChartCard
      title={CHART_TITLES.calls}
      unit={merged ? `peak calls per 250 ms, per ${formatMs(groupMs)}` : 'calls per 250 ms'}
      summary={summary}
      testId="chart-calls"
      points={rows.length}
      empty={rows.length === 0}
    >
      {/* One stepped path, not 240 bars: a bar per bucket costs a component each redraw. */}
      <TimeSeriesChart
        rows={rows}
        series={CALLS}
        shape="step"
        format={formatCount}
        yAxis={WHOLE_NUMBERS}
      />
    </ChartCard>
  );
}
