/**
 * What a comparison reads off two run summaries: the metrics of the A/B table, which way is
 * better for each, and which side wins. A difference smaller than the precision the page shows
 * is no difference, so a side wins only where a person reading the table would see it win.
 */
import type { CompareMetricId } from './compare-ids';
import type { RunSummary } from './summary';
import type { SweepConfig } from './sweep';

/** How a metric's value reads: it sets the precision a difference must exceed. */
export type MetricUnit = 'count' | 'share' | 'ms' | 'ratio' | 'rate';

/** One row of the comparison. */
export interface CompareMetric {
  readonly id: CompareMetricId;
  readonly label: string;
  readonly unit: MetricUnit;
  /** Which way is better, or null for a metric that only describes the run. */
  readonly better: 'higher' | 'lower' | null;
  readonly value: (summary: RunSummary) => number;
}

/** Requests that have an outcome (every arrival not in flight). */
function finished(s: RunSummary): number {
  return s.requests - s.outcomes.inFlight;
}

function share(n: number, s: RunSummary): number {
  const total = finished(s);
  return total > 0 ? n / total : 0;
}

/** The metrics of the A/B table, in its order. */
export const COMPARE_METRICS: readonly CompareMetric[] = [
  { id: 'requests', label: 'Requests', unit: 'count', better: null, value: (s) => s.requests },
  {
    id: 'success',
    label: 'Clients served (a 200 in time)',
    unit: 'share',
    better: 'higher',
    value: (s) => s.clients.served,
  },
  {
    id: 'goodput',
    label: 'Goodput (200s in time)',
    unit: 'rate',
    better: 'higher',
    value: (s) => s.goodput.perSec,
  },
  {
    id: 'rejected',
    label: 'Rejected (429)',
    unit: 'share',
    better: 'lower',
    value: (s) => share(s.outcomes.rejected, s),
  },
  {
    id: 'deadLettered',
    label: 'Dead-lettered (503)',
    unit: 'share',
    better: 'lower',
    value: (s) => share(s.outcomes.deadLettered, s),
  },
  {
    id: 'abandoned',
    label: 'Abandoned (client gone)',
    unit: 'share',
    better: 'lower',
    value: (s) => share(s.outcomes.abandoned, s),
  },
  {
    id: 'failed',
    label: 'Failed (4xx)',
    unit: 'share',
    better: 'lower',
    value: (s) => share(s.outcomes.failed, s),
  },
  { id: 'p50', label: 'Latency p50', unit: 'ms', better: 'lower', value: (s) => s.latencyMs.p50 },
  { id: 'p99', label: 'Latency p99', unit: 'ms', better: 'lower', value: (s) => s.latencyMs.p99 },
  {
    id: 'clientP99',
    label: 'Client wait p99 (resends included)',
    unit: 'ms',
    better: 'lower',
    value: (s) => s.clientLatencyMs.p99,
  },
  {
    id: 'amplification',
    label: 'Amplification (calls per request)',
    unit: 'ratio',
    better: 'lower',
    value: (s) => s.amplification,
  },
  {
    id: 'wasted',
    label: 'Wasted downstream work',
    unit: 'share',
    better: 'lower',
    value: (s) =>
      s.downstream.busyMs > 0 ? Math.min(1, s.downstream.wasted.busyMs / s.downstream.busyMs) : 0,
  },
  {
    id: 'completed',
    label: 'Work done (effects that landed)',
    unit: 'share',
    better: 'higher',
    value: (s) =>
      s.clients.sent > 0
        ? Math.min(1, (s.effects.applied - s.effects.duplicate) / s.clients.sent)
        : 0,
  },
  {
    // Neither better nor worse: a queue that holds failures is how they can be replayed.
    id: 'deadLetters',
    label: 'Dead-letter queue',
    unit: 'count',
    better: null,
    value: (s) => s.deadLetters.size,
  },
  {
    id: 'duplicates',
    label: 'Duplicate effects',
    unit: 'count',
    better: 'lower',
    value: (s) => s.effects.duplicate,
  },
];

/**
 * Whether a run has a latency to show: a 200 (fresh or replayed) to time. Without one the
 * latency metrics read 0, which is no time at all rather than a fast one.
 */
export function hasLatency(summary: RunSummary): boolean {
  return summary.outcomes.ok + summary.outcomes.replayed > 0;
}

/** The metric with `id`. */
export function compareMetric(id: string): CompareMetric | undefined {
  return COMPARE_METRICS.find((m) => m.id === id);
}

/**
 * `value` at the precision the page shows it (a share to 0.1 point, a time in the unit that
 * reads best, a ratio to 0.01): two values with the same key read the same.
 */
export function shownKey(unit: MetricUnit, value: number): number {
  switch (unit) {
    case 'count':
      return Math.round(value);
    case 'share':
      return Math.round(value * 1000);
    case 'ratio':
      return Math.round(value * 100);
    case 'rate':
      return value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
    case 'ms':
      if (!Number.isFinite(value)) return value;
      if (value < 1) return Math.round(value * 10_000) / 10_000;
      if (value < 1000) return Math.round(value);
      if (value < 120_000) return Math.round(value / 100) * 100;
      if (value < 7_200_000) return Math.round(value / 6000) * 6000;
      return Math.round(value / 360_000) * 360_000;
  }
}

/** Which side is better on `metric`: 'a', 'b', or null (a tie as shown, or no better way). */
export function judge(metric: CompareMetric, a: RunSummary, b: RunSummary): 'a' | 'b' | null {
  if (metric.better === null) return null;
  const x = shownKey(metric.unit, metric.value(a));
  const y = shownKey(metric.unit, metric.value(b));
  if (x === y) return null;
  return y > x === (metric.better === 'higher') ? 'b' : 'a';
}

/** The `COMPARE_METRICS` entry a sweep of two settings shows. */
export function sweepMetric(config: SweepConfig): CompareMetric {
  const id = config.metric ?? 'success';
  return COMPARE_METRICS.find((m) => m.id === id)!;
}
