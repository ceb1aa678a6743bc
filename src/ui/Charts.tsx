import { type ReactNode, useEffect, useMemo } from 'react';
import type { ChartId, MetricsBucket } from '../core';
import { type Marker, marksIn } from '../store/markers';
import {
  callsFor,
  curesFor,
  delaysFor,
  rowsFor,
  selectConfig,
  selectFineCalls,
  selectMarkers,
  selectPoints,
  selectWindowMs,
} from '../store/selectors';
import {
  AmplificationChart,
  CallsChart,
  CausesChart,
  CureChart,
  DownstreamChart,
  DownstreamQueueChart,
  DuplicatesChart,
  ErrorRateChart,
  GoodputChart,
  LatencyChart,
  QueueChart,
  RetryDelayChart,
  ThroughputChart,
  WorkersChart,
} from './charts/LazyCharts';
import { describeMarker, MarkersContext } from './charts/markers-context';
import { Paced, setPacingSpacing } from './charts/pacing';
import { ErrorBoundary } from './ErrorBoundary';
import { formatMs } from './format';
import { useLab } from './store-context';

/**
 * What a chart draws from: the window of 1 s points, or (the calls chart) the 250 ms call counts.
 * Each kind is its own value, so a chart redraws only when its own data changed (at 1× the call
 * counts change four times a second, the points once).
 */
interface ChartData {
  points: MetricsBucket[];
  windowMs: number;
  markers: readonly Marker[];
}
interface CallsData {
  fineCalls: Array<[number, number]>;
  windowMs: number;
  markers: readonly Marker[];
}

// Series are derived when a chart redraws, in its own frame (and shared through the memo), not
// for every snapshot. Module-level renderers keep their identity, so a paced chart redraws only
// for new data.
const rows = (d: ChartData) => rowsFor(d.points, d.windowMs);
/** A chart of the live panel: its id (`CHART_IDS`, drawn as `data-testid="chart-<id>"`). */
type LiveChart = { id: ChartId; name: string } & (
  | { uses?: 'points'; render: (data: ChartData) => ReactNode }
  | { uses: 'calls'; render: (data: CallsData) => ReactNode }
);
const CHARTS: LiveChart[] = [
  { id: 'throughput', name: 'Throughput chart', render: (d) => <ThroughputChart rows={rows(d)} /> },
  { id: 'goodput', name: 'Goodput chart', render: (d) => <GoodputChart rows={rows(d)} /> },
  { id: 'errors', name: 'Error rate chart', render: (d) => <ErrorRateChart rows={rows(d)} /> },
  { id: 'latency', name: 'Latency chart', render: (d) => <LatencyChart rows={rows(d)} /> },
  {
    id: 'retry-delays',
    name: 'Retry delay chart',
    render: (d) => <RetryDelayChart delays={delaysFor(d.points, d.windowMs)} />,
  },
  {
    id: 'calls',
    name: 'Calls chart',
    uses: 'calls',
    render: (d: CallsData) => <CallsChart calls={callsFor(d.fineCalls, d.windowMs)} />,
  },
  {
    id: 'amplification',
    name: 'Amplification chart',
    render: (d) => <AmplificationChart rows={rows(d)} />,
  },
  {
    id: 'duplicates',
    name: 'Duplicate effects chart',
    render: (d) => <DuplicatesChart rows={rows(d)} />,
  },
  { id: 'queue', name: 'Queue chart', render: (d) => <QueueChart rows={rows(d)} /> },
  { id: 'workers', name: 'Workers chart', render: (d) => <WorkersChart rows={rows(d)} /> },
  { id: 'downstream', name: 'Downstream chart', render: (d) => <DownstreamChart rows={rows(d)} /> },
  {
    id: 'downstream-queue',
    name: 'Downstream queue chart',
    render: (d) => <DownstreamQueueChart rows={rows(d)} />,
  },
  { id: 'causes', name: 'Causes chart', render: (d) => <CausesChart rows={rows(d)} /> },
];

/** The cures' charts, each drawn while its cure is on or its data is in the window. */
const CURE_CHARTS = {
  budget: {
    id: 'budget',
    name: 'Retry budget chart',
    render: (d) => <CureChart cure="budget" rows={rows(d)} />,
  },
  breaker: {
    id: 'breaker',
    name: 'Breaker chart',
    render: (d) => <CureChart cure="breaker" rows={rows(d)} />,
  },
  throttle: {
    id: 'throttle',
    name: 'Throttling chart',
    render: (d) => <CureChart cure="throttle" rows={rows(d)} />,
  },
  hedging: {
    id: 'hedges',
    name: 'Hedging chart',
    render: (d) => <CureChart cure="hedging" rows={rows(d)} />,
  },
} satisfies Record<string, LiveChart>;
type Cure = keyof typeof CURE_CHARTS;

