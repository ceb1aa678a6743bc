import { type ReactNode, useMemo } from 'react';
import {
  selectChartRows,
  selectFineCalls,
  selectRetryDelays,
  selectWindowMs,
} from '../store/selectors';
import type { ChartRow, RetryDelays } from '../store/series';
import { QueueChart, WorkersChart } from './charts/CapacityCharts';
import { Paced } from './charts/pacing';
import { CallsChart, RetryDelayChart } from './charts/RetryCharts';
import {
  AmplificationChart,
  ErrorRateChart,
  LatencyChart,
  ThroughputChart,
} from './charts/TrafficCharts';
import { ErrorBoundary } from './ErrorBoundary';
import { formatMs } from './format';
import { useLab } from './store-context';

interface ChartData {
  rows: ChartRow[];
  delays: RetryDelays;
  fineCalls: Array<[number, number]>;
}

// Module-level renderers keep their identity, so a paced chart redraws only for new data.
const CHARTS: Array<{ name: string; render: (data: ChartData) => ReactNode }> = [
  { name: 'Throughput chart', render: (d) => <ThroughputChart rows={d.rows} /> },
  { name: 'Error rate chart', render: (d) => <ErrorRateChart rows={d.rows} /> },
  { name: 'Latency chart', render: (d) => <LatencyChart rows={d.rows} /> },
  { name: 'Retry delay chart', render: (d) => <RetryDelayChart delays={d.delays} /> },
  { name: 'Calls chart', render: (d) => <CallsChart fineCalls={d.fineCalls} /> },
  { name: 'Amplification chart', render: (d) => <AmplificationChart rows={d.rows} /> },
  { name: 'Queue chart', render: (d) => <QueueChart rows={d.rows} /> },
  { name: 'Workers chart', render: (d) => <WorkersChart rows={d.rows} /> },
];

/** Every chart, over the window that suits the speed. */
export function Charts() {
  const rows = useLab(selectChartRows);
  const delays = useLab(selectRetryDelays);
  const fineCalls = useLab(selectFineCalls);
  const windowMs = useLab(selectWindowMs);
  const data = useMemo(() => ({ rows, delays, fineCalls }), [rows, delays, fineCalls]);
  return (
    <section aria-labelledby="charts-title">
      <h2
        id="charts-title"
        className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-300"
      >
        Charts <span className="font-normal">(last {formatMs(windowMs)} of virtual time)</span>
      </h2>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2 2xl:grid-cols-3">
        {CHARTS.map(({ name, render }, slot) => (
          <ErrorBoundary key={name} name={name}>
            <Paced slot={slot} value={data} render={render} />
          </ErrorBoundary>
        ))}
      </div>
    </section>
  );
}
