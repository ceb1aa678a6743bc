/**
 * The ids of the comparison table's metrics, in its order (`COMPARE_METRICS` in `compare.ts`
 * gives each its label, unit and value; a test holds the two to the same list). The scenario
 * format checks a lesson's headline against these, without the table's code.
 */
export const COMPARE_METRIC_IDS = [
  'requests',
  'success',
  'goodput',
  'rejected',
  'deadLettered',
  'abandoned',
  'failed',
  'p50',
  'p99',
  'clientP99',
  'amplification',
  'wasted',
  'completed',
  'deadLetters',
  'duplicates',
] as const;

/** One of `COMPARE_METRIC_IDS`. */
export type CompareMetricId = (typeof COMPARE_METRIC_IDS)[number];
