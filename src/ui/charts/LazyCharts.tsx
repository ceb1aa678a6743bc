/**
 * Every chart loads after the page (the issue's budget lets charts fill in after the first
 * paint): recharts is neither downloaded nor evaluated before the page's first paint, the
 * initial JavaScript stays well within 250 kB gzip, and the page's first tasks stay short. The
 * cures' own charts load with the first one shown (most runs switch no cure on). Each chart keeps
 * its place while it loads.
 */
import { lazy, type ReactNode, Suspense } from 'react';
import type { CallRow, ChartRow, RetryDelays } from '../../store/series';

const traffic = () => import('./TrafficCharts');
const LazyThroughput = lazy(() => traffic().then((m) => ({ default: m.ThroughputChart })));
const LazyGoodput = lazy(() => traffic().then((m) => ({ default: m.GoodputChart })));
const LazyErrorRate = lazy(() => traffic().then((m) => ({ default: m.ErrorRateChart })));
const LazyLatency = lazy(() => traffic().then((m) => ({ default: m.LatencyChart })));
const LazyAmplification = lazy(() => traffic().then((m) => ({ default: m.AmplificationChart })));
const capacity = () => import('./CapacityCharts');
const retries = () => import('./RetryCharts');
const LazyQueue = lazy(() => capacity().then((m) => ({ default: m.QueueChart })));
const LazyWorkers = lazy(() => capacity().then((m) => ({ default: m.WorkersChart })));
const LazyDownstream = lazy(() => capacity().then((m) => ({ default: m.DownstreamChart })));
const LazyDownstreamQueue = lazy(() =>
  capacity().then((m) => ({ default: m.DownstreamQueueChart })),
);
const LazyRetryDelay = lazy(() => retries().then((m) => ({ default: m.RetryDelayChart })));
const LazyCalls = lazy(() => retries().then((m) => ({ default: m.CallsChart })));
const LazyCauses = lazy(() => import('./CausesChart').then((m) => ({ default: m.CausesChart })));
const LazyDuplicates = lazy(() =>
  import('./DuplicatesChart').then((m) => ({ default: m.DuplicatesChart })),
);

const cures = () => import('./CureCharts');
const CURE_CHARTS = {
  budget: lazy(() => cures().then((m) => ({ default: m.BudgetChart }))),
  breaker: lazy(() => cures().then((m) => ({ default: m.BreakerChart }))),
  throttle: lazy(() => cures().then((m) => ({ default: m.ThrottleChart }))),
  hedging: lazy(() => cures().then((m) => ({ default: m.HedgeChart }))),
};

function Slot({ children }: { children: ReactNode }) {
  return <Suspense fallback={<div className="min-h-56" />}>{children}</Suspense>;
}

type Rows = { rows: ChartRow[] };

export const ThroughputChart = (props: Rows) => (
  <Slot>
    <LazyThroughput {...props} />
  </Slot>
);
export const GoodputChart = (props: Rows) => (
  <Slot>
    <LazyGoodput {...props} />
  </Slot>
);
export const ErrorRateChart = (props: Rows) => (
  <Slot>
    <LazyErrorRate {...props} />
  </Slot>
);
export const LatencyChart = (props: Rows) => (
  <Slot>
    <LazyLatency {...props} />
  </Slot>
);
export const AmplificationChart = (props: Rows) => (
  <Slot>
    <LazyAmplification {...props} />
  </Slot>
);
export const QueueChart = (props: Rows) => (
  <Slot>
    <LazyQueue {...props} />
  </Slot>
);
export const WorkersChart = (props: Rows) => (
  <Slot>
    <LazyWorkers {...props} />
  </Slot>
);
export const DownstreamChart = (props: Rows) => (
  <Slot>
    <LazyDownstream {...props} />
  </Slot>
);
export const DownstreamQueueChart = (props: Rows) => (
  <Slot>
    <LazyDownstreamQueue {...props} />
  </Slot>
);
export const CausesChart = (props: Rows) => (
  <Slot>
    <LazyCauses {...props} />
  </Slot>
);
export const DuplicatesChart = (props: Rows) => (
  <Slot>
    <LazyDuplicates {...props} />
  </Slot>
);
export const RetryDelayChart = (props: { delays: RetryDelays }) => (
  <Slot>
    <LazyRetryDelay {...props} />
  </Slot>
);
export const CallsChart = (props: { calls: { rows: CallRow[]; groupMs: number } }) => (
  <Slot>
    <LazyCalls {...props} />
  </Slot>
);

/** The chart of one cure. */
export function CureChart({ cure, rows }: { cure: keyof typeof CURE_CHARTS; rows: ChartRow[] }) {
  const Chart = CURE_CHARTS[cure];
  return (
    <Slot>
      <Chart rows={rows} />
    </Slot>
  );
}
