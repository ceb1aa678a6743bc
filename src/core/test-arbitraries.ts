/**
 * fast-check arbitraries for scenarios, shared by the core's property tests (test-only: nothing
 * outside `*.test.ts` imports this). Scenarios are small and short, so a property run stays fast,
 * and tight (small queues, few keys, small dead-letter queues) so every limit is exercised.
 */
import fc from 'fast-check';
import type { ScenarioInput } from './scenario-schema';

const jitter = fc.constantFrom('none', 'full', 'equal', 'decorrelated' as const);

const latency = fc.oneof(
  fc.record({
    distribution: fc.constant('constant' as const),
    meanMs: fc.integer({ min: 0, max: 200 }),
  }),
  fc.record({
    distribution: fc.constant('exponential' as const),
    meanMs: fc.integer({ min: 1, max: 200 }),
  }),
  fc
    .record({
      meanMs: fc.integer({ min: 1, max: 200 }),
      ratio: fc.double({ min: 1.5, max: 10, noNaN: true }),
    })
    .map(({ meanMs, ratio }) => ({
      distribution: 'lognormal' as const,
      meanMs,
      p99Ms: meanMs * ratio,
    })),
);

const settable = fc.oneof(
  fc.record({ 'traffic.ratePerSec': fc.integer({ min: 0, max: 300 }) }),
  fc.record({ 'downstream.failureProbability': fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ 'downstream.outage': fc.boolean() }),
  fc.record({
    'downstream.concurrencyLimit': fc.oneof(
      fc.integer({ min: 1, max: 30 }),
      fc.constant('unbounded' as const),
    ),
  }),
  fc.record({
    'relay.workers': fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant('unbounded' as const)),
  }),
  fc.record({ 'relay.queueCapacity': fc.integer({ min: 0, max: 40 }) }),
  fc.record({ 'relay.retry.maxRetries': fc.integer({ min: 0, max: 5 }) }),
  fc.record({ 'relay.retry.jitter': jitter }),
  fc.record({ 'relay.idempotency.ttlMs': fc.integer({ min: 0, max: 5000 }) }),
);

const action = fc.oneof(
  fc.record({ action: fc.constant('burst' as const), count: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ action: fc.constant('replayAllDeadLetters' as const) }),
  fc.record({
    action: fc.constant('replayDeadLetter' as const),
    id: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({ action: fc.constant('clearDeadLetters' as const) }),
);

/** A random, small, valid scenario; `timeline` adds random live changes and actions. */
export function scenarioArbitrary(
  options: { timeline?: boolean } = {},
): fc.Arbitrary<ScenarioInput> {
  const durationMs = 8000;
  const timelineEntry = fc
    .record({ atMs: fc.integer({ min: 0, max: durationMs }) })
    .chain(({ atMs }) =>
      fc.oneof(
        settable.map((set) => ({ atMs, set })),
        action.map((a) => ({ atMs, ...a })),
      ),
    );
  return fc
    .record({
      seed: fc.nat(),
      ratePerSec: fc.integer({ min: 1, max: 300 }),
      arrival: fc.constantFrom('poisson', 'uniform' as const),
      keyedRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      duplicateRatio: fc.double({ min: 0, max: 0.5, noNaN: true }),
      bursts: fc.array(
        fc.record({
          atMs: fc.integer({ min: 0, max: durationMs }),
          count: fc.integer({ min: 1, max: 80 }),
        }),
        { maxLength: 2 },
      ),
      failureProbability: fc.double({ min: 0, max: 1, noNaN: true }),
      hangProbability: fc.double({ min: 0, max: 0.2, noNaN: true }),
      concurrencyLimit: fc.oneof(
        fc.integer({ min: 1, max: 30 }),
        fc.constant('unbounded' as const),
      ),
      latency,
      workers: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant('unbounded' as const)),
      queueCapacity: fc.integer({ min: 0, max: 40 }),
      maxRetries: fc.integer({ min: 0, max: 5 }),
      baseDelayMs: fc.integer({ min: 0, max: 200 }),
      extraDelayMs: fc.integer({ min: 0, max: 2000 }),
      jitter,
      attemptTimeoutMs: fc.integer({ min: 5, max: 1000 }),
      ttlMs: fc.integer({ min: 0, max: 10_000 }),
      maxKeys: fc.integer({ min: 1, max: 200 }),
      deadLetterCapacity: fc.integer({ min: 0, max: 30 }),
      timeline: fc.array(timelineEntry, { maxLength: options.timeline ? 6 : 0 }),
    })
    .map((r) => ({
      seed: r.seed,
      durationMs,
      traffic: {
        ratePerSec: r.ratePerSec,
        arrival: r.arrival,
        keyedRatio: r.keyedRatio,
        duplicateRatio: r.duplicateRatio,
        bursts: r.bursts,
      },
      downstream: {
        failureProbability: r.failureProbability,
        hangProbability: r.hangProbability,
        concurrencyLimit: r.concurrencyLimit,
        latency: r.latency,
      },
      relay: {
        workers: r.workers,
        queueCapacity: r.queueCapacity,
        retry: {
          maxRetries: r.maxRetries,
          baseDelayMs: r.baseDelayMs,
          maxDelayMs: r.baseDelayMs + r.extraDelayMs,
          jitter: r.jitter,
          attemptTimeoutMs: r.attemptTimeoutMs,
        },
        idempotency: { ttlMs: r.ttlMs, maxKeys: r.maxKeys },
        deadLetter: { capacity: r.deadLetterCapacity },
      },
      timeline: r.timeline,
    }));
}
