import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BreakerState,
  CircuitBreaker,
  type CircuitBreakerConfig,
  circuitBreakerDefaults,
} from './circuit-breaker';

type Op = 'acquire' | 'success' | 'failure' | 'look';
/** [op, nowMs, state after it, and for an acquire whether the call was let through]. */
type Step = readonly [Op, number, BreakerState, boolean?];

const breaker = (config: Partial<CircuitBreakerConfig>) =>
  new CircuitBreaker({ ...circuitBreakerDefaults, ...config });

/** Runs `steps` and returns what happened, in the steps' own shape. */
function run(b: CircuitBreaker, steps: readonly Step[]): Step[] {
  return steps.map(([op, nowMs]) => {
    let allowed: boolean | undefined;
    if (op === 'acquire') allowed = b.tryAcquire(nowMs);
    if (op === 'success') b.onSuccess(nowMs);
    if (op === 'failure') b.onFailure(nowMs);
    const state = b.state(nowMs);
    return allowed === undefined ? [op, nowMs, state] : [op, nowMs, state, allowed];
  });
}

describe('circuitBreakerDefaults', () => {
  it("holds resilience4j's defaults, and 5 in a row for the consecutive mode", () => {
    expect(circuitBreakerDefaults).toEqual({
      trip: 'rate',
      consecutiveFailures: 5,
      failureRateThreshold: 0.5, // failureRateThreshold 50
      window: 'count', // COUNT_BASED
      windowCalls: 100, // slidingWindowSize
      windowMs: 100_000, // slidingWindowSize 100, in seconds when TIME_BASED
      minimumCalls: 100, // minimumNumberOfCalls
      openMs: 60_000, // waitDurationInOpenState
      halfOpenProbes: 10, // permittedNumberOfCallsInHalfOpenState
    });
  });

  it('with the defaults opens at the 100th call when half failed, not before', () => {
    const b = breaker({});
    for (let i = 0; i < 99; i++) b.onFailure(i);
    expect(b.state(99)).toBe('closed'); // 99 failures, below minimumNumberOfCalls
    b.onSuccess(99);
    expect([b.state(99), b.opened]).toEqual(['open', 1]);
  });
});

describe('CircuitBreaker, failure rate over a count window', () => {
  const config: Partial<CircuitBreakerConfig> = {
    windowCalls: 4,
    minimumCalls: 4,
    openMs: 1000,
    halfOpenProbes: 2,
  };

  it('opens at the threshold once the minimum is seen, waits, probes, reopens, then closes', () => {
    const steps: Step[] = [
      ['failure', 0, 'closed'],
      ['failure', 1, 'closed'],
      ['failure', 2, 'closed'], // 100% failed, but 3 calls < minimumCalls 4
      ['success', 3, 'open'], // 3 of 4 failed ≥ 50%
      ['acquire', 10, 'open', false],
      ['success', 20, 'open'], // a late result while open is dropped
      ['acquire', 1003, 'open', false], // openMs has passed only when strictly after
      ['look', 1004, 'halfOpen'],
      ['acquire', 1004, 'halfOpen', true],
      ['acquire', 1004, 'halfOpen', true],
      ['acquire', 1004, 'halfOpen', false], // both probes handed out
      ['success', 1005, 'halfOpen'], // 1 of 2 results
      ['acquire', 1005, 'halfOpen', false], // a finished probe frees no slot
      ['failure', 1006, 'open'], // 1 of 2 failed ≥ 50%: open again
      ['acquire', 2006, 'open', false],
      ['acquire', 2007, 'halfOpen', true],
      ['acquire', 2007, 'halfOpen', true],
      ['success', 2008, 'halfOpen'],
      ['success', 2009, 'closed'], // 0 of 2 failed
      ['failure', 2010, 'closed'], // a fresh window: 1 call, below the minimum
      ['failure', 2011, 'closed'],
      ['success', 2012, 'closed'],
      ['acquire', 2012, 'closed', true],
      ['failure', 2013, 'open'], // 3 of 4
    ];
    const b = breaker(config);
    expect(run(b, steps)).toEqual(steps);
    expect([b.opened, b.refused]).toEqual([3, 5]);
  });

  it('keeps only the last windowCalls outcomes', () => {
    const steps: Step[] = [
      ['failure', 0, 'closed'],
      ['success', 1, 'closed'],
      ['success', 2, 'closed'],
      ['success', 3, 'closed'], // 1 of 4
      ['success', 4, 'closed'], // the failure left: 0 of 4
      ['failure', 5, 'closed'], // 1 of 4
      ['failure', 6, 'open'], // 2 of 4
    ];
    expect(run(breaker(config), steps)).toEqual(steps);
  });

  it('caps the minimum at the window size, as resilience4j does for a count window', () => {
    const steps: Step[] = [
      ['failure', 0, 'closed'],
      ['failure', 1, 'open'], // minimumCalls 100, window of 2
    ];
    expect(run(breaker({ ...config, windowCalls: 2, minimumCalls: 100 }), steps)).toEqual(steps);
  });

  it('judges half-open after min(minimumCalls, halfOpenProbes) results', () => {
    const steps: Step[] = [
      ['failure', 0, 'open'], // minimumCalls 1
      ['acquire', 101, 'halfOpen', true],
      ['acquire', 101, 'halfOpen', true],
      ['success', 102, 'closed'], // one result is enough, though 3 probes were allowed
      ['success', 103, 'closed'], // the other probe ends in the closed state
    ];
    const b = breaker({ ...config, minimumCalls: 1, openMs: 100, halfOpenProbes: 3 });
    expect(run(b, steps)).toEqual(steps);
  });
});

