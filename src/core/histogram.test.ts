import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binEdgeWindow, binOf, binOfByLog, binValue, Histogram } from './histogram';

/** A histogram holding `values`. */
const histogramOf = (values: readonly number[]) => {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return h;
};
/** The exact nearest-rank quantile. */
const exactQuantile = (values: readonly number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * values.length)) - 1]!;
const QUANTILES = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1];
const summary = (h: Histogram) => ({
  count: h.count,
  sum: h.sum,
  mean: h.mean,
  min: h.min,
  max: h.max,
});

const latencies = fc.array(fc.double({ min: 0.01, max: 1e7, noNaN: true }), {
  minLength: 1,
  maxLength: 500,
  size: 'max',
});

// Evenly spread, not fc.double's bias towards 0 and 1, where every rounding of a rank agrees.
const quantile = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

describe('Histogram', () => {
  it('reports 0 for everything when empty', () => {
    const h = new Histogram();
    expect(summary(h)).toEqual({ count: 0, sum: 0, mean: 0, min: 0, max: 0 });
    expect(QUANTILES.map((q) => h.quantile(q))).toEqual(QUANTILES.map(() => 0));
    expect(h.toSparse()).toEqual({ bins: [], counts: [], min: 0, max: 0 });
  });

  it('keeps count, sum, mean, min and max exactly', () => {
    expect(summary(histogramOf([3, 1.5, 10, 0.25]))).toEqual({
      count: 4,
      sum: 14.75,
      mean: 3.6875,
      min: 0.25,
      max: 10,
    });
  });

  it('gives quantiles within 2% of the exact nearest-rank quantile, inside [min, max]', () => {
    fc.assert(
      fc.property(latencies, quantile, (values, q) => {
        const h = histogramOf(values);
        const [got, exact] = [h.quantile(q), exactQuantile(values, q)];
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(0.02 * exact);
        expect(got).toBeGreaterThanOrEqual(h.min);
        expect(got).toBeLessThanOrEqual(h.max);
      }),
    );
  });

  it('clamps quantiles to the exact min and max', () => {
    const single = histogramOf([123.456]);
    expect(QUANTILES.map((q) => single.quantile(q))).toEqual(QUANTILES.map(() => 123.456));
    const h = histogramOf([100, 100.5, 1000, 1001]);
    expect(h.quantile(0)).toBe(100);
    expect(h.quantile(1)).toBe(1001);
  });

  it('reports values below 1 µs as 0', () => {
    const h = histogramOf([0, 0.0005, 0.0009]);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.toSparse().bins).toEqual([0]);
    expect(h.max).toBe(0.0009);
  });

  it('clear empties it, and only later values count', () => {
    const h = histogramOf([5, 6, 7]);
    h.clear();
    expect(summary(h)).toEqual({ count: 0, sum: 0, mean: 0, min: 0, max: 0 });
    expect(h.quantile(0.5)).toBe(0);
    h.record(1000);
    h.record(2000);
    expect(summary(h)).toEqual({ count: 2, sum: 3000, mean: 1500, min: 1000, max: 2000 });
    expect(Math.abs(h.quantile(0) - 1000)).toBeLessThanOrEqual(20); // nothing left of the 5
    expect(h.toSparse().counts).toEqual([1, 1]);
  });

  it('round-trips through toSparse and merge', () => {
    fc.assert(
      fc.property(latencies, (values) => {
        const h = histogramOf(values);
        const copy = new Histogram();
        copy.merge(h.toSparse(), h.sum);
        expect(copy.toSparse()).toEqual(h.toSparse());
        expect(summary(copy)).toEqual(summary(h));
        expect(QUANTILES.map((q) => copy.quantile(q))).toEqual(QUANTILES.map((q) => h.quantile(q)));
      }),
    );
  });

  it('merging two histograms gives the histogram of both samples', () => {
    fc.assert(
      fc.property(latencies, latencies, (a, b) => {
        const merged = histogramOf(a);
        const other = histogramOf(b);
        merged.merge(other.toSparse(), other.sum);
        const both = histogramOf([...a, ...b]);
        expect(merged.toSparse()).toEqual(both.toSparse());
        expect(merged.count).toBe(both.count);
        expect(merged.sum).toBeCloseTo(both.sum, 3);
      }),
    );
  });

  it('merging an empty histogram changes nothing, min and max included', () => {
    const h = histogramOf([5, 10]);
    h.merge(new Histogram().toSparse(), 0);
    expect(summary(h)).toEqual({ count: 2, sum: 15, mean: 7.5, min: 5, max: 10 });
    const empty = new Histogram();
    empty.merge(new Histogram().toSparse(), 0);
    expect(summary(empty)).toEqual({ count: 0, sum: 0, mean: 0, min: 0, max: 0 });
  });

  it('toSparse lists bins ascending whatever the recording order', () => {
    const sparse = histogramOf([1000, 1, 1000, 10, 1]).toSparse();
    expect(sparse.bins).toEqual([binOf(1), binOf(10), binOf(1000)]);
    expect(sparse.counts).toEqual([2, 1, 2]);
  });
});

