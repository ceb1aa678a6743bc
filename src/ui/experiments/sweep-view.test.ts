import { describe, expect, it } from 'vitest';
import { checkSweepSeries, parseScenario, runScenario, sweepProblem } from '../../core';
import { COMPARE_METRICS } from '../../store/compare';
import { type NumberSetting, settingOf } from '../../store/settings';
import {
  formatMetric,
  highest,
  metricOf,
  noValue,
  RETRY_VARIANTS,
  settingFormats,
} from './sweep-view';

const formats = (path: Parameters<typeof settingOf>[0]) =>
  settingFormats(settingOf(path) as NumberSetting<string>);

describe('how a sweep reads', () => {
  it('names a value after its setting, the unit left out where the name already says it', () => {
    expect(formats('relay.workers').named(4)).toBe('Workers 4');
    expect(formats('relay.retry.maxRetries').named(3)).toBe('Max retries 3');
    expect(formats('relay.queueCapacity').named(20)).toBe('Queue capacity 20 requests');
    expect(formats('downstream.failureProbability').named(0.25)).toBe('Failure rate 25%');
    expect(formats('relay.workers').title).toBe('Workers');
    expect(formats('relay.queueCapacity').title).toBe('Queue capacity (requests)');
  });

  it('has no latency for a run without a 200, rather than a fast one', () => {
    const p99 = COMPARE_METRICS.find((m) => m.id === 'p99')!;
    const served = COMPARE_METRICS.find((m) => m.id === 'success')!;
    const down = runScenario({ durationMs: 5000, downstream: { failureProbability: 1 } });
    expect(p99.value(down)).toBe(0);
    expect(metricOf(p99, down)).toBeNull();
    expect(noValue(down)).toBe('no 200s');
    expect(metricOf(served, down)).toBe(0);
    // A share always to one decimal, so neighbours in a heatmap read at the same precision.
    expect(formatMetric(served, 0)).toBe('0.0%');
    expect(formatMetric(served, 0.6)).toBe('60.0%');
    expect(formatMetric(served, 0.5873)).toBe('58.7%');
    expect(metricOf(served, null)).toBeNull();
    expect(noValue(null)).toBe('skipped');
  });

  it("offers Brooker's retry strategies as a valid sweep", () => {
    expect(sweepProblem(RETRY_VARIANTS)).toBeNull();
    expect(() => checkSweepSeries(parseScenario({}), RETRY_VARIANTS)).not.toThrow();
  });

  it('names every value that ties for the highest success, a run of neighbours as a range', () => {
    const w = formats('relay.workers').value;
    const at = (...success: number[]) => success.map((s, i) => ({ value: i + 1, success: s }));
    expect(highest(at(50, 90, 80), w)).toBe('Highest success 90.0% at 2 workers.');
    // Equal as shown (to 0.1 point): a plateau, not one value picked from it.
    expect(highest(at(50, 99.51, 99.5, 99.54, 80), w)).toBe(
      'Highest success 99.5% at 2 workers to 4 workers.',
    );
    expect(highest(at(100, 60, 100, 100), w)).toBe(
      'Highest success 100.0% at 1 worker, 3 workers to 4 workers.',
    );
    expect(highest(at(100, 100, 100), w)).toBe('Highest success 100.0% at every value.');
    expect(highest(at(42), w)).toBe('Highest success 42.0% at 1 worker.');
  });
});
