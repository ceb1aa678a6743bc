import { describe, expect, it } from 'vitest';
import { checkSweepSeries } from './experiments';
import { parseScenario } from './scenario';
import { type SweepConfig, sweepDefaults, sweepProblem } from './sweep';
import { planSweep } from './sweep-plan';

const failures = { path: 'downstream.failureProbability', from: 0, to: 1, steps: 11 } as const;
const series = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ label: `s${i}`, set: { 'relay.retry.maxRetries': i } }));

describe('a sweep with series or of two settings', () => {
  it.each<[string, SweepConfig, string | null]>([
    ['the default sweep', sweepDefaults, null],
    ['six series over 50 values', { ...failures, steps: 50, series: series(6) }, null],
    ['a grid of 30 × 30', { ...sweepDefaults, steps: 30, y: { ...failures, steps: 30 } }, null],
    ['seven series', { ...failures, series: series(7) }, 'A sweep has at most 6 series, got 7.'],
    [
      'two series of one label',
      { ...failures, series: [...series(2), { label: 's1', set: {} }] },
      'Two series are labelled "s1": each needs its own.',
    ],
    [
      'a series without a label',
      { ...failures, series: [{ label: '  ', set: {} }] },
      'Every series needs a label.',
    ],
    [
      'a series holding the swept setting',
      { ...failures, series: [{ label: 'down', set: { 'downstream.failureProbability': 1 } }] },
      'Series "down" sets Failure rate, the setting the sweep varies.',
    ],
    [
      'series and a second setting',
      { ...sweepDefaults, y: failures, series: series(1) },
      'A sweep has either series or a second setting, not both.',
    ],
    [
      'one setting twice',
      { ...sweepDefaults, y: { ...sweepDefaults } },
      'The two settings of a sweep must differ: both are Workers.',
    ],
    [
      'a grid wider than 30',
      { ...sweepDefaults, steps: 31, y: failures },
      'Steps must be a whole number from 2 to 30, got 31.',
    ],
    [
      'a grid taller than 30',
      { ...sweepDefaults, y: { ...failures, steps: 40 } },
      'Steps of the second setting must be a whole number from 2 to 30, got 40.',
    ],
    [
      'a second setting out of range',
      { ...sweepDefaults, y: { ...failures, to: 2 } },
      'Failure rate to must be between 0% and 100%, got 200%.',
    ],
  ])('%s: %s', (_, config, problem) => {
    expect(sweepProblem(config)).toBe(problem);
  });

  it('names the series and the field of a bad series setting, as for B', () => {
    const scenario = parseScenario({});
    const bad = (set: Record<string, unknown>) => () =>
      checkSweepSeries(scenario, { ...failures, series: [{ label: 'x', set }] });
    expect(bad({ 'relay.worker': 2 })).toThrow(
      '`Series "x": relay.worker`: not a field a timeline can set; did you mean `relay.workers`?',
    );
    expect(bad({ 'relay.retry.maxRetries': 'three' })).toThrow(
      /^`Series "x": relay.retry.maxRetries`: expected an integer from 0 to \d+, got "three"$/,
    );
    expect(bad({ 'relay.retry.maxRetries': 3 })).not.toThrow();
  });

  it('plans the runs line by line: series in order, a grid row per value of the second setting', () => {
    const plan = planSweep({
      path: 'relay.workers',
      from: 1,
      to: 3,
      steps: 3,
      series: [
        { label: 'none', set: { 'relay.retry.maxRetries': 0 } },
        { label: 'as is', set: {} },
      ],
    });
    expect(plan.lines).toEqual([
      { label: 'none', y: null },
      { label: 'as is', y: null },
    ]);
    expect(plan.runs.map((r) => [r.line, r.value, r.set])).toEqual([
      [0, 1, { 'relay.retry.maxRetries': 0, 'relay.workers': 1 }],
      [0, 2, { 'relay.retry.maxRetries': 0, 'relay.workers': 2 }],
      [0, 3, { 'relay.retry.maxRetries': 0, 'relay.workers': 3 }],
      [1, 1, { 'relay.workers': 1 }],
      [1, 2, { 'relay.workers': 2 }],
      [1, 3, { 'relay.workers': 3 }],
    ]);
    // Whole numbers come once each: 30 steps over 1..4 workers are 4 values.
    const grid = planSweep({
      ...sweepDefaults,
      from: 1,
      to: 4,
      steps: 30,
      y: { ...failures, steps: 3 },
    });
    expect(grid.lines).toEqual([0, 0.5, 1].map((y) => ({ label: '', y })));
    expect(grid.runs).toHaveLength(12);
    expect(grid.runs[5]).toMatchObject({
      line: 1,
      value: 2,
      set: { 'downstream.failureProbability': 0.5, 'relay.workers': 2 },
    });
  });
});

describe("a scenario's suggested sweep (meta.sweep)", () => {
  const withSweep = (sweep: unknown) => ({ meta: { title: 'Retries', sweep } });

  it('is read and kept, its series values checked', () => {
    const sweep = {
      ...failures,
      series: [
        { label: 'no retries', set: { 'relay.retry.maxRetries': 0 } },
        {
          label: 'breaker on retries',
          set: { 'relay.breaker.trip': 'consecutive', 'relay.breaker.scope': 'retries' },
        },
      ],
    };
    expect(parseScenario(withSweep(sweep)).meta?.sweep).toEqual(sweep);
  });

  it.each([
    [
      { ...failures, series: [{ label: 'x', set: { 'relay.retry.maxRetries': -1 } }] },
      /^`meta.sweep.series\[0\].set\["relay.retry.maxRetries"\]`: expected an integer from 0/,
    ],
    [
      { ...failures, series: [{ label: 'x', set: { 'relay.worker': 1 } }] },
      /^`meta.sweep.series\[0\].set\["relay.worker"\]`: not a field a timeline can set; did you mean `relay.workers`\?$/,
    ],
    [
      { ...failures, steps: 80 },
      /^`meta.sweep`: Steps must be a whole number from 2 to 50, got 80\.$/,
    ],
    [{ ...failures, colour: 'red' }, /^`meta.sweep.colour`: unknown field/],
    [
      { ...failures, metric: 'speed' },
      /^`meta.sweep.metric`: expected one of "success", "goodput"/,
    ],
    [
      { ...failures, series: [{ label: 'x'.repeat(41), set: {} }] },
      /^`meta.sweep.series\[0\].label`: expected a label of 1 to 40/,
    ],
    [
      { ...failures, y: { path: 'seed', from: 1, to: 2, steps: 2 } },
      /^`meta.sweep`: A sweep cannot vary "seed"\.$/,
    ],
    [{ ...failures, series: 'abc' }, /^`meta.sweep.series`: expected a list of series, got "abc"$/],
    [
      { ...failures, series: [1] },
      /^`meta.sweep.series\[0\]`: expected an object with `label` and `set`/,
    ],
    [
      { ...failures, series: [{ label: 'x', set: [] }] },
      /^`meta.sweep.series\[0\].set`: expected an object/,
    ],
    [{ ...failures, y: 5 }, /^`meta.sweep.y`: expected an object with `path`/],
    [
      { ...failures, y: { path: 'relay.workers' } },
      /^`meta.sweep.y.from`: missing; expected a number$/,
    ],
  ])('refuses a bad one, naming the field: %j', (sweep, message) => {
    expect(() => parseScenario(withSweep(sweep))).toThrow(message);
  });
});