describe('CircuitBreaker, failure rate over a time window', () => {
  it('counts the calls of the last windowMs, in one-second buckets', () => {
    const steps: Step[] = [
      ['failure', 0, 'closed'],
      ['success', 3000, 'closed'], // the failure of second 0 left the 3 s window: 1 call
      ['success', 3100, 'closed'],
      ['failure', 3200, 'closed'], // 1 of 3
      ['failure', 3300, 'open'], // 2 of 4
      ['acquire', 4301, 'halfOpen', true],
      ['success', 4302, 'closed'],
      ['failure', 4400, 'closed'], // fresh: 1 call < minimumCalls 2
    ];
    const b = breaker({
      window: 'time',
      windowMs: 3000,
      minimumCalls: 2,
      openMs: 1000,
      halfOpenProbes: 1,
    });
    expect(run(b, steps)).toEqual(steps);
  });
});

describe('CircuitBreaker, consecutive failures', () => {
  it('opens after N failures in a row; one probe result decides half-open', () => {
    const steps: Step[] = [
      ['failure', 0, 'closed'],
      ['failure', 1, 'closed'],
      ['success', 2, 'closed'], // the run starts over
      ['failure', 3, 'closed'],
      ['failure', 4, 'closed'],
      ['failure', 5, 'open'], // 3 in a row
      ['acquire', 505, 'open', false],
      ['acquire', 506, 'halfOpen', true],
      ['acquire', 506, 'halfOpen', true],
      ['acquire', 506, 'halfOpen', false],
      ['failure', 507, 'open'], // one failing probe reopens
      ['acquire', 1008, 'halfOpen', true],
      ['success', 1009, 'closed'], // one succeeding probe closes
      ['failure', 1010, 'closed'], // the run was reset
      ['failure', 1011, 'closed'],
      ['failure', 1012, 'open'],
    ];
    const b = breaker({
      trip: 'consecutive',
      consecutiveFailures: 3,
      openMs: 500,
      halfOpenProbes: 2,
    });
    expect(run(b, steps)).toEqual(steps);
    expect([b.opened, b.refused]).toEqual([3, 2]);
  });
});

describe('CircuitBreaker.configure', () => {
  it('applies a new open time to the breaker already open', () => {
    const b = breaker({ trip: 'consecutive', consecutiveFailures: 1, openMs: 1000 });
    b.onFailure(0);
    b.configure({
      ...circuitBreakerDefaults,
      trip: 'consecutive',
      consecutiveFailures: 1,
      openMs: 50,
    });
    expect([b.tryAcquire(50), b.tryAcquire(51)]).toEqual([false, true]);
  });

  it('starts a changed window empty, and keeps an unchanged one', () => {
    const base = { ...circuitBreakerDefaults, windowCalls: 4, minimumCalls: 4 };
    const b = new CircuitBreaker(base);
    for (let i = 0; i < 3; i++) b.onFailure(i);
    b.configure({ ...base, failureRateThreshold: 0.9 }); // same window: the 3 failures stay
    b.onFailure(3);
    expect(b.state(3)).toBe('open');
    const c = new CircuitBreaker(base);
    for (let i = 0; i < 3; i++) c.onFailure(i);
    c.configure({ ...base, windowCalls: 5 }); // a new window
    c.onFailure(3);
    expect(c.state(3)).toBe('closed');
  });
});

describe('CircuitBreaker, half-open', () => {
  it('never lets more than halfOpenProbes calls through in one half-open spell', () => {
    const configArbitrary = fc.record({
      trip: fc.constantFrom('consecutive' as const, 'rate' as const),
      consecutiveFailures: fc.integer({ min: 1, max: 4 }),
      failureRateThreshold: fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
      window: fc.constantFrom('count' as const, 'time' as const),
      windowCalls: fc.integer({ min: 1, max: 8 }),
      windowMs: fc.integer({ min: 1, max: 5000 }),
      minimumCalls: fc.integer({ min: 0, max: 4 }),
      openMs: fc.integer({ min: 0, max: 300 }),
      halfOpenProbes: fc.integer({ min: 1, max: 4 }),
    });
    const stepArbitrary = fc.record({
      op: fc.constantFrom<Op>('acquire', 'acquire', 'acquire', 'success', 'failure', 'failure'),
      gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 })),
    });
    let runsFillingProbes = 0;
    fc.assert(
      fc.property(
        configArbitrary,
        fc.array(stepArbitrary, { minLength: 60, maxLength: 150 }),
        (config, steps) => {
          const b = new CircuitBreaker(config);
          let nowMs = 0;
          let letThrough = 0; // in the current half-open spell
          let filled = false;
          for (const { op, gapMs } of steps) {
            nowMs += gapMs;
            const before = b.state(nowMs);
            if (before !== 'halfOpen') letThrough = 0;
            if (op === 'acquire') {
              const allowed = b.tryAcquire(nowMs);
              if (before === 'halfOpen') {
                // Exactly halfOpenProbes: each one allowed, every later one refused.
                expect(allowed).toBe(letThrough < config.halfOpenProbes);
                if (allowed) letThrough++;
                else filled = true;
              } else {
                expect(allowed).toBe(before === 'closed');
              }
            } else if (op === 'success') b.onSuccess(nowMs);
            else b.onFailure(nowMs);
            expect(letThrough).toBeLessThanOrEqual(config.halfOpenProbes);
            if (b.state(nowMs) !== 'halfOpen') letThrough = 0;
          }
          if (filled) runsFillingProbes++;
        },
      ),
    );
    // Most of the 100 runs (65 to 75, measured) reach half-open and hand out every probe.
    expect(runsFillingProbes).toBeGreaterThan(50);
  });
});
