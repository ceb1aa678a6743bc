/**
 * The scenario file, format v1: one JSON document that describes a whole run. Every field has a
 * default, so `{}` is a valid scenario; each leaf's schema carries the one-line expectation that
 * error messages quote. Built with zod/mini, which keeps the page's bundle small.
 */
import { z } from 'zod/mini';

/** 30 days of virtual time, the longest duration, delay, timeout or TTL a scenario accepts. */
export const MAX_DURATION_MS = 30 * 24 * 60 * 60 * 1000;
/** Largest arrival rate, per second of virtual time. */
export const MAX_RATE_PER_SEC = 100_000;
/** Largest bounded worker count. */
export const MAX_WORKERS = 100_000;
/** Largest queue, dead-letter and idempotency capacities. */
export const MAX_CAPACITY = 10_000_000;
/** Largest number of timeline entries and of bursts. */
export const MAX_TIMELINE_ENTRIES = 100_000;

function number(min: number, max: number, unit = '') {
  const error = `a number from ${min} to ${max}${unit}`;
  return z.number({ error }).check(z.minimum(min, { error }), z.maximum(max, { error }));
}

function integer(min: number, max: number) {
  const error = `an integer from ${min} to ${max}`;
  return z
    .number({ error })
    .check(z.int({ error }), z.minimum(min, { error }), z.maximum(max, { error }));
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` });
}

const boolean = z.boolean({ error: 'true or false' });
const probability = number(0, 1);
const durationMs = (min: number) => number(min, MAX_DURATION_MS, ' (ms)');
const text = (max: number) => {
  const error = `a text of at most ${max} characters`;
  return z.string({ error }).check(z.maxLength(max, { error }));
};

/** Jitter modes of the backoff. @see ./backoff.ts */
export const JITTER_MODES = ['none', 'full', 'equal', 'decorrelated'] as const;
/** Arrival processes of the traffic generator. */
export const ARRIVAL_PROCESSES = ['poisson', 'uniform'] as const;
/** Latency distributions of the downstream. */
export const LATENCY_DISTRIBUTIONS = ['constant', 'exponential', 'lognormal'] as const;
/** Actions a timeline entry can take instead of setting fields. */
export const TIMELINE_ACTIONS = [
  'burst',
  'replayDeadLetter',
  'replayAllDeadLetters',
  'clearDeadLetters',
] as const;

const workersExpected = `an integer from 1 to ${MAX_WORKERS}, or "unbounded"`;
const concurrencyExpected = workersExpected;

/**
 * Every field a timeline entry may set, by dotted path, with its schema. The nested sections
 * below are built from these, so a live change is checked by the very schema the file is.
 */
export const SETTABLE_FIELDS = {
  'traffic.ratePerSec': z._default(number(0, MAX_RATE_PER_SEC, ' per second'), 50),
  'traffic.arrival': z._default(oneOf(ARRIVAL_PROCESSES), 'poisson'),
  'traffic.keyedRatio': z._default(probability, 1),
  'traffic.duplicateRatio': z._default(probability, 0),
  'downstream.failureProbability': z._default(probability, 0.1),
  'downstream.latency.distribution': z._default(oneOf(LATENCY_DISTRIBUTIONS), 'exponential'),
  'downstream.latency.meanMs': z._default(durationMs(0), 50),
  'downstream.latency.p99Ms': z.optional(durationMs(0)),
  'downstream.hangProbability': z._default(probability, 0),
  'downstream.outage': z._default(boolean, false),
  'downstream.concurrencyLimit': z._default(
    z.union([z.number(), z.literal('unbounded')], { error: concurrencyExpected }).check(
      z.refine((v) => v === 'unbounded' || (Number.isInteger(v) && v >= 1 && v <= MAX_WORKERS), {
        error: concurrencyExpected,
      }),
    ),
    'unbounded',
  ),
  'relay.workers': z._default(
    z.union([z.number(), z.literal('unbounded')], { error: workersExpected }).check(
      z.refine((v) => v === 'unbounded' || (Number.isInteger(v) && v >= 1 && v <= MAX_WORKERS), {
        error: workersExpected,
      }),
    ),
    8,
  ),
  'relay.queueCapacity': z._default(integer(0, MAX_CAPACITY), 100),
  'relay.retry.maxRetries': z._default(integer(0, 100), 3),
  'relay.retry.baseDelayMs': z._default(durationMs(0), 100),
  'relay.retry.maxDelayMs': z._default(durationMs(0), 5000),
  'relay.retry.jitter': z._default(oneOf(JITTER_MODES), 'full'),
  'relay.retry.attemptTimeoutMs': z._default(durationMs(1), 1000),
  'relay.idempotency.ttlMs': z._default(durationMs(0), 86_400_000),
  'relay.idempotency.maxKeys': z._default(integer(1, MAX_CAPACITY), 100_000),
  'relay.deadLetter.capacity': z._default(integer(0, MAX_CAPACITY), 1000),
} as const;

/** A dotted path a timeline entry may set. */
export type SettablePath = keyof typeof SETTABLE_FIELDS;

const f = SETTABLE_FIELDS;
// Structural nodes need their own wording too, or zod's ("Invalid input: expected object…") leaks.
const section = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.prefault(z.strictObject(shape, { error: 'an object' }), {} as never);
const list = <T extends z.core.SomeType>(item: T) =>
  z.array(item, { error: 'a list' }).check(
    z.maxLength(MAX_TIMELINE_ENTRIES, {
      error: `a list of at most ${MAX_TIMELINE_ENTRIES} entries`,
    }),
  );

const burstSchema = z.strictObject(
  { atMs: durationMs(0), count: integer(1, 1_000_000) },
  { error: 'an object with `atMs` and `count`' },
);

const setEntrySchema = z.strictObject({
  atMs: durationMs(0),
  set: z.record(z.string(), z.unknown(), {
    error: 'an object of field paths to values (or an `action` instead of `set`)',
  }),
});

const actionEntrySchema = z.strictObject({
  atMs: durationMs(0),
  action: oneOf(TIMELINE_ACTIONS),
  id: z.optional(integer(0, Number.MAX_SAFE_INTEGER)),
  count: z.optional(integer(1, 1_000_000)),
});

const timelineEntryExpected = 'an object with `atMs` and either `set` or `action`';

/** The whole scenario; parse it with `parseScenario`, which also checks what spans fields. */
export const scenarioSchema = z.strictObject({
  version: z._default(z.literal(1, { error: 'the number 1' }), 1),
  seed: z._default(integer(0, 4_294_967_295), 1),
  durationMs: z._default(durationMs(1), 60_000),
  meta: z.optional(
    z.strictObject(
      {
        title: text(120),
        story: z.optional(text(1000)),
        watch: z.optional(text(1000)),
        try: z.optional(text(1000)),
      },
      { error: 'an object with a `title`' },
    ),
  ),
  traffic: section({
    ratePerSec: f['traffic.ratePerSec'],
    arrival: f['traffic.arrival'],
    keyedRatio: f['traffic.keyedRatio'],
    duplicateRatio: f['traffic.duplicateRatio'],
    bursts: z._default(list(burstSchema), []),
  }),
  downstream: section({
    failureProbability: f['downstream.failureProbability'],
    latency: section({
      distribution: f['downstream.latency.distribution'],
      meanMs: f['downstream.latency.meanMs'],
      p99Ms: f['downstream.latency.p99Ms'],
    }),
    hangProbability: f['downstream.hangProbability'],
    outage: f['downstream.outage'],
    concurrencyLimit: f['downstream.concurrencyLimit'],
  }),
  relay: section({
    workers: f['relay.workers'],
    queueCapacity: f['relay.queueCapacity'],
    retry: section({
      maxRetries: f['relay.retry.maxRetries'],
      baseDelayMs: f['relay.retry.baseDelayMs'],
      maxDelayMs: f['relay.retry.maxDelayMs'],
      jitter: f['relay.retry.jitter'],
      attemptTimeoutMs: f['relay.retry.attemptTimeoutMs'],
    }),
    idempotency: section({
      ttlMs: f['relay.idempotency.ttlMs'],
      maxKeys: f['relay.idempotency.maxKeys'],
    }),
    deadLetter: section({ capacity: f['relay.deadLetter.capacity'] }),
  }),
  timeline: z._default(
    list(z.union([setEntrySchema, actionEntrySchema], { error: timelineEntryExpected })),
    [],
  ),
});

/** A scenario with every default filled in: what `parseScenario` returns. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file: every field optional. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** The settings that a timeline can change: a scenario without seed, duration, meta, timeline. */
export type RelayConfig = Pick<Scenario, 'traffic' | 'downstream' | 'relay'>;
/** One entry of the timeline. */
export type TimelineEntry = Scenario['timeline'][number];
/** One burst of simultaneous arrivals. */
export type Burst = Scenario['traffic']['bursts'][number];
/** A jitter mode. */
export type JitterMode = (typeof JITTER_MODES)[number];
/** A latency distribution. */
export type LatencyDistribution = (typeof LATENCY_DISTRIBUTIONS)[number];
/** An arrival process. */
export type ArrivalProcess = (typeof ARRIVAL_PROCESSES)[number];
/** The worker count: a number, or `'unbounded'` for the relay without a pool. */
export type WorkerCount = number | 'unbounded';
