/**
 * What the comparison and the sweep show, as the page takes it: the metrics of the A/B table and
 * which side wins each (from the core, so the page marks exactly what the lessons' tests check),
 * which of B's settings really differ from A, and the outcomes a sweep of two settings can show.
 */
import type { CompareConfig, RelayConfig, SettablePath } from '../core';
import { valueAt } from './settings';

export {
  COMPARE_DURATION_MS,
  COMPARE_METRICS,
  type CompareConfig,
  type CompareMetric,
  compareDurationProblem,
  hasLatency,
  judge,
  type LessonComparison,
  type MetricUnit,
  SWEEP_METRICS,
  type SweepMetricId,
  shownKey,
  sweepMetric,
} from '../core';

/** One of B's settings that differs from A's: its path, A's value and B's. */
export interface SettingDifference {
  readonly path: SettablePath;
  readonly a: unknown;
  readonly b: unknown;
}

/**
 * B's settings that differ from A's at the start of A's run, in B's order. A setting B holds at
 * A's own value (set so, or A changed since) is no difference.
 */
export function differingSettings(
  scenario: RelayConfig,
  set: CompareConfig['set'],
): SettingDifference[] {
  return (Object.entries(set) as Array<[SettablePath, unknown]>).flatMap(([path, b]) => {
    const a = valueAt(scenario, path);
    return a === b ? [] : [{ path, a, b }];
  });
}
