import { describe, expect, it } from 'vitest';
import { createSimulation, type MetricsBucket, mergeBuckets } from '../core';
import {
  binEdgeTicks,
  callRows,
  chartRows,
  curesSeen,
  niceStep,
  recentRed,
  retryDelays,
  visiblePoints,
} from './series';

/** 1 s points of a seeded run, as the engine host sends them. */
function points(seconds: number, scenario: object = { seed: 4 }): MetricsBucket[] {
  const simulation = createSimulation(scenario, { keepBuckets: 100_000 });
  simulation.advanceTo(seconds * 1000);
  const buckets = simulation.takeBuckets();
  const out: MetricsBucket[] = [];
  for (let i = 0; i + 4 <= buckets.length; i += 4) out.push(mergeBuckets(buckets.slice(i, i + 4)));
  return out;
}

describe('chart series', () => {
  const run = points(600);

  it('keeps the points of the last window', () => {
    const visible = visiblePoints(run, 600_000, 120_000);
    expect(visible).toHaveLength(120);
    expect(visible[0]!.startMs).toBe(480_000);
  });

  it('merges points into at most the row limit, aligned to absolute time, counts preserved', () => {
    const rows = chartRows(run, 150);
    expect(rows).toHaveLength(150);
    expect(rows.map((r) => r.t).slice(0, 2)).toEqual([4000, 8000]);
    const okTotal = run.reduce((sum, p) => sum + p.ok, 0);
    expect(rows.reduce((sum, r) => sum + r.ok * 4, 0)).toBeCloseTo(okTotal, 6);
  });

  it('gives the same rows from its cache as from scratch, as the window slides', () => {
    const first = chartRows(run.slice(10, 610), 150);
    const slid = chartRows(run.slice(13, 613), 150);
    const fresh = chartRows(structuredClone(run.slice(13, 613)), 150);
    expect(slid).toEqual(fresh);
    // Complete groups that both windows share are the very same rows.
    expect(slid[1]).toBe(first[2]);
  });

  it('computes RED numbers over the last 10 s', () => {
    const red = recentRed(run)!;
    const last10 = run.slice(-10);
    const arrivals = last10.reduce((sum, p) => sum + p.arrivals, 0);
    expect(red.spanMs).toBe(10_000);
    expect(red.ratePerSec).toBeCloseTo(arrivals / 10, 9);
    expect(red.p99).toBeGreaterThanOrEqual(red.p50);
    expect(red.latencyCount).toBe(last10.reduce((sum, p) => sum + p.ok, 0));
    expect(recentRed([])).toBeNull();
  });

  it('counts no latency in an outage, where requests still finish (as failures)', () => {
    const red = recentRed(points(30, { seed: 4, downstream: { outage: true } }))!;
    expect(red.finished).toBeGreaterThan(0);
    expect(red.latencyCount).toBe(0);
  });

  it('bins backoff delays in round widths, by retry number', () => {
    const none = retryDelays(
      points(60, {
        seed: 2,
        downstream: { failureProbability: 0.5 },
        relay: { retry: { jitter: 'none' } },
      }),
    );
    expect(none.spread.map((s) => [s.retry, s.min, s.max])).toEqual([
      [1, 100, 100],
      [2, 200, 200],
      [3, 400, 400],
    ]);
    expect(none.bins[1]!.to - none.bins[1]!.from).toBe(20);
    const counted = none.bins.reduce((sum, b) => sum + b.r1! + b.r2! + b.r3!, 0);
    expect(counted).toBe(none.spread.reduce((sum, s) => sum + s.count, 0));
    expect(retryDelays([])).toEqual({ bins: [], retries: [], spread: [], retried: 0 });
  });

  it('counts every retry of the sampled points, more than the capped sample holds', () => {
    const run = points(60, { seed: 2, downstream: { failureProbability: 0.5 } });
    const delays = retryDelays(run);
    const sampled = delays.spread.reduce((sum, s) => sum + s.count, 0);
    expect(delays.retried).toBe(run.reduce((sum, p) => sum + p.retries, 0));
    expect(sampled).toBeLessThan(delays.retried);
  });

  it.each([
    [0.3, 0.5],
    [4, 5],
    [16.7, 20],
    [21, 25],
    [1000, 1000],
  ])('rounds a bin width of %d up to %d', (raw, nice) => {
    expect(niceStep(raw)).toBe(nice);
  });
});

