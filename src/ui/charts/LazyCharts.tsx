/**
 * Every chart loads after the page (the issue's budget lets charts fill in after the first
 * paint): recharts is neither downloaded nor evaluated before the page's first paint, the
 * initial JavaScript stays well within 250 kB gzip, and the page's first tasks stay short. The
 * cures' own charts load with the first one shown (most runs switch no cure on). Each chart keeps
 * its place while it loads.
 */
import { type ComponentType, lazy, Suspense } from 'react';
import type { ChartRow } from '../../store/series';

/** Where a chart loads, keeping its place meanwhile. */
const placeholder = <div className="min-h-56" />;

/**
 * The chart `load` resolves to, loaded on its first draw: the component drawn in its place (its
 * props typed as the chart's own).
 */
function lazyChart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Chart = lazy(() => load().then((chart) => ({ default: chart })));
  return (props: P) => (
    <Suspense fallback={placeholder}>
      <Chart {...props} />
    </Suspense>
  );
}

const traffic = () => import('./TrafficCharts');
export const ThroughputChart = lazyChart(() => traffic().then((m) => m.ThroughputChart));
export const GoodputChart = lazyChart(() => traffic().then((m) => m.GoodputChart));
export const ErrorRateChart = lazyChart(() => traffic().then((m) => m.ErrorRateChart));
export const LatencyChart = lazyChart(() => traffic().then((m) => m.LatencyChart));
export const AmplificationChart = lazyChart(() => traffic().then((m) => m.AmplificationChart));

const capacity = () => import('./CapacityCharts');
export const QueueChart = lazyChart(() => capacity().then((m) => m.QueueChart));
export const WorkersChart = lazyChart(() => capacity().then((m) => m.WorkersChart));
export const DownstreamChart = lazyChart(() => capacity().then((m) => m.DownstreamChart));
export const DownstreamQueueChart = lazyChart(() => capacity().then((m) => m.DownstreamQueueChart));

const retries = () => import('./RetryCharts');
export const RetryDelayChart = lazyChart(() => retries().then((m) => m.RetryDelayChart));
export const CallsChart = lazyChart(() => retries().then((m) => m.CallsChart));

export const CausesChart = lazyChart(() => import('./CausesChart').then((m) => m.CausesChart));
export const DuplicatesChart = lazyChart(() =>
  import('./DuplicatesChart').then((m) => m.DuplicatesChart),
);

const cures = () => import('./CureCharts');
const CURE_CHARTS = {
  budget: lazyChart(() => cures().then((m) => m.BudgetChart)),
  breaker: lazyChart(() => cures().then((m) => m.BreakerChart)),
  throttle: lazyChart(() => cures().then((m) => m.ThrottleChart)),
  hedging: lazyChart(() => cures().then((m) => m.HedgeChart)),
};

/** The chart of one cure. */
export function CureChart({ cure, rows }: { cure: keyof typeof CURE_CHARTS; rows: ChartRow[] }) {
  const Chart = CURE_CHARTS[cure];
  return <Chart rows={rows} />;
}
