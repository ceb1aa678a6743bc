/**
 * Published results the lab reproduces, each on its guided scenario: the direction the source
 * states, measured in the simulation (the README has the full numbers next to the published
 * ones). Runs are shortened where the direction shows sooner, to keep the suite fast; the
 * longest (a two-minute storm, twenty contention runs) take a few seconds each, more than the
 * 5 s default on a busy machine, so they have 30 s.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import hedgingSaturated from '../scenarios/hedging-near-saturation.json';
import hedgingTail from '../scenarios/hedging-the-tail.json';
import jitter from '../scenarios/jitter-under-contention.json';
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
  }, 30_000);

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
  }, 30_000);

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
  }, 30_000);

  it('adaptive throttling (the SRE book: K = 2 over two minutes) has not recovered at 2:00', () => {
    const goodput = goodputPerSecond(scenario, { 'relay.throttle.enabled': true }, 120_000);
    expect(recovery(goodput)).toBe(Number.POSITIVE_INFINITY);
  }, 30_000);
});

describe('Brooker 2015, "Exponential Backoff And Jitter": 100 clients contending', () => {
  const scenario = parseScenario(jitter);
  const SEEDS = [1, 2, 3, 4, 5];

  /** Downstream calls, and ms from the burst until the last client got its 200. */
  const contend = (jitterMode: string, seed: number) => {
    let lastMs = 0;
    let served = 0;
    const simulation = createSimulation(
      { ...withSettings(scenario, { 'relay.retry.jitter': jitterMode }), seed },
      {
        keepBuckets: 0,
        onRequestEnd: (end) => {
          if (end.outcome !== 'ok') return;
          served++;
          lastMs = Math.max(lastMs, end.endedAtMs - end.arrivedAtMs);
        },
      },
    );
    // Without jitter the last client waits about 3 minutes: past the scenario's minute.
    for (let t = 60_000; served < 100 && t <= 600_000; t += 60_000) simulation.advanceTo(t);
    expect(served).toBe(100);
    return { calls: simulation.summary().downstream.calls, lastMs };
  };

  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  type Measured = { calls: number; lastMs: number; runs: { calls: number; lastMs: number }[] };
  const measured: Record<string, Measured> = {};
  beforeAll(() => {
    for (const mode of ['none', 'full', 'equal', 'decorrelated']) {
      const runs = SEEDS.map((seed) => contend(mode, seed));
      measured[mode] = {
        calls: mean(runs.map((r) => r.calls)),
        lastMs: mean(runs.map((r) => r.lastMs)),
        runs,
      };
    }
  }, 30_000);

  it('prints its seeds and numbers', () => {
    for (const [mode, { runs }] of Object.entries(measured)) {
      console.log(
        `${mode}: seeds ${SEEDS.join(',')}: calls ${runs.map((r) => r.calls).join(',')}; last client at ${runs.map((r) => (r.lastMs / 1000).toFixed(1)).join(',')} s`,
      );
    }
    expect(Object.keys(measured)).toHaveLength(4);
  });

  it('without jitter the clients retry in lockstep: far more calls and far more time', () => {
    expect(measured.none!.calls).toBe(5050);
    expect(measured.none!.calls).toBeGreaterThan(5 * measured.full!.calls);
    expect(measured.none!.lastMs).toBeGreaterThan(20 * measured.full!.lastMs);
  });

  it('full and decorrelated jitter need about the fewest calls; equal jitter is slower than full, decorrelated faster', () => {
    const fewest = Math.min(measured.full!.calls, measured.equal!.calls);
    expect(measured.full!.calls).toBeLessThan(fewest * 1.05);
    expect(measured.decorrelated!.calls).toBeLessThan(fewest * 1.05);
    expect(measured.equal!.lastMs).toBeGreaterThan(measured.full!.lastMs);
    expect(measured.decorrelated!.lastMs).toBeLessThan(measured.full!.lastMs);
  });
});

describe('hedged requests (Dean and Barroso, "The Tail at Scale")', () => {
  const HEDGE = { 'relay.hedge.mode': 'percentile', 'relay.hedge.percentile': 0.95 };
  const pair = (json: unknown, seed: number) => {
    const scenario = { ...parseScenario(json), seed };
    return [runScenario(scenario), runScenario(withSettings(scenario, HEDGE))] as const;
  };

  it.each([3, 4, 5])(
    'on a long tail with room to spare, hedging at the p95 cuts the p99 for about 5 percent more calls (seed %i)',
    (seed) => {
      const [plain, hedged] = pair(hedgingTail, seed);
      expect(hedged.clientLatencyMs.p99).toBeLessThan(0.7 * plain.clientLatencyMs.p99);
      expect(hedged.amplification).toBeLessThan(1.08);
      expect(hedged.clients.served).toBeGreaterThanOrEqual(plain.clients.served);
    },
  );

  it.each([3, 4, 5])(
    'near saturation the hedges take what first tries need: more calls, fewer clients served (seed %i)',
    (seed) => {
      const [plain, hedged] = pair(hedgingSaturated, seed);
      expect(hedged.amplification).toBeGreaterThan(plain.amplification + 0.04);
      expect(hedged.clients.served).toBeLessThan(plain.clients.served - 0.005);
      expect(hedged.goodput.perSec).toBeLessThan(plain.goodput.perSec);
    },
  );
});
