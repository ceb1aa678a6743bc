import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS } from './compare';
import { COMPARE_METRIC_IDS } from './compare-ids';

describe('the comparison metrics', () => {
  it('are the ids the scenario format checks headlines against, in the same order', () => {
    expect(COMPARE_METRICS.map((m) => m.id)).toEqual([...COMPARE_METRIC_IDS]);
  });
});
