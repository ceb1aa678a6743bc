/**
 * What the comparison shows, as the page takes it: the metrics of the A/B table and which side
 * wins each (from the core, so the page marks exactly what the lessons' tests check).
 */
export {
  COMPARE_METRICS,
  type CompareMetric,
  judge,
  type LessonComparison,
  type MetricUnit,
} from '../core';
