/**
 * fast-check arbitraries for scenarios, shared by the core's property tests (test-only: nothing
 * outside `*.test.ts` imports this). Scenarios are small and short, so a property run stays fast,
 * and tight (small queues, few keys, small dead-letter queues) so every limit is exercised.
 */
import fc from 'fast-check';
import type { ScenarioInput } from './scenario-schema';
import { SETTABLE_PATHS, type SettablePath, settingOf } from './settings';

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

/**
 * Largest value tests draw, by unit: every valid value is allowed, but a large rate, pool or
 * capacity only makes a run slow, and small ones reach every limit. A unit missing here fails
 * `settableArbitrary`'s test, so a new kind of setting gets a bound when it is added.
 */
export const TEST_CAPS: Readonly<Record<string, number>> = {
  'req/s': 300,
  '%': 1,
  ms: 2000,
  workers: 12,
  requests: 40,
  retries: 5,
  keys: 200,
  entries: 30,
  servers: 30,
  calls: 40,
  resends: 3,
  '×': 5,
  tokens: 50,
  'retries/s': 50,
  failures: 20,
};

/** Values of one setting, from its registry entry (bounded by `TEST_CAPS`). */
function valuesOf(path: SettablePath): fc.Arbitrary<unknown> {
  const setting = settingOf(path);
  switch (setting.type) {
    case 'switch':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...setting.options.map((o) => o.value));
    case 'number': {
      const cap = TEST_CAPS[setting.unit];
      if (cap === undefined) throw new Error(`no test cap for the unit "${setting.unit}"`);
      const max = Math.max(setting.min, Math.min(setting.max, cap));
      const number = setting.integer
        ? fc.integer({ min: setting.min, max })
        : fc.double({ min: setting.min, max, noNaN: true });
      return setting.sentinel === undefined
        ? number
        : fc.oneof(number, fc.constant(setting.sentinel));
    }
  }
}

/**
 * Settings whose rule spans another field are changed with it, so the change is valid whatever
 * the config: the backoff's base with its cap, a lognormal p99 with its mean.
 */
/** A base delay and its cap, set together (the cap is never below the base). */
function backoffPair(prefix: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({ base: fc.integer({ min: 0, max: 200 }), extra: fc.integer({ min: 0, max: 2000 }) })
    .map(({ base, extra }) => ({
      [`${prefix}.baseDelayMs`]: base,
      [`${prefix}.maxDelayMs`]: base + extra,
    }));
}

const COUPLED: Partial<Record<SettablePath, fc.Arbitrary<Record<string, unknown>>>> = {
  'relay.retry.baseDelayMs': backoffPair('relay.retry'),
  'relay.retry.maxDelayMs': backoffPair('relay.retry'),
  'clients.baseDelayMs': backoffPair('clients'),
  'clients.maxDelayMs': backoffPair('clients'),
  'downstream.latency.p99Ms': fc
    .record({
      meanMs: fc.integer({ min: 1, max: 200 }),
      ratio: fc.double({ min: 1.5, max: 10, noNaN: true }),
    })
    .map(({ meanMs, ratio }) => ({
      'downstream.latency.distribution': 'lognormal',
      'downstream.latency.meanMs': meanMs,
      'downstream.latency.p99Ms': meanMs * ratio,
    })),
  'downstream.latency.meanMs': fc.integer({ min: 1, max: 200 }).map((meanMs) => ({
    'downstream.latency.distribution': 'exponential',
    'downstream.latency.meanMs': meanMs,
  })),
  'downstream.latency.distribution': fc.constantFrom('constant', 'exponential').map((d) => ({
    'downstream.latency.distribution': d,
  })),
};

/** A live change of one setting of the registry (or of a coupled pair), drawn over them all. */
export const settableArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  ...SETTABLE_PATHS.map(
    (path) => COUPLED[path] ?? valuesOf(path).map((value) => ({ [path]: value })),
  ),
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
        settableArbitrary.map((set) => ({ atMs, set })),
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
      servers: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant('unbounded' as const)),
      downstreamQueue: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant('unbounded' as const)),
      capacityFactor: fc.double({ min: 0, max: 1, noNaN: true }),
      slowdownFactor: fc.double({ min: 1, max: 4, noNaN: true }),
      permanentFailureShare: fc.double({ min: 0, max: 1, noNaN: true }),
      dropUnwaited: fc.boolean(),
      clientTimeoutMs: fc.oneof(fc.integer({ min: 20, max: 3000 }), fc.constant('off' as const)),
      retryShare: fc.double({ min: 0, max: 1, noNaN: true }),
      maxResends: fc.integer({ min: 0, max: 3 }),
      clientBaseDelayMs: fc.integer({ min: 0, max: 500 }),
      clientJitter: jitter,
      shedExpired: fc.boolean(),
      propagateDeadline: fc.boolean(),
      budget: fc.constantFrom('off', 'aws', 'grpc', 'envoy', 'finagle', 'adaptive' as const),
      breaker: fc.record({
        trip: fc.constantFrom('off', 'consecutive', 'rate' as const),
        scope: fc.constantFrom('all', 'retries' as const),
        window: fc.constantFrom('count', 'time' as const),
        windowCalls: fc.integer({ min: 1, max: 20 }),
        minimumCalls: fc.integer({ min: 1, max: 20 }),
        openMs: fc.integer({ min: 1, max: 3000 }),
        halfOpenProbes: fc.integer({ min: 1, max: 5 }),
      }),
      throttle: fc.boolean(),
      discipline: fc.constantFrom('fifo', 'lifo', 'adaptiveLifo', 'codel' as const),
      hedge: fc.constantFrom('off', 'fixed', 'percentile' as const),
      retryAfter: fc.constantFrom('off', 'fixed', 'queue' as const),
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
        servers: r.servers,
        queueCapacity: r.downstreamQueue,
        capacityFactor: r.capacityFactor,
        slowdownFactor: r.slowdownFactor,
        permanentFailureShare: r.permanentFailureShare,
        dropUnwaited: r.dropUnwaited,
        retryAfter: r.retryAfter,
        retryAfterMs: 100,
        latency: r.latency,
      },
      clients: {
        timeoutMs: r.clientTimeoutMs,
        retryShare: r.retryShare,
        maxResends: r.maxResends,
        baseDelayMs: r.clientBaseDelayMs,
        maxDelayMs: r.clientBaseDelayMs * 8,
        jitter: r.clientJitter,
      },
      relay: {
        workers: r.workers,
        shedExpired: r.shedExpired,
        propagateDeadline: r.propagateDeadline,
        budget: { variant: r.budget },
        breaker: r.breaker,
        throttle: { enabled: r.throttle, windowMs: 5000 },
        queueDiscipline: r.discipline,
        adaptiveLifoDepth: 3,
        hedge: { mode: r.hedge, delayMs: 30 },
        retryAfter: r.retryAfter,
        retryAfterMs: 100,
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
