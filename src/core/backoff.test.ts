import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BackoffOptions, backoffDelayMs, backoffRangeMs, exponentialMs } from './backoff';
import { JITTER_MODES, type JitterMode } from './scenario-schema';

const options = (jitter: JitterMode): BackoffOptions => ({
  baseDelayMs: 100,
  maxDelayMs: 5000,
  jitter,
});

describe('backoffDelayMs', () => {
  // [jitter, retryIndex, previousDelayMs, u, expected delay]; base 100 ms, cap 5000 ms.
  it.each<[JitterMode, number, number, number, number]>([
    ['none', 0, 100, 0.5, 100],
    ['none', 1, 100, 0, 200],
    ['none', 3, 100, 0.999, 800],
    ['none', 5, 100, 0.5, 3200],
    ['none', 6, 100, 0.5, 5000], // 6400 capped
    ['none', 2000, 100, 0.5, 5000], // 2^2000 overflows to Infinity, still capped
    ['full', 0, 100, 0, 0],
    ['full', 0, 100, 0.5, 50],
    ['full', 2, 100, 0.5, 200],
    ['full', 3, 100, 0.999, 799.2],
    ['full', 6, 100, 0.5, 2500], // half of the cap
    ['full', 10, 100, 0.999, 4995],
    ['equal', 0, 100, 0, 50],
    ['equal', 0, 100, 0.5, 75],
    ['equal', 1, 100, 0.5, 150],
    ['equal', 2, 100, 0.999, 399.8],
    ['equal', 6, 100, 0, 2500],
    ['equal', 6, 100, 0.5, 3750],
    ['decorrelated', 0, 100, 0, 100], // previous starts at base: uniform(100, 300)
    ['decorrelated', 0, 100, 0.5, 200],
    ['decorrelated', 0, 100, 0.999, 299.8],
    ['decorrelated', 7, 100, 0.5, 200], // the retry index plays no part
    ['decorrelated', 1, 1000, 0.5, 1550], // uniform(100, 3000)
    ['decorrelated', 2, 1000, 0, 100],
    ['decorrelated', 3, 4000, 0.25, 3075], // uniform(100, 12000) below the cap
    ['decorrelated', 3, 4000, 0.999, 5000], // 11988.1 capped
    ['decorrelated', 0, 10, 0.5, 100], // 3 × previous below base: the range collapses to base
  ])(
    '%s, retry %i, previous %f ms, u = %f → %f ms',
    (jitter, retryIndex, previousMs, u, expected) => {
      expect(backoffDelayMs(options(jitter), retryIndex, previousMs, u)).toBeCloseTo(expected, 9);
    },
  );

  it('caps at maxDelayMs when the base is already at the cap', () => {
    const capped: BackoffOptions = { baseDelayMs: 300, maxDelayMs: 300, jitter: 'equal' };
    expect(backoffDelayMs(capped, 0, 300, 0.5)).toBe(225);
    expect(backoffDelayMs({ ...capped, jitter: 'decorrelated' }, 0, 300, 0.999)).toBe(300);
  });

  it('is 0 for every mode when the base delay is 0', () => {
    for (const jitter of JITTER_MODES) {
      const zero: BackoffOptions = { baseDelayMs: 0, maxDelayMs: 0, jitter };
      expect(backoffDelayMs(zero, 3, 0, 0.7)).toBe(0);
    }
  });

  it('lies in backoffRangeMs for any options, retry, previous delay and u', () => {
    const arbitraryOptions = fc
      .record({
        baseDelayMs: fc.integer({ min: 0, max: 100_000 }),
        extraMs: fc.integer({ min: 0, max: 1_000_000 }),
        jitter: fc.constantFrom(...JITTER_MODES),
      })
      .map(({ baseDelayMs, extraMs, jitter }) => ({
        baseDelayMs,
        maxDelayMs: baseDelayMs + extraMs,
        jitter,
      }));
    fc.assert(
      fc.property(
        arbitraryOptions,
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 2_000_000, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (opts, retryIndex, previousMs, u) => {
          const delay = backoffDelayMs(opts, retryIndex, previousMs, u);
          const [low, high] = backoffRangeMs(opts, retryIndex, previousMs);
          expect(delay).toBeGreaterThanOrEqual(low);
          expect(delay).toBeLessThanOrEqual(high);
          expect(high).toBeLessThanOrEqual(opts.maxDelayMs);
          expect(low).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('reaches both ends of its range as u goes from 0 towards 1', () => {
    for (const jitter of JITTER_MODES) {
      const [low, high] = backoffRangeMs(options(jitter), 2, 1000);
      expect(backoffDelayMs(options(jitter), 2, 1000, 0)).toBe(low);
      expect(backoffDelayMs(options(jitter), 2, 1000, 1 - 2 ** -53)).toBeCloseTo(high, 6);
    }
  });
});

describe('exponentialMs', () => {
  it.each([
    [0, 100],
    [1, 200],
    [4, 1600],
    [5, 3200],
    [6, 5000],
    [100, 5000],
  ])('retry %i → %i ms', (retryIndex, expected) => {
    expect(exponentialMs(options('none'), retryIndex)).toBe(expected);
  });
});

describe('backoffRangeMs', () => {
  it.each<[JitterMode, [number, number]]>([
    ['none', [400, 400]],
    ['full', [0, 400]],
    ['equal', [200, 400]],
    ['decorrelated', [100, 3000]],
  ])('%s, retry 2, previous 1000 ms → %j', (jitter, range) => {
    expect(backoffRangeMs(options(jitter), 2, 1000)).toEqual(range);
  });
});
