/** The differences between A and B, as the rows of the comparison table. */
import type { RunSummary } from '../../core';
import { COMPARE_METRICS, judge, type MetricUnit } from '../../store/compare';
import { formatCount, formatMs, formatPercent, formatRate } from '../format';

/** One row: a metric, A's and B's values and B − A, formatted. */
export interface DifferenceRow {
  metric: string;
  a: string;
  b: string;
  delta: string;
  /** Which side is better on this metric, when one is. */
  better: 'a' | 'b' | null;
}

/** A value of `unit` as the table shows it, and a difference of it. */
export const FORMATS: Record<
  MetricUnit,
  { value: (n: number) => string; delta: (n: number) => string }
> = {
  count: { value: formatCount, delta: formatCount },
  share: { value: formatPercent, delta: (n) => `${(n * 100).toFixed(1)} pt` },
  ms: { value: formatMs, delta: formatMs },
  ratio: { value: (n) => `${n.toFixed(2)}×`, delta: (n) => `${n.toFixed(2)}×` },
  rate: { value: formatRate, delta: formatRate },
};

/** The rows for summaries `a` and `b`; the better side is the core's judgement. */
export function differenceRows(a: RunSummary, b: RunSummary): DifferenceRow[] {
  return COMPARE_METRICS.map((metric) => {
    const format = FORMATS[metric.unit];
    const [x, y] = [metric.value(a), metric.value(b)];
    const d = y - x;
    const tied =
      format.value(x) === format.value(y) || format.delta(Math.abs(d)) === format.delta(0);
    return {
      metric: metric.label,
      a: format.value(x),
      b: format.value(y),
      delta: `${tied ? '±' : d > 0 ? '+' : '−'}${format.delta(tied ? 0 : Math.abs(d))}`,
      better: judge(metric, a, b),
    };
  });
}
