import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AdaptiveThrottle,
  type AdaptiveThrottleConfig,
  adaptiveThrottleDefaults,
} from './adaptive-throttle';

const throttle = (config: Partial<AdaptiveThrottleConfig> = {}) =>
  new AdaptiveThrottle({ ...adaptiveThrottleDefaults, ...config });
/** Records `requests` requests and `accepts` accepts at `nowMs`. */
function record(t: AdaptiveThrottle, nowMs: number, requests: number, accepts: number): void {
  for (let i = 0; i < requests; i++) t.recordRequest(nowMs);
  for (let i = 0; i < accepts; i++) t.recordAccept(nowMs);
}

describe('AdaptiveThrottle', () => {
  it("holds the SRE book's values: two minutes, K = 2", () => {
    expect(adaptiveThrottleDefaults).toEqual({ windowMs: 120_000, k: 2 });
  });

  // [requests, accepts, K, max(0, (requests − K·accepts) / (requests + 1))]
  it.each([
    [0, 0, 2, 0],
    [1, 0, 2, 1 / 2],
    [10, 0, 2, 10 / 11],
    [10, 3, 2, 4 / 11],
    [10, 5, 2, 0], // requests = 2 × accepts: the cutoff
    [10, 10, 2, 0],
    [100, 20, 2, 60 / 101],
    [10, 5, 1.1, 4.5 / 11],
    [10, 5, 1, 5 / 11],
    [1000, 0, 2, 1000 / 1001],
  ])('%i requests, %i accepts, K = %f → %f', (requests, accepts, k, expected) => {
    const t = throttle({ k });
    record(t, 0, requests, accepts);
    expect(t.rejectProbability(0)).toBe(expected);
  });

  it('forgets counts that left the window', () => {
    const t = throttle({ windowMs: 2000 }); // seconds 0 and 1
    record(t, 0, 10, 0);
    record(t, 1500, 2, 2);
    // [time, probability]
    expect([1999, 2000, 2999, 3000].map((ms) => [ms, t.rejectProbability(ms)])).toEqual([
      [1999, (12 - 4) / 13],
      [2000, 0], // second 0 left: 2 requests, 2 accepts
      [2999, 0],
      [3000, 0], // nothing left
    ]);
    record(t, 3000, 3, 1);
    expect(t.rejectProbability(3000)).toBe(1 / 4);
  });

  it('counts a request after its own probability is taken', () => {
    const t = throttle();
    expect(t.rejectProbability(0)).toBe(0);
    t.recordRequest(0); // rejected locally or failed: no accept
    expect(t.rejectProbability(0)).toBe(1 / 2);
    t.recordRequest(0);
    expect(t.rejectProbability(0)).toBe(2 / 3);
  });

  it('applies a new K at once, and starts afresh on a new window length', () => {
    const t = throttle();
    record(t, 0, 10, 3);
    t.configure({ windowMs: 120_000, k: 1 });
    expect(t.rejectProbability(0)).toBe(7 / 11);
    t.configure({ windowMs: 60_000, k: 1 });
    expect(t.rejectProbability(0)).toBe(0);
  });

  it('keeps the probability in [0, 1) whatever is recorded', () => {
    let runsRejecting = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 40 }).map((x) => x / 10),
        fc.array(
          fc.record({
            accept: fc.constantFrom(true, false, false, false),
            gapMs: fc.integer({ min: 0, max: 1500 }),
          }),
          { minLength: 10, maxLength: 200 },
        ),
        (windowMs, k, events) => {
          const t = throttle({ windowMs, k });
          let nowMs = 0;
          let rejecting = false;
          for (const { accept, gapMs } of events) {
            nowMs += gapMs;
            const p = t.rejectProbability(nowMs);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThan(1);
            if (p > 0) rejecting = true;
            if (accept) t.recordAccept(nowMs);
            else t.recordRequest(nowMs);
          }
          if (rejecting) runsRejecting++;
        },
      ),
    );
    // Most of the 100 runs (95 or more, measured) reach a probability above the floor at 0.
    expect(runsRejecting).toBeGreaterThan(80);
  });
});
