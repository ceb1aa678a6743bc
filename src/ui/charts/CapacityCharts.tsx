import type { ChartRow } from '../../store/series';
import { formatCount } from '../format';
import { ChartCard } from './ChartCard';
import { COLORS } from './chart-theme';
import { CHART_TITLES } from './chart-titles';
import { TimeSeriesChart } from './TimeSeriesChart';

const one = (v: number) => v.toFixed(1);

const QUEUE = [
  { key: 'queueCapacity', name: 'capacity', color: COLORS.limit, width: 2, opacity: 0.6 },
  // Dashed, not fainter: the same colour at a lower opacity is hard to tell apart.
  { key: 'queueDepthMax', name: 'peak', color: COLORS.level, dash: '4 3' },
  { key: 'queueDepth', name: 'mean depth', color: COLORS.level },
];

const WORKERS = [
  { key: 'workers', name: 'worker count', color: COLORS.limit, width: 2, opacity: 0.6 },
  { key: 'busyMax', name: 'peak', color: COLORS.level, dash: '4 3' },
  { key: 'busy', name: 'busy (mean)', color: COLORS.level },
];

const DOWNSTREAM = [
  { key: 'servers', name: 'servers working', color: COLORS.limit, width: 2, opacity: 0.6 },
  { key: 'downstreamBusy', name: 'busy servers', color: COLORS.level },
  { key: 'downstreamWasted', name: 'of them, on calls nobody waits for', color: COLORS.wasted },
];

const DOWNSTREAM_QUEUE = [
  { key: 'downstreamQueueMax', name: 'peak', color: COLORS.calls, dash: '4 3' },
  { key: 'downstreamQueue', name: 'mean', color: COLORS.calls },
];

/** Calls waiting for a server at the downstream (mean and peak). */
export function DownstreamQueueChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  return (
    <ChartCard
      title={CHART_TITLES['downstream-queue']}
      unit="calls"
      testId="chart-downstream-queue"
      points={rows.length}
      legend={DOWNSTREAM_QUEUE}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${one(last.downstreamQueue)} calls waiting for a server on average, peak ${formatCount(last.downstreamQueueMax)}${last.servers === null ? ' (its servers are unbounded: nothing waits)' : ''}.`
          : 'No data yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={DOWNSTREAM_QUEUE} shape="line" format={one} />
    </ChartCard>
  );
}

/** The downstream's load: busy servers (and how many waste their work) and its queue. */
export function DownstreamChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  const wasted =
    last && last.downstreamBusy > 0 ? (last.downstreamWasted / last.downstreamBusy) * 100 : 0;
  return (
    <ChartCard
      title={CHART_TITLES.downstream}
      unit="servers"
      testId="chart-downstream"
      points={rows.length}
      legend={DOWNSTREAM}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${one(last.downstreamBusy)} servers busy of ${last.servers === null ? 'unbounded' : formatCount(last.servers)}, ${wasted.toFixed(0)}% of that work on calls nobody waits for.`
          : 'No data yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={DOWNSTREAM} shape="line" format={one} />
    </ChartCard>
  );
}

/** Queue depth (mean and peak) against the capacity. */
export function QueueChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  return (
    <ChartCard
      title={CHART_TITLES.queue}
      unit="requests waiting"
      testId="chart-queue"
      points={rows.length}
      legend={QUEUE}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${one(last.queueDepth)} waiting on average, peak ${formatCount(last.queueDepthMax)}, capacity ${formatCount(last.queueCapacity)}.`
          : 'No data yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={QUEUE} shape="line" format={one} />
    </ChartCard>
  );
}

/** Busy workers (mean and peak) against the worker count. */
export function WorkersChart({ rows }: { rows: ChartRow[] }) {
  const last = rows.at(-1);
  return (
    <ChartCard
      title={CHART_TITLES.workers}
      unit="workers"
      testId="chart-workers"
      points={rows.length}
      legend={WORKERS}
      empty={rows.length === 0}
      summary={
        last
          ? `Last second: ${one(last.busy)} workers busy on average, peak ${formatCount(last.busyMax)}, of ${last.workers === null ? 'an unbounded pool' : formatCount(last.workers)}.`
          : 'No data yet.'
      }
    >
      <TimeSeriesChart rows={rows} series={WORKERS} shape="line" format={one} />
    </ChartCard>
  );
}
