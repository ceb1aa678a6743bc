import { describe, expect, it } from 'vitest';
import { createRandom, normalFrom, type Random, uniformAt } from './random';

const N = 100_000;
const draws = (n: number, draw: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => draw(i));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[], m = mean(xs)) => mean(xs.map((x) => (x - m) ** 2));

/** Pearson's chi-square statistic of values in [0, 1) over `bins` equal bins. */
function chiSquare(values: number[], bins = 20): number {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.floor(v * bins)]!++;
  const expected = values.length / bins;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

/** Correlation coefficient of two equally long samples. */
function correlation(xs: number[], ys: number[]): number {
  const [mx, my] = [mean(xs), mean(ys)];
  const cov = mean(xs.map((x, i) => (x - mx) * (ys[i]! - my)));
  return cov / Math.sqrt(variance(xs) * variance(ys));
}

// 19 degrees of freedom: P(χ² > 43.8) = 0.001. A broken generator lands in the hundreds or more.
const CHI_SQUARE_MAX = 50;

describe('Random', () => {
  it('produces these exact first values for seed 42 (a change in the generator shows here)', () => {
    const random = createRandom(42);
    expect(draws(5, () => random.nextUint32())).toEqual([
      804467529, 1875145176, 755611217, 4179971356, 2464117022,
    ]);
    const zero = createRandom(0);
    expect(draws(3, () => zero.nextUint32())).toEqual([1375209956, 1634094575, 415405708]);
    const unit = createRandom(42);
    expect(draws(3, () => unit.next())).toEqual([
      0.18730469257570803, 0.43659125827252865, 0.17592944600619376,
    ]);
    const arrivals = createRandom(42).fork('arrivals');
    expect(draws(3, () => arrivals.nextUint32())).toEqual([4103365355, 4252780499, 3302115897]);
  });

  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const [a, b, c] = [createRandom(7), createRandom(7), createRandom(8)];
    const seqA = draws(1000, () => a.nextUint32());
    expect(draws(1000, () => b.nextUint32())).toEqual(seqA);
    const seqC = draws(1000, () => c.nextUint32());
    expect(seqC.filter((x, i) => x === seqA[i]).length).toBeLessThan(3);
  });

  it('treats the seed as an unsigned 32-bit integer', () => {
    const first = (r: Random) => r.nextUint32();
    expect(first(createRandom(2 ** 32 + 5))).toBe(first(createRandom(5)));
    expect(first(createRandom(-1))).toBe(first(createRandom(2 ** 32 - 1)));
  });

  describe('fork', () => {
    it('gives differently named children different streams, and the same name the same stream', () => {
      const root = createRandom(42);
      const [forkA, forkA2, forkB] = [root.fork('a'), root.fork('a'), root.fork('b')];
      const a = draws(100, () => forkA.nextUint32());
      expect(draws(100, () => forkA2.nextUint32())).toEqual(a);
      const b = draws(100, () => forkB.nextUint32());
      expect(b.filter((x, i) => x === a[i]).length).toBeLessThan(3);
    });

    it('does not advance the parent, and does not depend on what the parent drew', () => {
      const [parent, untouched] = [createRandom(42), createRandom(42)];
      const child = parent.fork('jitter');
      expect(draws(10, () => parent.nextUint32())).toEqual(draws(10, () => untouched.nextUint32()));
      const later = parent.fork('jitter');
      expect(draws(10, () => later.nextUint32())).toEqual(draws(10, () => child.nextUint32()));
    });

    it('gives the same name under different seeds different streams', () => {
      expect(createRandom(1).fork('a').nextUint32()).not.toBe(
        createRandom(2).fork('a').nextUint32(),
      );
    });
  });

  describe('hashOf and uniformAt', () => {
    it('are pure: the same inputs give the same output, whatever was drawn before', () => {
      const random = createRandom(42);
      expect(random.hashOf(7, 1)).toBe(2472786819);
      expect(random.hashOf(2 ** 40 + 7, 1)).toBe(3510781602);
      expect(uniformAt(2472786819, 0)).toBe(0.7104500900022686);
      draws(10, () => random.next());
      expect(random.hashOf(7, 1)).toBe(2472786819);
      expect(createRandom(42).hashOf(7, 1)).toBe(2472786819);
      expect(uniformAt(2472786819, 0)).toBe(0.7104500900022686);
    });

    it('depend on every input, including the high bits of `a`', () => {
      const random = createRandom(42);
      const base = random.hashOf(7, 1);
      expect(random.hashOf(8, 1)).not.toBe(base);
      expect(random.hashOf(7, 2)).not.toBe(base);
      expect(random.hashOf(7 + 2 ** 32, 1)).not.toBe(base);
      expect(createRandom(43).hashOf(7, 1)).not.toBe(base);
      expect(uniformAt(base, 1)).not.toBe(uniformAt(base, 0));
    });

    it('are roughly uniform: over counters, over requests, over attempts', () => {
      const random = createRandom(42);
      const overCounter = draws(N, (c) => uniformAt(12345, c));
      const overRequest = draws(N, (i) => uniformAt(random.hashOf(i, 0), 0));
      const overAttempt = draws(N, (i) => uniformAt(random.hashOf(3, i), 1));
      const overHighBits = draws(N, (i) => uniformAt(random.hashOf(i * 2 ** 32, 0), 0));
      for (const values of [overCounter, overRequest, overAttempt, overHighBits]) {
        expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...values)).toBeLessThan(1);
        expect(chiSquare(values)).toBeLessThan(CHI_SQUARE_MAX);
      }
    });

    it('give uncorrelated draws for the counters of one base', () => {
      const random = createRandom(42);
      const bases = draws(N, (i) => random.hashOf(i, 0));
      const first = bases.map((b) => uniformAt(b, 0));
      const second = bases.map((b) => uniformAt(b, 1));
      expect(Math.abs(correlation(first, second))).toBeLessThan(0.02);
    });
  });

  describe('distributions (seeded, so these values are fixed)', () => {
    it('next is roughly uniform in [0, 1) with uncorrelated neighbours', () => {
      const random = createRandom(42);
      const values = draws(N, () => random.next());
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThan(1);
      expect(chiSquare(values)).toBeLessThan(CHI_SQUARE_MAX);
      expect(Math.abs(correlation(values.slice(1), values.slice(0, -1)))).toBeLessThan(0.02);
    });

    it.each([
      ['uniform(10, 30)', 20, 0.1, (r: Random) => r.uniform(10, 30)],
      ['exponential(100)', 100, 1.5, (r: Random) => r.exponential(100)],
      ['bernoulli(0.3)', 0.3, 0.006, (r: Random) => Number(r.bernoulli(0.3))],
      ['normalFrom(next, next)', 0, 0.015, (r: Random) => normalFrom(r.next(), r.next())],
      [
        'exp(1 + 0.5 · normalFrom)',
        Math.exp(1 + 0.5 ** 2 / 2),
        0.03,
        (r: Random) => Math.exp(1 + 0.5 * normalFrom(r.next(), r.next())),
      ],
    ])('%s has mean %f within %f', (_, expected, tolerance, draw) => {
      const random = createRandom(42);
      expect(Math.abs(mean(draws(N, () => draw(random))) - expected)).toBeLessThan(tolerance);
    });

    it('normal has variance 1 and exponential has standard deviation equal to its mean', () => {
      const random = createRandom(42);
      expect(variance(draws(N, () => normalFrom(random.next(), random.next())))).toBeCloseTo(1, 1);
      expect(Math.sqrt(variance(draws(N, () => random.exponential(100))))).toBeCloseTo(100, -1);
    });

    it('uniform stays in [min, max) and bernoulli(0) / bernoulli(1) never / always hold', () => {
      const random = createRandom(42);
      const values = draws(10_000, () => random.uniform(10, 30));
      expect(Math.min(...values)).toBeGreaterThanOrEqual(10);
      expect(Math.max(...values)).toBeLessThan(30);
      expect(draws(10_000, () => Number(random.bernoulli(0))).some(Boolean)).toBe(false);
      expect(draws(10_000, () => Number(random.bernoulli(1))).every(Boolean)).toBe(true);
    });

    it.each([
      ['uniform', 1, (r: Random) => r.uniform(0, 1)],
      ['bernoulli', 1, (r: Random) => r.bernoulli(0.5)],
      ['exponential', 1, (r: Random) => r.exponential(1)],
    ])('%s draws exactly %d number(s), so streams stay aligned', (_, count, draw) => {
      const [random, reference] = [createRandom(42), createRandom(42)];
      for (let i = 0; i < 20; i++) draw(random); // 20 draws: both sides of any branch
      for (let i = 0; i < 20 * count; i++) reference.next();
      expect(random.next()).toBe(reference.next());
    });
  });
});