describe('binOf and binValue', () => {
  it('put values from 1 µs up in bins 4% wide, and below it in bin 0', () => {
    expect([binOf(0), binOf(0.000999), binOf(0.001), binOf(0.00105)]).toEqual([0, 0, 1, 2]);
    expect(binValue(0)).toBe(0);
    expect(binValue(1)).toBeCloseTo(0.001 * Math.sqrt(1.04), 12);
  });

  it('map every bin value back to its own bin', () => {
    const wrong = Array.from({ length: 759 }, (_, i) => i + 1).filter(
      (bin) => binOf(binValue(bin)) !== bin,
    );
    expect(wrong).toEqual([]);
  });

  it('put 30 days of milliseconds in a bin below the last', () => {
    expect(binOf(30 * 24 * 3600 * 1000)).toBeLessThan(759);
    expect(binOf(1e15)).toBe(759);
  });

  describe('agree with the logarithm formula on every value', () => {
    const bits = new DataView(new ArrayBuffer(8));
    /** The double `ulps` steps away from `value` (> 0). */
    const ulpsAway = (value: number, ulps: number) => {
      bits.setFloat64(0, value);
      bits.setBigUint64(0, bits.getBigUint64(0) + BigInt(ulps));
      return bits.getFloat64(0);
    };
    const bins = Array.from({ length: 759 }, (_, i) => i + 1);

    it('has each bin edge of the formula inside its window', () => {
      const outside = bins.filter((bin) => {
        const [low, high] = binEdgeWindow(bin);
        return binOfByLog(ulpsAway(low, -1)) !== bin - 1 || binOfByLog(high) !== bin;
      });
      expect(outside).toEqual([]);
    });

    it('at and around every window and every edge', () => {
      const wrong: number[] = [];
      for (const bin of bins) {
        const [low, high] = binEdgeWindow(bin);
        const edge = 0.001 * 1.04 ** (bin - 1);
        for (const [value, from, to] of [
          [low, -3, 3],
          [high, -3, 3],
          [edge, -64, 64],
        ] as const) {
          for (let ulps = from; ulps <= to; ulps++) {
            const v = ulpsAway(value, ulps);
            if (binOf(v) !== binOfByLog(v)) wrong.push(v);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('on special values', () => {
      const specials = [0, -1, 0.000999, 0.001, 1, 1e15, Number.MAX_VALUE, Infinity, Number.NaN];
      expect(specials.map(binOf)).toEqual(specials.map(binOfByLog));
    });

    it('on random values', () => {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1e12, noNaN: true }), (value) => {
          expect(binOf(value)).toBe(binOfByLog(value));
        }),
        { numRuns: 10_000 },
      );
    });
  });
});
