import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WINDOW_BUCKET_MS, WindowCounts } from './window-counts';

describe('WindowCounts', () => {
  it.each([
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [3000, 3],
    [120_000, 120],
    [0, 1],
  ])('a window of %i ms keeps %i one-second buckets', (windowMs, buckets) => {
    expect(new WindowCounts(windowMs).buckets).toBe(buckets);
  });

  it('keeps the current second and the buckets − 1 before it, then lets them go', () => {
    const w = new WindowCounts(3000);
    w.add(0, 1, 1); // bucket 0
    w.add(999, 2, 0); // bucket 0
    w.add(1000, 4, 1); // bucket 1
    w.add(2500, 8, 0); // bucket 2
    // [time, count, marked]
    const expected: [number, number, number][] = [
      [2999, 15, 2], // buckets 0, 1, 2
      [3000, 12, 1], // bucket 0 left
      [3999, 12, 1],
      [4000, 8, 0], // bucket 1 left
      [5000, 0, 0], // bucket 2 left
    ];
    for (const [nowMs, count, marked] of expected) {
      expect([nowMs, w.count(nowMs), w.marked(nowMs)]).toEqual([nowMs, count, marked]);
    }
  });

  it('forgets everything after a gap longer than the window, and restarts cleanly', () => {
    const w = new WindowCounts(2000);
    w.add(100, 5, 5);
    w.add(1100, 5, 0);
    w.add(60_000, 1, 0);
    expect(w.count(60_000)).toBe(1);
    expect(w.marked(60_000)).toBe(0);
    w.add(61_000, 1, 1);
    expect([w.count(61_999), w.marked(61_999)]).toEqual([2, 1]);
    expect([w.count(62_000), w.marked(62_000)]).toEqual([1, 1]);
  });

  it('clear() forgets every event', () => {
    const w = new WindowCounts(5000);
    w.add(10, 3, 2);
    w.clear();
    expect([w.count(10), w.marked(10)]).toEqual([0, 0]);
    w.add(20, 1, 1);
    expect([w.count(20), w.marked(20)]).toEqual([1, 1]);
  });

  it('matches a list of every event, for any events at non-decreasing times', () => {
    const step = fc.record({
      gapMs: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 9000 })),
      count: fc.integer({ min: 0, max: 3 }),
      marked: fc.integer({ min: 0, max: 3 }),
    });
    let runsWithExpiry = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8000 }),
        fc.array(step, { minLength: 10, maxLength: 60 }),
        (windowMs, steps) => {
          const w = new WindowCounts(windowMs);
          const events: { t: number; count: number; marked: number }[] = [];
          let nowMs = 0;
          let expired = false;
          for (const { gapMs, count, marked } of steps) {
            nowMs += gapMs;
            w.add(nowMs, count, marked);
            events.push({ t: nowMs, count, marked });
            const oldest = Math.floor(nowMs / WINDOW_BUCKET_MS) - w.buckets + 1;
            const kept = events.filter((e) => Math.floor(e.t / WINDOW_BUCKET_MS) >= oldest);
            if (kept.length < events.length) expired = true;
            expect(w.count(nowMs)).toBe(kept.reduce((s, e) => s + e.count, 0));
            expect(w.marked(nowMs)).toBe(kept.reduce((s, e) => s + e.marked, 0));
          }
          if (expired) runsWithExpiry++;
        },
      ),
    );
    // Most of the 100 runs see events leave the window: the property checks expiry, not only adds.
    expect(runsWithExpiry).toBeGreaterThan(90);
  });
});
