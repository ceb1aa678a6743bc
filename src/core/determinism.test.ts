import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestOutcome } from './relay';
import { parseScenario } from './scenario';
import type { ScenarioInput, TimelineEntry } from './scenario-schema';
import { createSimulation, runScenario, type Simulation } from './simulation';
import { scenarioArbitrary } from './test-arbitraries';

/** Runs `scenario` to `untilMs` in `steps` equal advances; returns every bucket and the summary. */
function run(scenario: ScenarioInput, untilMs: number, steps: number) {
  const simulation = createSimulation(scenario, { keepBuckets: 100_000 });
  const buckets = [];
  for (let i = 1; i <= steps; i++) {
    simulation.advanceTo((untilMs * i) / steps);
    buckets.push(...simulation.takeBuckets());
  }
  return { buckets, summary: simulation.summary(), deadLetters: simulation.deadLetters() };
}

describe('determinism', () => {
  it('gives the same summary and bucket data for the same scenario', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ timeline: true }), (scenario) => {
        expect(run(scenario, 8000, 3)).toEqual(run(scenario, 8000, 3));
      }),
      { numRuns: 30 },
    );
  });

  it('does not depend on how the run is sliced: one advance of 10 s = 625 advances of 16 ms', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ timeline: true }), (scenario) => {
        expect(run(scenario, 10_000, 625)).toEqual(run(scenario, 10_000, 1));
      }),
      { numRuns: 30 },
    );
  });

  it('gives a different run for a different seed', () => {
    const scenario = { durationMs: 30_000, downstream: { failureProbability: 0.3 } };
    const a = runScenario({ ...scenario, seed: 1 });
    const b = runScenario({ ...scenario, seed: 2 });
    expect(a.requests).not.toBe(b.requests);
    expect(a.latencyMs).not.toEqual(b.latencyMs);
  });

  it("keeps every request's draws when a setting changes how many others end early", () => {
    // Fewer workers: longer waits, so more resends find their key in progress (409). Requests
    // are numbered in order of arrival, so the requests both runs send downstream still meet
    // the same fate there: with no retries, one attempt decides 200 or dead letter.
    const ends = (workers: number) => {
      // A client's request: its logical request and its arrival (a resend arrives later).
      const outcomes = new Map<string, RequestOutcome>();
      let conflicts = 0;
      const scenario = parseScenario({
        seed: 5,
        durationMs: 60_000,
        traffic: { ratePerSec: 100, keyedRatio: 1, duplicateRatio: 0.2 },
        downstream: { failureProbability: 0.3 },
        relay: { workers, queueCapacity: 1000, retry: { maxRetries: 0 } },
      });
      createSimulation(scenario, {
        onRequestEnd: (end) => {
          outcomes.set(`${end.logicalId}@${end.arrivedAtMs}`, end.outcome);
          if (end.outcome === 'conflict') conflicts++;
        },
      }).advanceTo(scenario.durationMs);
      return { outcomes, conflicts };
    };
    const wide = ends(16);
    const narrow = ends(6);
    expect(narrow.conflicts).toBeGreaterThan(wide.conflicts);
    let compared = 0;
    for (const [request, outcome] of wide.outcomes) {
      const other = narrow.outcomes.get(request);
      const downstream = (x: RequestOutcome | undefined) => x === 'ok' || x === 'deadLettered';
      if (!downstream(outcome) || !downstream(other)) continue;
      expect(other, `request ${request}`).toBe(outcome);
      compared++;
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it("keeps the downstream's draws when a relay setting changes, with deadlines and resends", () => {
    // A finite downstream, clients that give up and resend: fewer workers change who waits,
    // who gives up and who resends, but the same request (by id; resends have ids of their own)
    // meets the same fate at the downstream.
    const fates = (workers: number) => {
      const fate = new Map<number, RequestOutcome>();
      let abandoned = 0;
      const scenario = parseScenario({
        seed: 8,
        durationMs: 60_000,
        traffic: { ratePerSec: 100, keyedRatio: 1 },
        clients: { timeoutMs: 1500, retryShare: 0.5, maxResends: 2, baseDelayMs: 500 },
        downstream: { failureProbability: 0.3, servers: 10, latency: { meanMs: 60 } },
        relay: { workers, queueCapacity: 1000, retry: { maxRetries: 0 } },
      });
      createSimulation(scenario, {
        onRequestEnd: (end) => {
          if (end.outcome === 'abandoned') abandoned++;
          if (end.outcome === 'ok' || end.outcome === 'deadLettered') {
            fate.set(end.requestId, end.outcome);
          }
        },
      }).advanceTo(scenario.durationMs);
      return { fate, abandoned };
    };
    const wide = fates(16);
    const narrow = fates(7);
    expect(narrow.abandoned).toBeGreaterThan(wide.abandoned);
    let compared = 0;
    for (const [id, outcome] of wide.fate) {
      const other = narrow.fate.get(id);
      if (other === undefined) continue;
      expect(other, `request ${id}`).toBe(outcome);
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('matches runScenario with an equally long createSimulation run', () => {
    const scenario = parseScenario({
      seed: 9,
      durationMs: 20_000,
      traffic: { duplicateRatio: 0.1 },
    });
    expect(runScenario(scenario)).toEqual(run(scenario, 20_000, 7).summary);
  });
});

type LiveAction =
  | { kind: 'set'; changes: Record<string, unknown> }
  | { kind: 'burst'; count: number }
  | { kind: 'replayOne' }
  | { kind: 'replayAll' }
  | { kind: 'clear' };

const liveAction: fc.Arbitrary<LiveAction> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    changes: fc.oneof(
      fc.record({ 'downstream.failureProbability': fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ 'relay.workers': fc.integer({ min: 1, max: 10 }) }),
      fc.record({ 'traffic.ratePerSec': fc.integer({ min: 0, max: 200 }) }),
      fc.record({ 'relay.retry.jitter': fc.constantFrom('none', 'full', 'equal', 'decorrelated') }),
      fc.record({ 'downstream.outage': fc.boolean() }),
    ),
  }),
  fc.record({ kind: fc.constant('burst' as const), count: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('replayOne' as const) }),
  fc.record({ kind: fc.constant('replayAll' as const) }),
  fc.record({ kind: fc.constant('clear' as const) }),
);

function perform(simulation: Simulation, action: LiveAction): TimelineEntry | null {
  switch (action.kind) {
    case 'set':
      return simulation.set(action.changes);
    case 'burst':
      return simulation.burst(action.count);
    case 'replayOne': {
      const [oldest] = simulation.deadLetters();
      return oldest === undefined ? null : simulation.replayDeadLetter(oldest.id);
    }
    case 'replayAll':
      return simulation.replayAllDeadLetters();
    case 'clear':
      return simulation.clearDeadLetters();
  }
}

/**
 * Scenarios whose events fall on whole multiples of 50 ms (uniform arrivals, constant latency, no
 * jitter), so live changes land on the same instant as other events: the case the late lane is for.
 */
const tiedScenario: fc.Arbitrary<ScenarioInput> = fc.record({
  seed: fc.nat(),
  durationMs: fc.constant(8000),
  traffic: fc.record({
    ratePerSec: fc.constantFrom(2, 4, 5, 10, 20, 40),
    arrival: fc.constant('uniform' as const),
    keyedRatio: fc.constantFrom(0, 1),
    duplicateRatio: fc.constantFrom(0, 0.3),
  }),
  downstream: fc.record({
    failureProbability: fc.constantFrom(0, 0.5, 1),
    latency: fc.record({
      distribution: fc.constant('constant' as const),
      meanMs: fc.constantFrom(0, 50, 100, 250),
    }),
  }),
  relay: fc.record({
    workers: fc.integer({ min: 1, max: 4 }),
    queueCapacity: fc.integer({ min: 0, max: 10 }),
    retry: fc.record({
      maxRetries: fc.integer({ min: 0, max: 3 }),
      baseDelayMs: fc.constantFrom(0, 50, 100),
      jitter: fc.constant('none' as const),
      attemptTimeoutMs: fc.constantFrom(100, 300),
    }),
  }),
});

describe('live changes', () => {
  const moves = (atMs: fc.Arbitrary<number>) =>
    fc.array(fc.record({ atMs, action: liveAction }), { minLength: 1, maxLength: 8 });

  it.each([
    [
      'random scenarios at any instant',
      scenarioArbitrary(),
      moves(fc.integer({ min: 0, max: 8000 })),
    ],
    [
      'events tied with the changes',
      tiedScenario,
      moves(fc.integer({ min: 0, max: 160 }).map((n) => n * 50)),
    ],
  ])('replay exactly from the timeline entries they return: %s', (_, scenarios, plannedMoves) => {
    fc.assert(
      fc.property(scenarios, plannedMoves, fc.boolean(), (scenario, unsorted, sameInstant) => {
        const sorted = [...unsorted].sort((a, b) => a.atMs - b.atMs);
        const planned = sameInstant ? sorted.map((m) => ({ ...m, atMs: sorted[0]!.atMs })) : sorted;
        const live = createSimulation(scenario, { keepBuckets: 100_000 });
        const timeline: TimelineEntry[] = [];
        for (const move of planned) {
          live.advanceTo(move.atMs);
          const entry = perform(live, move.action);
          if (entry !== null) timeline.push(entry);
        }
        live.advanceTo(9000);
        const replay = createSimulation(
          { ...parseScenario(scenario), timeline },
          { keepBuckets: 100_000 },
        );
        replay.advanceTo(9000);
        expect(replay.takeBuckets()).toEqual(live.takeBuckets());
        expect(replay.summary()).toEqual(live.summary());
      }),
      { numRuns: 80 },
    );
  });

  it('rejects a bad change with a message naming the field, and changes nothing', () => {
    const simulation = createSimulation({ seed: 3 });
    simulation.advanceTo(1000);
    expect(() => simulation.set({ 'relay.workers': 0 })).toThrow(
      /`relay.workers`: expected an integer from 1/,
    );
    expect(() => simulation.set({ 'relay.retry.maxDelayMs': 1 })).toThrow(/maxDelayMs/);
    expect(() => simulation.set({ 'relay.worker': 2 })).toThrow(/did you mean `relay.workers`/);
    expect(simulation.config.relay.workers).toBe(8);
    expect(simulation.config.relay.retry.maxDelayMs).toBe(5000);
  });
});
