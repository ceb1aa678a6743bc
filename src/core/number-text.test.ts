import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedNumber } from './number-text';

const intl = (value: number, max: number, min: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: max, minimumFractionDigits: min }).format(
    value,
  );

describe('groupedNumber', () => {
  it('writes numbers as Intl.NumberFormat en-US does', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`groupedNumber property seed ${seed}`);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, min: -1e20, max: 1e20 }),
          fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 100),
          fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1000 + 0.05),
        ),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (value, a, b) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          expect(groupedNumber(value, max, min)).toBe(intl(value, max, min));
        },
      ),
      { seed, numRuns: 5000 },
    );
  });

  it('rounds halves away from zero and keeps the sign of what rounds to zero', () => {
    for (const value of [
      0.25, -0.25, 0.35, 1.05, 2.5, -2.5, 999.95, 1234567.89, -0.02, -0, 0, 9e-7, -4e-9,
    ]) {
      for (const max of [0, 1, 2]) expect(groupedNumber(value, max)).toBe(intl(value, max, 0));
    }
    expect(groupedNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(groupedNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(groupedNumber(Number.NaN)).toBe('NaN');
    expect(groupedNumber(2e21, 0)).toBe(intl(2e21, 0, 0));
  });
});
