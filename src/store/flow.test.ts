import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type MetricsBucket,
  mergeBuckets,
  parseScenario,
  type ScenarioInput,
  startingConfig,
  zeroCounters,
} from '../core';
import { FLOW_OUTCOMES, flowNumbers, permilleShares, selectFlow } from './flow';

const config = (scenario: ScenarioInput = {}) => startingConfig(parseScenario(scenario));

/** A 1 s point from second `s`, all zero but `fields`. */
function point(s: number, fields: Partial<MetricsBucket> = {}): MetricsBucket {
  return {
    ...zeroCounters(),
    workers: 8,
    servers: null,
    budgetLevel: null,
    budgetCapacity: null,
    breakerState: null,
    throttleProbability: null,
    queueCapacity: 100,
    deadLetters: 0,
    idempotencyKeys: 0,
    startMs: s * 1000,
    endMs: (s + 1) * 1000,
    latencyMs: {
      count: 0,
      mean: 0,
      p50: 0,
      p95: 0,
      p99: 0,
      max: 0,
      histogram: { bins: [], counts: [] } as unknown as MetricsBucket['latencyMs']['histogram'],
    },
    queueDepthMean: 0,
    queueDepthMax: 0,
    busyMean: 0,
    busyMax: 0,
    downstreamQueueMean: 0,
    downstreamQueueMax: 0,
    retriesByNumber: [],
    retryDelaySamples: [],
    ...fields,
  };
}

/** 1 s points of a seeded run, as the engine host sends them. */
function run(seconds: number, scenario: ScenarioInput): MetricsBucket[] {
  const simulation = createSimulation(scenario, { keepBuckets: 100_000 });
  simulation.advanceTo(seconds * 1000);
  const buckets = simulation.takeBuckets();
  const out: MetricsBucket[] = [];
  for (let i = 0; i + 4 <= buckets.length; i += 4) out.push(mergeBuckets(buckets.slice(i, i + 4)));
  return out;
}

