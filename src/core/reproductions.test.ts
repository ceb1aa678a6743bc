/**
 * Published results the lab reproduces, each on its guided scenario: the direction the source
 * states, measured in the simulation (the README has the full numbers next to the published
 * ones). Runs are shortened where the direction shows sooner, to keep the suite fast.
 */
import { describe, expect, it } from 'vitest';
import storm from '../scenarios/metastable-retry-storm.json';
import brooker from '../scenarios/retries-token-bucket-breaker.json';
import { createSimulation, parseScenario, runScenario, type Scenario, withSettings } from '.';

/** Brooker's four strategies, as settings of the relay (3 retries is the scenario's own). */
const STRATEGIES = {
  none: { 'relay.retry.maxRetries': 0 },
  retries: {},
  bucket: { 'relay.budget.variant': 'adaptive' },
  breaker: { 'relay.breaker.trip': 'rate', 'relay.breaker.scope': 'retries' },
} as const;

describe('Brooker 2022, "Fixing retries with token buckets and circuit breakers"', () => {
  const scenario = parseScenario(brooker);
  const run = (failureProbability: number, set: Record<string, unknown>, base = scenario) =>
    runScenario(
      withSettings(base, { ...set, 'downstream.failureProbability': failureProbability }),
    );

  it('at 100% failure: 3 retries put about 4× the load on the downstream, the bucket and the breaker on retries about 1×', () => {
    const load = (set: Record<string, unknown>) => run(1, set).amplification;
    expect(load(STRATEGIES.none)).toBe(1);
    expect(load(STRATEGIES.retries)).toBeGreaterThanOrEqual(3.5);
    expect(load(STRATEGIES.bucket)).toBeLessThanOrEqual(1.3);
    expect(load(STRATEGIES.breaker)).toBeLessThanOrEqual(1.1);
  });

  it('at 10% failure the token bucket keeps most of what retries add to success', () => {
    const served = (set: Record<string, unknown>) => run(0.1, set).clients.served;
    const none = served(STRATEGIES.none);
    const retries = served(STRATEGIES.retries);
    const bucket = served(STRATEGIES.bucket);
    expect(retries - none).toBeGreaterThan(0.08);
    expect((bucket - none) / (retries - none)).toBeGreaterThan(0.75);
    // Below the breaker's threshold, the breaker on retries is 3 retries.
    expect(served(STRATEGIES.breaker)).toBe(retries);
  });

  it("on Brooker's downstream, failing whatever the load, 3 retries add success at every failure rate and cost 1 + p + p² + p³ calls", () => {
    const unbounded = withSettings(scenario, { 'downstream.servers': 'unbounded' });
    for (const p of [0.3, 0.8]) {
      const none = run(p, STRATEGIES.none, unbounded);
      const retries = run(p, STRATEGIES.retries, unbounded);
      expect(retries.clients.served).toBeGreaterThan(none.clients.served + 0.2);
      expect(retries.amplification).toBeCloseTo(1 + p + p ** 2 + p ** 3, 1);
    }
  });
});

/** Goodput in each second of `scenario` with `set`, up to `untilMs`. */
function goodputPerSecond(scenario: Scenario, set: Record<string, unknown>, untilMs: number) {
  const simulation = createSimulation(withSettings(scenario, set), {
    bucketMs: 1000,
    keepBuckets: 1000,
  });
  simulation.advanceTo(untilMs);
  return simulation.takeBuckets().map((bucket) => bucket.goodput);
}

describe('the metastable retry storm, and its cures', () => {
  const scenario = parseScenario(storm);
  const BROWNOUT_ENDS_S = 40;
  /** Seconds after 0:40 until goodput is back to 90% of its rate before the brownout. */
  const recovery = (goodput: number[]) => {
    const before = goodput.slice(20, 30).reduce((sum, n) => sum + n, 0) / 10;
    const back = goodput.findIndex((n, s) => s >= BROWNOUT_ENDS_S && n >= 0.9 * before);
    return back < 0 ? Number.POSITIVE_INFINITY : back - BROWNOUT_ENDS_S;
  };

  it('without a cure goodput is still zero at 2:00, 80 s after the brownout ended', () => {
    const goodput = goodputPerSecond(scenario, {}, 120_000);
    expect(goodput.slice(20, 30).every((n) => n > 200)).toBe(true);
    expect(goodput.slice(110, 120)).toEqual(Array(10).fill(0));
  });

  it.each([
    ['a retry budget (AWS SDK quota)', { 'relay.budget.variant': 'aws' }],
    ['a breaker on retries only', STRATEGIES.breaker],
    ['no relay retries', { 'relay.retry.maxRetries': 0 }],
  ])('with %s goodput is back within 10 s of 0:40', (_, set) => {
    expect(recovery(goodputPerSecond(scenario, set, 55_000))).toBeLessThanOrEqual(10);
  });

  it('a breaker on every call ends the storm only when its 60 s open wait is over', () => {
    const wait = recovery(goodputPerSecond(scenario, { 'relay.breaker.trip': 'rate' }, 110_000));
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThan(65);
  });

  it('adaptive throttling (the SRE book: K = 2 over two minutes) has not recovered at 2:00', () => {
    const goodput = goodputPerSecond(scenario, { 'relay.throttle.enabled': true }, 120_000);
    expect(recovery(goodput)).toBe(Number.POSITIVE_INFINITY);
  });
});