type Marked = { markers: readonly Marker[] };
// One wrapper per renderer, so a paced chart keeps seeing the same function.
const wrapped = new WeakMap<object, (d: never) => ReactNode>();
/** `render` with the marks of its data given to the time charts it draws. */
function withMarkers<D extends Marked>(render: (d: D) => ReactNode): (d: D) => ReactNode {
  let marked = wrapped.get(render) as ((d: D) => ReactNode) | undefined;
  if (marked === undefined) {
    marked = (d: D) => (
      <MarkersContext.Provider value={d.markers}>{render(d)}</MarkersContext.Provider>
    );
    wrapped.set(render, marked);
  }
  return marked;
}

/** The events in the charts' window, in words: the text alternative of the marks. */
function EventsInView({ data }: { data: ChartData }) {
  const last = data.points.at(-1)?.endMs ?? 0;
  const from = Math.max(0, last - data.windowMs);
  const shown = marksIn(data.markers, from, last);
  if (shown.length === 0 || data.points.length === 0) return null;
  return (
    <p data-testid="events-in-view" className="mb-2 text-xs text-slate-600 dark:text-slate-300">
      <span className="font-medium">Events in view (marked on the charts):</span>{' '}
      {shown.map(describeMarker).join(' · ')}
    </p>
  );
}

/** Every chart, over the window that suits the speed. */
export function Charts() {
  const points = useLab(selectPoints);
  const fineCalls = useLab(selectFineCalls);
  const windowMs = useLab(selectWindowMs);
  const markers = useLab(selectMarkers);
  const data = useMemo(() => ({ points, windowMs, markers }), [points, windowMs, markers]);
  const calls = useMemo(() => ({ fineCalls, windowMs, markers }), [fineCalls, windowMs, markers]);
  const speed = useLab((s) => s.speed);
  // At Max every snapshot brings a whole new window: a redraw every 2.4 s per chart leaves the
  // main thread (and the core the engine shares with it) to the run.
  useEffect(() => setPacingSpacing(speed === 'max' ? 8 : speed === 100 ? 4 : 2), [speed]);
  // The rows of a new window are derived in a task of their own, before the charts' turns come:
  // at Max every snapshot brings a whole new window (150 rows merged from 900 points, 10–40 ms),
  // which would otherwise be paid in the snapshot's task or in the first chart's redraw.
  useEffect(() => {
    const timer = setTimeout(() => rowsFor(points, windowMs), 0);
    return () => clearTimeout(timer);
  }, [points, windowMs]);
  // A primitive, so the list changes only when a cure is switched on or leaves the window.
  const cures = useLab((s) => {
    const { relay } = selectConfig(s);
    const seen = curesFor(s.points, windowMs);
    const on: Record<Cure, boolean> = {
      budget: relay.budget.variant !== 'off' || seen.budget,
      breaker: relay.breaker.trip !== 'off' || seen.breaker,
      throttle: relay.throttle.enabled || seen.throttle,
      hedging: relay.hedge.mode !== 'off' || seen.hedging,
    };
    return (Object.keys(on) as Cure[]).filter((cure) => on[cure]).join(' ');
  });
  const charts = useMemo(
    (): LiveChart[] => [
      ...CHARTS,
      ...(cures === '' ? [] : cures.split(' ').map((cure) => CURE_CHARTS[cure as Cure])),
    ],
    [cures],
  );
  return (
    <section aria-labelledby="charts-title">
      <h2
        id="charts-title"
        className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-300"
      >
        Charts <span className="font-normal">(last {formatMs(windowMs)} of virtual time)</span>
      </h2>
      <EventsInView data={data} />
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2 2xl:grid-cols-3">
        {charts.map((chart, slot) => (
          <ErrorBoundary key={chart.name} name={chart.name}>
            {chart.uses === 'calls' ? (
              <Paced slot={slot} value={calls} render={withMarkers(chart.render)} />
            ) : (
              <Paced slot={slot} value={data} render={withMarkers(chart.render)} />
            )}
          </ErrorBoundary>
        ))}
      </div>
    </section>
  );
}