describe('the flow diagram numbers', () => {
  it('gives each arrow its rate over the last 3 s, per second', () => {
    const busy = {
      arrivals: 30,
      resends: 6,
      replays: 3,
      replayed: 3,
      conflict: 3,
      rejectedQueueFull: 6,
      rejectedShed: 3,
      calls: 45,
      breakerRefused: 3,
      rejectedThrottled: 3,
      deadThrottled: 3,
      retries: 12,
    };
    // The first two points are older than 3 s: only the last three count.
    const points = [point(0, { arrivals: 999 }), point(1, { arrivals: 999 })];
    for (let s = 2; s < 5; s++) points.push(point(s, busy));
    const flow = flowNumbers(points, config());
    expect(flow.spanMs).toBe(3000);
    expect(flow.atMs).toBe(5000);
    expect(flow.arrivalsPerSec).toBe(30);
    expect(flow.clients).toMatchObject({ sentPerSec: 21, resendsPerSec: 6, replaysPerSec: 3 });
    // Past the idempotency check: arrivals less stored replays and 409s.
    expect(flow.admittedPerSec).toBe(24);
    // Taken by a worker: less the queue's 429s (full, and shed by CoDel).
    expect(flow.startedPerSec).toBe(15);
    // The workers ask for calls, throttling and the breaker refuse some, the rest are calls.
    expect(flow.attemptsPerSec).toBe(54);
    expect(flow.callsPerSec).toBe(45);
    expect(flow.workers.retriesPerSec).toBe(12);
    expect(flow.queue).toMatchObject({ queueFullPerSec: 6, shedPerSec: 3 });
  });

  it('fills queues and pools from time-averaged levels against their limits', () => {
    const points = [0, 1, 2].map((s) =>
      point(s, {
        queueDepthMean: 20 + s * 10,
        queueDepthMax: 50 + s,
        busyMean: 6,
        workers: 8,
        servers: 20,
        downstreamBusyMs: 10_000,
        wastedMs: 2_500,
        downstreamQueueMean: 5,
        deadLetters: 250 + s,
        calls: 100,
        failures: 20,
        timeouts: 5,
      }),
    );
    const flow = flowNumbers(
      points,
      config({
        downstream: { servers: 20, queueCapacity: 50 },
        relay: { deadLetter: { capacity: 1000 } },
      }),
    );
    expect(flow.queue.fill).toEqual({ level: 30, capacity: 100, share: 0.3 });
    expect(flow.queue.depthMax).toBe(52);
    expect(flow.workers.fill).toEqual({ level: 6, capacity: 8, share: 0.75 });
    // 10 s of busy time per second of virtual time: 10 servers of 20 busy, a quarter wasted.
    expect(flow.downstream.servers).toEqual({ level: 10, capacity: 20, share: 0.5 });
    expect(flow.downstream.wastedShare).toBe(0.25);
    expect(flow.downstream.queue).toEqual({ level: 5, capacity: 50, share: 0.1 });
    expect(flow.downstream.failureShare).toBe(0.25);
    // Dead letters held now (the newest point), not averaged.
    expect(flow.deadLetters.fill).toEqual({ level: 252, capacity: 1000, share: 0.252 });
  });

  it('has no limit to fill where a pool or the downstream is unbounded, and no downstream queue', () => {
    const points = [
      point(0, { workers: null, servers: null, busyMean: 40, downstreamBusyMs: 3000 }),
    ];
    const flow = flowNumbers(points, config({ relay: { workers: 'unbounded' } }));
    expect(flow.workers.fill).toEqual({ level: 40, capacity: null, share: null });
    expect(flow.downstream.servers).toEqual({ level: 3, capacity: null, share: null });
    expect(flow.downstream.queue).toBeNull();
  });

  it('gives every outcome its share of the finished requests, adding up to 100%', () => {
    const points = [point(0, { ok: 90, replayed: 3, rejected: 2, conflict: 1, deadLettered: 4 })];
    const flow = flowNumbers(points, config());
    expect(flow.outcomes.map((o) => o.outcome)).toEqual([...FLOW_OUTCOMES]);
    expect(flow.finishedPerSec).toBe(100);
    expect(flow.outcomes.map((o) => o.permille)).toEqual([900, 30, 20, 10, 40, 0, 0]);
    expect(flow.outcomes.find((o) => o.outcome === 'deadLettered')).toMatchObject({
      perSec: 4,
      share: 0.04,
    });
  });

  it('rounds shares to tenths of a percent that always add up to exactly 100.0%', () => {
    expect(permilleShares([1, 1, 1])).toEqual([334, 333, 333]);
    expect(permilleShares([0, 0])).toEqual([0, 0]);
    fc.assert(
      fc.property(fc.array(fc.nat(10_000), { minLength: 1, maxLength: 7 }), (counts) => {
        const shares = permilleShares(counts);
        const total = counts.reduce((a, b) => a + b, 0);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total > 0 ? 1000 : 0);
        // Each within one tenth of a percent of its exact share.
        counts.forEach((c, i) => {
          if (total > 0) expect(Math.abs(shares[i]! - (c / total) * 1000)).toBeLessThan(1);
        });
      }),
    );
  });

  it('adds up to 100% over real runs, and the outcome rates to the finished rate', () => {
    const points = run(10, {
      seed: 9,
      traffic: { ratePerSec: 100, duplicateRatio: 0.1 },
      clients: { timeoutMs: 400, retryShare: 0.5 },
      downstream: { servers: 5, queueCapacity: 10, failureProbability: 0.3 },
      relay: { workers: 4, queueCapacity: 10, retry: { maxRetries: 0 } },
    });
    for (let end = 1; end <= points.length; end++) {
      const flow = flowNumbers(points.slice(0, end), config());
      const permille = flow.outcomes.reduce((sum, o) => sum + o.permille, 0);
      expect(permille).toBe(flow.finishedPerSec > 0 ? 1000 : 0);
      const perSec = flow.outcomes.reduce((sum, o) => sum + o.perSec, 0);
      expect(perSec).toBeCloseTo(flow.finishedPerSec, 9);
    }
    const flow = flowNumbers(points, config());
    // This run refuses, dead-letters and abandons: each shows.
    for (const outcome of ['ok', 'rejected', 'deadLettered', 'abandoned'] as const) {
      expect(flow.outcomes.find((o) => o.outcome === outcome)!.perSec).toBeGreaterThan(0);
    }
    expect(flow.clients.resendsPerSec).toBeGreaterThan(0);
  });

  it('shows the cures only while they are on, with their gauges', () => {
    const off = flowNumbers(run(5, { seed: 3 }), config());
    expect(off).toMatchObject({ throttle: null, breaker: null, budget: null, hedging: null });

    const cures: ScenarioInput = {
      seed: 3,
      downstream: { outage: true },
      relay: {
        budget: { variant: 'aws' },
        breaker: { trip: 'consecutive', consecutiveFailures: 5 },
        throttle: { enabled: true },
        hedge: { mode: 'fixed' },
      },
    };
    const on = flowNumbers(run(5, cures), config(cures));
    // Every call fails: the breaker is open, throttling refuses, the budget has been spent.
    expect(on.breaker?.state).toBe('open');
    expect(on.breaker!.refusedPerSec).toBeGreaterThan(0);
    expect(on.throttle!.probability).toBeGreaterThan(0);
    expect(on.budget!.fill!.capacity).toBe(500);
    expect(on.budget!.fill!.level).toBeLessThan(500);
    expect(on.hedging).toEqual({ hedgesPerSec: expect.any(Number), winsPerSec: 0 });
  });

  it('gives zeros, not NaN, before the first point', () => {
    const flow = flowNumbers([], config({ downstream: { servers: 10 } }));
    expect(flow.spanMs).toBe(0);
    expect(flow.arrivalsPerSec).toBe(0);
    expect(flow.workers.fill).toEqual({ level: 0, capacity: 8, share: 0 });
    expect(flow.downstream.servers.capacity).toBe(10);
    expect(flow.outcomes.every((o) => o.perSec === 0 && o.share === 0 && o.permille === 0)).toBe(
      true,
    );
    expect(JSON.stringify(flow)).not.toContain('NaN');
  });

  it('is computed once per new point or settings change', () => {
    const points = run(3, { seed: 1 });
    const settings = config();
    const first = selectFlow({ points, config: settings });
    expect(selectFlow({ points, config: settings })).toBe(first);
    const more = [...points, ...run(4, { seed: 1 }).slice(3)];
    const next = selectFlow({ points: more, config: settings });
    expect(next).not.toBe(first);
    expect(next.atMs).toBe(4000);
  });
});