describe('duplicate effects and stored replays', () => {
  const clients = (keyedRatio: number) => ({
    seed: 31,
    traffic: { ratePerSec: 40, keyedRatio, duplicateRatio: 0.3 },
    clients: { timeoutMs: 1000 },
    downstream: { failureProbability: 0.1 },
  });

  it('counts every duplicate effect, per second, when requests carry no key', () => {
    const run = points(60, clients(0));
    const rows = chartRows(run, 150);
    const total = run.reduce((sum, p) => sum + p.effectsDuplicate, 0);
    expect(total).toBeGreaterThan(100);
    expect(rows.reduce((sum, r) => sum + r.duplicates, 0)).toBeCloseTo(total, 6);
    expect(rows.every((r) => r.replayed === 0)).toBe(true);
  });

  it('has none with keys: the resends are replayed from the store instead', () => {
    const rows = chartRows(points(60, clients(1)), 150);
    expect(rows.every((r) => r.duplicates === 0)).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.replayed, 0)).toBeGreaterThan(100);
  });
});

describe('calls over the window', () => {
  /** 250 ms call counts from `fromMs` for `seconds`: 1 call, and a wave of 9 every 2 s. */
  const fine = (seconds: number, fromMs = 0): Array<[number, number]> =>
    Array.from({ length: seconds * 4 }, (_, i) => {
      const t = fromMs + i * 250;
      return [t, t % 2000 === 0 ? 9 : 1];
    });

  it('covers the same window as the other charts, in 250 ms rows when they fit', () => {
    const { rows, groupMs } = callRows(fine(120), 60_000);
    expect(groupMs).toBe(250);
    expect(rows).toHaveLength(240);
    expect(rows[0]!.t).toBe(60_000);
    expect(rows.at(-1)!.t).toBe(119_750);
  });

  it('merges a wide window to at most the row limit, aligned, keeping every wave at its peak', () => {
    const { rows, groupMs } = callRows(fine(900, 250), 300_000, 200);
    expect(groupMs).toBe(1500);
    expect(rows.length).toBeLessThanOrEqual(201);
    expect(rows.every((r) => r.t % 1500 === 0)).toBe(true);
    expect(rows.at(-1)!.t + groupMs).toBeGreaterThan(900_000);
    expect(rows[0]!.t).toBeLessThanOrEqual(900_250 - 300_000);
    // Every 1.5 s row but those between two waves holds a wave of 9.
    expect(rows.filter((r) => r.calls === 9).length).toBeGreaterThan(rows.length * 0.6);
    expect(Math.max(...rows.map((r) => r.calls))).toBe(9);
  });

  it('is empty without data', () => {
    expect(callRows([], 60_000).rows).toEqual([]);
  });
});

describe('histogram ticks', () => {
  const bins = (count: number, width: number) =>
    Array.from({ length: count }, (_, i) => ({ from: i * width, to: (i + 1) * width }));

  it.each([
    [4, 250, [0, 250, 500, 750, 1000]],
    [12, 250, [0, 500, 1000, 1500, 2000, 2500, 3000]],
    [24, 100, [0, 400, 800, 1200, 1600, 2000, 2400]],
    [21, 2.5, [0, 10, 20, 30, 40, 50]],
  ])('puts the ticks of %s bins of %s ms on bin edges, at most 7', (count, width, ticks) => {
    const edges = bins(count, width).flatMap((b) => [b.from, b.to]);
    const got = binEdgeTicks(bins(count, width));
    expect(got).toEqual(ticks);
    expect(got.every((t) => edges.includes(t))).toBe(true);
  });

  it('has none without bins', () => {
    expect(binEdgeTicks([])).toEqual([]);
  });
});

describe('curesSeen', () => {
  it('finds no cure in a run without any', () => {
    expect(curesSeen(points(30))).toEqual({
      budget: false,
      breaker: false,
      throttle: false,
      hedging: false,
    });
  });

  it('finds a cure that was on at any time in the points, and only that one', () => {
    const budget = points(20, {
      seed: 4,
      relay: { budget: { variant: 'aws' } },
      timeline: [{ atMs: 15_000, set: { 'relay.budget.variant': 'off' } }],
    });
    expect(curesSeen(budget)).toEqual({
      budget: true,
      breaker: false,
      throttle: false,
      hedging: false,
    });
    // The budget was switched off at 15 s: the last five points have none.
    expect(curesSeen(budget.slice(-5)).budget).toBe(false);
  });
});
