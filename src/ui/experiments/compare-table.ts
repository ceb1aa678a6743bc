/** The differences between A and B, as the rows of the comparison table. */
import type { RunSummary } from '../../core';
import { formatCount, formatMs, formatPercent } from '../format';

/** One row: a metric, A's and B's values and B − A, formatted. */
export interface DifferenceRow {
  metric: string;
  a: string;
  b: string;
  delta: string;
  /** Which side is better on this metric, when one is. */
  better: 'a' | 'b' | null;
}

function shares(s: RunSummary) {
  const o = s.outcomes;
  const finished = s.requests - o.inFlight;
  const share = (n: number) => (finished > 0 ? n / finished : 0);
  return {
    success: share(o.ok + o.replayed),
    rejected: share(o.rejected),
    dead: share(o.deadLettered),
  };
}

/** The rows for summaries `a` and `b`. */
export function differenceRows(a: RunSummary, b: RunSummary): DifferenceRow[] {
  const sa = shares(a);
  const sb = shares(b);
  const row = (
    metric: string,
    x: number,
    y: number,
    format: (n: number) => string,
    higherIsBetter: boolean | null,
    deltaFormat: (n: number) => string = format,
  ): DifferenceRow => {
    const d = y - x;
    // A difference that rounds away at the shown precision is no difference: no sign, no winner.
    const tied = format(x) === format(y) || deltaFormat(Math.abs(d)) === deltaFormat(0);
    const sign = tied ? '±' : d > 0 ? '+' : '−';
    const better = higherIsBetter === null || tied ? null : d > 0 === higherIsBetter ? 'b' : 'a';
    return {
      metric,
      a: format(x),
      b: format(y),
      delta: `${sign}${deltaFormat(tied ? 0 : Math.abs(d))}`,
      better,
    };
  };
  const points = (n: number) => `${(n * 100).toFixed(1)} pt`;
  return [
    row('Requests', a.requests, b.requests, formatCount, null),
    row('Success (200 + replayed)', sa.success, sb.success, formatPercent, true, points),
    row('Rejected (429)', sa.rejected, sb.rejected, formatPercent, false, points),
    row('Dead-lettered (503)', sa.dead, sb.dead, formatPercent, false, points),
    row('Latency p50', a.latencyMs.p50, b.latencyMs.p50, formatMs, false),
    row('Latency p99', a.latencyMs.p99, b.latencyMs.p99, formatMs, false),
    row('Amplification', a.amplification, b.amplification, (n) => `${n.toFixed(2)}×`, false),
    row('Dead-letter queue', a.deadLetters.size, b.deadLetters.size, formatCount, false),
    row('Duplicate effects', a.effects.duplicate, b.effects.duplicate, formatCount, false),
  ];
}
