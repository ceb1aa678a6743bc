/**
 * The scenario file, format v1: one JSON document that describes a whole run. Every field has a
 * default, so `{}` is a valid scenario; each leaf's schema carries the one-line expectation that
 * error messages quote.
 */
import { z } from 'zod';

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

function expect<T extends z.ZodType>(schema: T, expected: string): T {
  return schema.meta({ expected }) as T;
}

function number(min: number, max: number, unit = ''): z.ZodNumber {
  const expected = `a number from ${min} to ${max}${unit}`;
  return expect(z.number({ error: expected }).min(min, expected).max(max, expected), expected);
}

function integer(min: number, max: number): z.ZodNumber {
  const expected = `an integer from ${min} to ${max}`;
  return expect(
    z.number({ error: expected }).int(expected).min(min, expected).max(max, expected),
    expected,
  );
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return expect(z.enum(values, { error: expected }), expected);
}

const boolean = expect(z.boolean({ error: 'true or false' }), 'true or false');
const probability = number(0, 1);
const durationMs = (min: number) => number(min, MAX_DURATION_MS, ' (ms)');
const text = (max: number) =>
  expect(z.string({ error: `a text of at most ${max} characters` }).max(max), `a text`);

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

/**
 * Every field a timeline entry may set, by dotted path, with its schema. The nested sections
 * below are built from these, so a live change is checked by the very schema the file is.
 */
export const SETTABLE_FIELDS = {
  'traffic.ratePerSec': number(0, MAX_RATE_PER_SEC, ' per second').default(50),
  'traffic.arrival': oneOf(ARRIVAL_PROCESSES).default('poisson'),
  'traffic.keyedRatio': probability.default(1),
  'traffic.duplicateRatio': probability.default(0),
  'downstream.failureProbability': probability.default(0.1),
  'downstream.latency.distribution': oneOf(LATENCY_DISTRIBUTIONS).default('exponential'),
  'downstream.latency.meanMs': durationMs(0).default(50),
  'downstream.latency.p99Ms': durationMs(0).optional(),
  'downstream.hangProbability': probability.default(0),
  'downstream.outage': boolean.default(false),
  'relay.workers': expect(
    z
      .union([z.number(), z.literal('unbounded')], { error: workersExpected })
      .refine(
        (v) => v === 'unbounded' || (Number.isInteger(v) && v >= 1 && v <= MAX_WORKERS),
        workersExpected,
      ),
    workersExpected,
  ).default(8),
  'relay.queueCapacity': integer(0, MAX_CAPACITY).default(100),
  'relay.retry.maxRetries': integer(0, 100).default(3),
  'relay.retry.baseDelayMs': durationMs(0).default(100),
  'relay.retry.maxDelayMs': durationMs(0).default(5000),
  'relay.retry.jitter': oneOf(JITTER_MODES).default('full'),
  'relay.retry.attemptTimeoutMs': durationMs(1).default(1000),
  'relay.idempotency.ttlMs': durationMs(0).default(86_400_000),
  'relay.idempotency.maxKeys': integer(1, MAX_CAPACITY).default(100_000),
  'relay.deadLetter.capacity': integer(0, MAX_CAPACITY).default(1000),
} as const;

/** A dotted path a timeline entry may set. */
export type SettablePath = keyof typeof SETTABLE_FIELDS;

const f = SETTABLE_FIELDS;
// Structural nodes need their own wording too, or zod's ("Invalid input: expected object…") leaks.
const section = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, { error: 'an object' }).prefault({} as never);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item, { error: 'a list' })
    .max(MAX_TIMELINE_ENTRIES, `a list of at most ${MAX_TIMELINE_ENTRIES} entries`);

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
  id: integer(0, Number.MAX_SAFE_INTEGER).optional(),
  count: integer(1, 1_000_000).optional(),
});

const timelineEntryExpected = 'an object with `atMs` and either `set` or `action`';

/** The whole scenario; parse it with `parseScenario`, which also checks what spans fields. */
export const scenarioSchema = z.strictObject({
  version: expect(z.literal(1, { error: 'the number 1' }), 'the number 1').default(1),
  seed: integer(0, 4_294_967_295).default(1),
  durationMs: durationMs(1).default(60_000),
  meta: z
    .strictObject(
      {
        title: text(120),
        story: text(1000).optional(),
        watch: text(1000).optional(),
        try: text(1000).optional(),
      },
      { error: 'an object with a `title`' },
    )
    .optional(),
  traffic: section({
    ratePerSec: f['traffic.ratePerSec'],
    arrival: f['traffic.arrival'],
    keyedRatio: f['traffic.keyedRatio'],
    duplicateRatio: f['traffic.duplicateRatio'],
    bursts: list(burstSchema).default([]),
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
  timeline: list(
    expect(
      z.union([setEntrySchema, actionEntrySchema], { error: timelineEntryExpected }),
      timelineEntryExpected,
    ),
  ).default([]),
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
