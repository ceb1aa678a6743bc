/**
 * What the comparison and the sweep show, as the page takes it: the metrics of the A/B table and
 * which side wins each (from the core, so the page marks exactly what the lessons' tests check),
 * and the outcomes a sweep of two settings can show.
 */
export {
  COMPARE_METRICS,
  type CompareMetric,
  hasLatency,
  judge,
  type LessonComparison,
  type MetricUnit,
  SWEEP_METRICS,
  type SweepMetricId,
  shownKey,
  sweepMetric,
} from '../core';
