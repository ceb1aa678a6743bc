/**
 * The settings registry: one entry per field a scenario sets and a timeline can change, and the
 * only place a setting is described. Each entry gives the value a file accepts (type, range,
 * default), how people read it (label, unit, one-line hint), how the page offers it (range,
 * scale, step; where that range is narrower than the file's, why) and whether experiments may
 * vary it. The scenario schema, the controls and the compare and sweep catalogs derive from it.
 */

/** 30 days of virtual time, the longest duration, delay, timeout or TTL a scenario accepts. */
export const MAX_DURATION_MS = 30 * 24 * 60 * 60 * 1000;
/** Largest arrival rate, per second of virtual time. */
export const MAX_RATE_PER_SEC = 100_000;
/** Largest bounded worker count. */
export const MAX_WORKERS = 100_000;
/**
 * Largest queue capacities (the relay's and the downstream's) and idempotency keys kept: a
 * million of each fits a browser tab (see `src/core/memory.ts`).
 */
export const MAX_CAPACITY = 1_000_000;
/** Largest dead-letter capacity: each keeps up to 8 attempts, about 1.1 kB (`memory.ts`). */
export const MAX_DEAD_LETTER_CAPACITY = 100_000;
/** Widest ratio of p99 to mean that a lognormal latency can have (exp(z99² / 2)). */
export const LOGNORMAL_P99_RATIO_MAX = 14.9;
/** The lognormal p99 when a scenario leaves it out, as a multiple of the mean. */
export const LOGNORMAL_P99_RATIO_DEFAULT = 4;

/** Reads the current value of a settable path (as the controls see the config). */
export type ReadSetting = (path: string) => unknown;

/** How the page offers a number: its range, scale and step. */
export interface PageRange {
  readonly min: number;
  readonly max: number;
  /** Granularity of the page's values. @default 1 */
  readonly step?: number;
  readonly scale: 'linear' | 'log';
  /** Why the page offers less than a file accepts; required when it does. */
  readonly narrower?: string;
  /** A range that follows other settings (it stays within `min`..`max`). */
  readonly follows?: (read: ReadSetting) => { min: number; max: number };
}

/** What a number with a word instead of a value (e.g. `"unbounded"`) offers on the page. */
export interface SentinelControl {
  /** The switch that sets the word, e.g. "No worker pool". */
  readonly label: string;
  readonly hint: string;
  /** The value set when the switch goes off. */
  readonly fallback: number;
}

interface Common {
  /** Which group of controls it belongs to. */
  readonly group: GroupId;
  readonly label: string;
  /** One line: what it does, for the control's hint and the docs. */
  readonly hint: string;
  /** Why experiments may not vary it; absent when they may. */
  readonly notInExperiments?: string;
  /** Shown only when this is true (e.g. p99 only for a lognormal latency). */
  readonly visible?: (read: ReadSetting) => boolean;
  /**
   * The changes a page move to `value` makes: the value alone by default; a setting whose rule
   * spans another (base ≤ max delay) keeps the pair valid.
   */
  readonly changes?: (value: never, read: ReadSetting) => Record<string, unknown>;
}

/** A number setting, or a number with one word instead of a value (`sentinel`). */
export interface NumberSetting<S extends string = never> extends Common {
  readonly type: 'number';
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /**
   * What the value means: 'ms', '%' (a share stored as 0..1, shown as a percentage), or a noun
   * for a count ('workers', 'req/s').
   */
  readonly unit: string;
  readonly sentinel?: S;
  readonly sentinelControl?: SentinelControl;
  /** `undefined` for an optional setting (absent from a file unless given). */
  readonly default: number | S | undefined;
  /** True for a setting a file may leave out, with no default. */
  readonly optional?: true;
  /** For an optional setting: the value in effect while it is absent. */
  readonly whenAbsent?: (read: ReadSetting) => number;
  readonly page: PageRange;
  /** Why a sweep may not vary it, when it may not (a sweep varies numbers only). */
  readonly noSweep?: string;
}

/** A choice among named values. */
export interface ChoiceSetting<V extends string = string> extends Common {
  readonly type: 'choice';
  readonly options: ReadonlyArray<{ readonly value: V; readonly label: string }>;
  readonly default: V;
}

/** An on/off setting. */
export interface SwitchSetting extends Common {
  readonly type: 'switch';
  readonly default: boolean;
  /** 'danger' for a switch that breaks things on purpose (the outage). */
  readonly tone?: 'danger';
}

/** One entry of the registry. */
export type Setting = NumberSetting<string> | ChoiceSetting | SwitchSetting;

/** Groups of controls, in the page's order. */
export const GROUPS = {
  traffic: 'Traffic',
  clients: 'Clients',
  downstream: 'Downstream',
  relay: 'Relay',
} as const;
/** A group of controls. */
export type GroupId = keyof typeof GROUPS;

type NumberInit<S extends string> = Omit<NumberSetting<S>, 'type' | 'integer'> & {
  readonly integer?: boolean;
};

function number(init: NumberInit<never>): NumberSetting {
  return { ...init, type: 'number', integer: init.integer ?? false };
}

/**
 * A number (whole unless said otherwise), or a word instead of one (`"unbounded"`, `"off"`),
 * switched on the page.
 */
function count<const S extends string>(
  init: NumberInit<S> & { sentinel: S; sentinelControl: SentinelControl },
): NumberSetting<S> {
  return { ...init, type: 'number', integer: init.integer ?? true };
}

/** A number a file may leave out: absent, it has no value (not a default). */
function optionalNumber(
  init: Omit<NumberInit<never>, 'default'>,
): NumberSetting & { readonly optional: true } {
  return { ...number({ ...init, default: undefined }), optional: true };
}

function share(init: Omit<NumberInit<never>, 'min' | 'max' | 'unit' | 'page'>): NumberSetting {
  return number({
    ...init,
    min: 0,
    max: 1,
    unit: '%',
    page: { min: 0, max: 1, step: 0.01, scale: 'linear' },
  });
}

function choice<const V extends string>(init: Omit<ChoiceSetting<V>, 'type'>): ChoiceSetting<V> {
  return { ...init, type: 'choice' };
}

function toggle(init: Omit<SwitchSetting, 'type'>): SwitchSetting {
  return { ...init, type: 'switch' };
}

/** The backoff's jitter modes, for the relay's retries and for retrying clients. */
const JITTER_OPTIONS = [
  { value: 'none', label: 'None: exactly base × 2ⁿ' },
  { value: 'full', label: 'Full: uniform(0, base × 2ⁿ)' },
  { value: 'equal', label: 'Equal: half fixed, half random' },
  { value: 'decorrelated', label: 'Decorrelated: uniform(base, 3 × previous)' },
] as const;

/** Every settable field, by its dotted path, in the page's order within each group. */
export const SETTINGS = {
  'traffic.ratePerSec': number({
    group: 'traffic',
    label: 'Request rate',
    unit: 'req/s',
    hint: 'Mean client requests per second of virtual time.',
    min: 0,
    max: MAX_RATE_PER_SEC,
    default: 50,
    page: {
      min: 0,
      max: 5000,
      scale: 'log',
      narrower: 'the live page keeps up with about 5,000 requests a second; files go higher',
    },
  }),
  'traffic.arrival': choice({
    group: 'traffic',
    label: 'Arrivals',
    hint: 'How requests are spread in time.',
    options: [
      { value: 'poisson', label: 'Poisson (random gaps)' },
      { value: 'uniform', label: 'Uniform (even gaps)' },
    ],
    default: 'poisson',
  }),
  'traffic.keyedRatio': share({
    group: 'traffic',
    label: 'Requests with an idempotency key',
    hint: 'Keyed requests are deduplicated: a resend replays the stored success.',
    default: 1,
  }),
  'traffic.duplicateRatio': number({
    group: 'traffic',
    label: 'Client resends',
    unit: '%',
    hint: 'Share of arrivals that resend a recent request (a double submit or a client retry).',
    min: 0,
    max: 1,
    default: 0,
    page: {
      min: 0,
      max: 0.5,
      step: 0.01,
      scale: 'linear',
      narrower: 'beyond half, most traffic is resends of the same few requests',
    },
  }),
  'clients.timeoutMs': count({
    group: 'clients',
    label: 'Client timeout',
    unit: 'ms',
    hint: 'How long a client waits for its answer; past it the client has gone (abandoned).',
    min: 1,
    max: MAX_DURATION_MS,
    integer: false,
    sentinel: 'off',
    sentinelControl: {
      label: 'Clients wait forever',
      hint: 'No client gives up: every answer, however late, reaches someone.',
      fallback: 2000,
    },
    default: 'off',
    page: { min: 10, max: 60_000, scale: 'log', narrower: 'a live run shows 10 ms to 1 min' },
  }),
  'clients.retryShare': share({
    group: 'clients',
    label: 'Clients that retry',
    hint: 'Share of clients that send again after a 429, a 503 or giving up (the closed loop).',
    default: 0,
  }),
  'clients.maxResends': number({
    group: 'clients',
    label: 'Client max resends',
    unit: 'resends',
    hint: 'Times a retrying client sends a request again before it stops trying.',
    min: 0,
    max: 20,
    integer: true,
    default: 3,
    page: { min: 0, max: 10, scale: 'linear', narrower: 'a live run shows up to 10' },
    visible: (read) => (read('clients.retryShare') as number) > 0,
  }),
  'clients.baseDelayMs': number({
    group: 'clients',
    label: 'Client base delay',
    unit: 'ms',
    hint: "A retrying client's wait before its first resend; it doubles for each one after.",
    min: 0,
    max: MAX_DURATION_MS,
    default: 1000,
    page: { min: 1, max: 60_000, scale: 'log', narrower: 'a live run shows 1 ms to 1 min' },
    visible: (read) => (read('clients.retryShare') as number) > 0,
    changes: (baseDelayMs: number, read) => ({
      'clients.baseDelayMs': Math.min(baseDelayMs, read('clients.maxDelayMs') as number),
    }),
  }),
  'clients.maxDelayMs': number({
    group: 'clients',
    label: 'Client max delay',
    unit: 'ms',
    hint: "Cap on a retrying client's wait (at least its base delay).",
    min: 0,
    max: MAX_DURATION_MS,
    default: 30_000,
    page: { min: 1, max: 300_000, scale: 'log', narrower: 'a live run shows 1 ms to 5 min' },
    visible: (read) => (read('clients.retryShare') as number) > 0,
    changes: (maxDelayMs: number, read) => ({
      'clients.maxDelayMs': Math.max(maxDelayMs, read('clients.baseDelayMs') as number),
    }),
  }),
  'clients.jitter': choice({
    group: 'clients',
    label: 'Client jitter',
    hint: 'How retrying clients spread their resends (the same formulas as the relay).',
    options: JITTER_OPTIONS,
    default: 'full',
    visible: (read) => (read('clients.retryShare') as number) > 0,
  }),
  'downstream.outage': toggle({
    group: 'downstream',
    label: 'Outage',
    hint: 'While on, every call to the downstream fails.',
    tone: 'danger',
    default: false,
  }),
  'downstream.failureProbability': share({
    group: 'downstream',
    label: 'Failure rate',
    hint: 'Share of calls refused with an error (no effect applied).',
    default: 0.1,
  }),
  'downstream.latency.distribution': choice({
    group: 'downstream',
    label: 'Latency distribution',
    hint: 'How long one call takes.',
    options: [
      { value: 'constant', label: 'Constant' },
      { value: 'exponential', label: 'Exponential' },
      { value: 'lognormal', label: 'Lognormal (long tail)' },
    ],
    default: 'exponential',
  }),
  'downstream.latency.meanMs': number({
    group: 'downstream',
    label: 'Mean latency',
    unit: 'ms',
    hint: 'Average duration of one downstream call.',
    min: 0,
    max: MAX_DURATION_MS,
    default: 50,
    page: {
      min: 1,
      max: 10_000,
      scale: 'log',
      narrower: 'a live run shows calls from 1 ms to 10 s; files and sweeps take any duration',
    },
    // A set lognormal p99 stays the same multiple of the mean, so it stays valid.
    changes: (meanMs: number, read) => {
      const p99Ms = read('downstream.latency.p99Ms') as number | undefined;
      const before = read('downstream.latency.meanMs') as number;
      return p99Ms === undefined
        ? { 'downstream.latency.meanMs': meanMs }
        : {
            'downstream.latency.meanMs': meanMs,
            'downstream.latency.p99Ms': (p99Ms / before) * meanMs,
          };
    },
  }),
  'downstream.latency.p99Ms': optionalNumber({
    group: 'downstream',
    label: 'p99 latency',
    unit: 'ms',
    hint: `99% of calls finish within this (lognormal only); at most ${LOGNORMAL_P99_RATIO_MAX} times the mean.`,
    min: 0,
    max: MAX_DURATION_MS,
    noSweep: `it must stay between the mean and ${LOGNORMAL_P99_RATIO_MAX} times the mean: sweep the mean instead`,
    page: {
      min: 1,
      max: 10_000 * LOGNORMAL_P99_RATIO_MAX,
      scale: 'log',
      narrower: `the page keeps it between the mean and ${LOGNORMAL_P99_RATIO_MAX} times the mean, the range a lognormal can take`,
      follows: (read) => {
        const meanMs = read('downstream.latency.meanMs') as number;
        return {
          min: Math.ceil(meanMs * 1.01),
          max: Math.floor(meanMs * LOGNORMAL_P99_RATIO_MAX),
        };
      },
    },
    visible: (read) => read('downstream.latency.distribution') === 'lognormal',
    whenAbsent: (read) =>
      (read('downstream.latency.meanMs') as number) * LOGNORMAL_P99_RATIO_DEFAULT,
  }),
  'downstream.permanentFailureShare': share({
    group: 'downstream',
    label: 'Permanent failures',
    hint: 'Share of failures that are permanent (a 4xx): returned at once and never retried.',
    default: 0,
  }),
  'downstream.servers': count({
    group: 'downstream',
    label: 'Servers',
    unit: 'servers',
    hint: 'Calls the downstream serves at once; more wait in its queue, and latency grows.',
    min: 1,
    max: MAX_WORKERS,
    sentinel: 'unbounded',
    sentinelControl: {
      label: 'Unlimited servers',
      hint: 'Every call is served at once, however many arrive: the downstream never overloads.',
      fallback: 20,
    },
    default: 'unbounded',
    page: { min: 1, max: 1000, scale: 'log', narrower: 'a live run shows up to 1,000' },
  }),
  'downstream.queueCapacity': count({
    group: 'downstream',
    label: 'Downstream queue',
    unit: 'calls',
    hint: 'Calls that may wait for a server; one more is refused at once (overload, no effect).',
    min: 0,
    max: MAX_CAPACITY,
    sentinel: 'unbounded',
    sentinelControl: {
      label: 'Unbounded downstream queue',
      hint: 'Calls wait however long it takes: overload shows as latency, not refusals.',
      fallback: 100,
    },
    default: 'unbounded',
    page: { min: 0, max: 10_000, scale: 'log', narrower: 'a live run shows up to 10,000' },
    visible: (read) => read('downstream.servers') !== 'unbounded',
  }),
  'downstream.capacityFactor': share({
    group: 'downstream',
    label: 'Working capacity',
    hint: 'Share of the servers still working; a brownout lowers it.',
    default: 1,
    visible: (read) => read('downstream.servers') !== 'unbounded',
  }),
  'downstream.slowdownFactor': number({
    group: 'downstream',
    label: 'Slowdown',
    unit: '×',
    hint: 'Every service time is multiplied by this; a brownout raises it.',
    min: 1,
    max: 100,
    default: 1,
    page: { min: 1, max: 20, step: 0.1, scale: 'log', narrower: 'a live run shows up to 20×' },
  }),
  'downstream.dropUnwaited': toggle({
    group: 'downstream',
    label: 'Deadline travels with the call',
    hint: 'The downstream drops queued calls whose caller stopped waiting, instead of serving them.',
    default: false,
    visible: (read) => read('downstream.servers') !== 'unbounded',
  }),
  'downstream.hangProbability': share({
    group: 'downstream',
    label: 'Hang rate',
    hint: 'Share of calls that never answer; only the attempt timeout ends them.',
    default: 0,
  }),
  'relay.workers': count({
    group: 'relay',
    label: 'Workers',
    unit: 'workers',
    hint: 'Requests handled at once; a worker stays busy through every retry wait.',
    min: 1,
    max: MAX_WORKERS,
    sentinel: 'unbounded',
    sentinelControl: {
      label: 'No worker pool',
      hint: 'Every request runs at once, like the relay before the pool: the queue never fills.',
      fallback: 8,
    },
    default: 8,
    page: { min: 1, max: 1000, scale: 'log', narrower: 'a live run shows up to 1,000 workers' },
  }),
  'relay.queueCapacity': number({
    group: 'relay',
    label: 'Queue capacity',
    unit: 'requests',
    hint: 'Requests that may wait for a worker; beyond that the relay answers 429.',
    min: 0,
    max: MAX_CAPACITY,
    integer: true,
    default: 100,
    page: { min: 0, max: 10_000, scale: 'log', narrower: 'a live run shows up to 10,000' },
  }),
  'relay.retry.maxRetries': number({
    group: 'relay',
    label: 'Max retries',
    unit: 'retries',
    hint: 'Tries after the first failed one; then the request is dead-lettered.',
    min: 0,
    max: 100,
    integer: true,
    default: 3,
    page: {
      min: 0,
      max: 10,
      scale: 'linear',
      narrower: 'past 10 retries a request waits minutes; files and sweeps go to 100',
    },
  }),
  'relay.retry.baseDelayMs': number({
    group: 'relay',
    label: 'Base delay',
    unit: 'ms',
    hint: 'Backoff before the first retry; it doubles for each retry after.',
    min: 0,
    max: MAX_DURATION_MS,
    default: 100,
    page: { min: 1, max: 10_000, scale: 'log', narrower: 'a live run shows 1 ms to 10 s' },
    changes: (baseDelayMs: number, read) => ({
      'relay.retry.baseDelayMs': Math.min(baseDelayMs, read('relay.retry.maxDelayMs') as number),
    }),
  }),
  'relay.retry.maxDelayMs': number({
    group: 'relay',
    label: 'Max delay',
    unit: 'ms',
    hint: 'Cap on any backoff delay (at least the base delay).',
    min: 0,
    max: MAX_DURATION_MS,
    default: 5000,
    page: { min: 1, max: 60_000, scale: 'log', narrower: 'a live run shows 1 ms to 1 min' },
    changes: (maxDelayMs: number, read) => ({
      'relay.retry.maxDelayMs': Math.max(maxDelayMs, read('relay.retry.baseDelayMs') as number),
    }),
  }),
  'relay.retry.jitter': choice({
    group: 'relay',
    label: 'Jitter',
    hint: 'How retry delays are spread (the AWS formulas).',
    options: JITTER_OPTIONS,
    default: 'full',
  }),
  'relay.retry.attemptTimeoutMs': number({
    group: 'relay',
    label: 'Attempt timeout',
    unit: 'ms',
    hint: 'How long the relay waits for one call before it counts as failed.',
    min: 1,
    max: MAX_DURATION_MS,
    default: 1000,
    page: { min: 10, max: 60_000, scale: 'log', narrower: 'a live run shows 10 ms to 1 min' },
  }),
  'relay.shedExpired': toggle({
    group: 'relay',
    label: 'Shed expired requests',
    hint: 'Drop queued and retrying requests whose client has gone, instead of working on them.',
    default: false,
  }),
  'relay.propagateDeadline': toggle({
    group: 'relay',
    label: 'Deadline propagation',
    hint: "Cap each attempt's timeout by the time its client has left; none after the deadline.",
    default: false,
  }),
  'relay.idempotency.ttlMs': number({
    group: 'relay',
    label: 'Idempotency TTL',
    unit: 'ms',
    hint: 'How long a stored success is replayed for its key.',
    min: 0,
    max: MAX_DURATION_MS,
    default: 86_400_000,
    page: {
      min: 1000,
      max: MAX_DURATION_MS,
      step: 1000,
      scale: 'log',
      narrower: 'the page steps in whole seconds',
    },
  }),
  'relay.idempotency.maxKeys': number({
    group: 'relay',
    label: 'Idempotency keys kept',
    unit: 'keys',
    hint: 'Most keys stored; the oldest completed one is evicted first.',
    min: 1,
    max: MAX_CAPACITY,
    integer: true,
    default: 100_000,
    page: { min: 1, max: MAX_CAPACITY, scale: 'log' },
  }),
  'relay.deadLetter.capacity': number({
    group: 'relay',
    label: 'Dead-letter capacity',
    unit: 'entries',
    hint: 'Dead letters kept; when full the oldest makes room (and is counted).',
    min: 0,
    max: MAX_DEAD_LETTER_CAPACITY,
    integer: true,
    default: 1000,
    page: { min: 0, max: MAX_DEAD_LETTER_CAPACITY, scale: 'log' },
  }),
} as const;

/** A dotted path a scenario's timeline may set. */
export type SettablePath = keyof typeof SETTINGS;

/** Every settable path, in the registry's order. */
export const SETTABLE_PATHS = Object.keys(SETTINGS) as SettablePath[];

/** The value a setting holds. */
export type SettingValue<P extends SettablePath> = ValueOf<(typeof SETTINGS)[P]>;

type ValueOf<E> =
  E extends ChoiceSetting<infer V>
    ? V
    : E extends SwitchSetting
      ? boolean
      : E extends { type: 'number'; sentinel?: infer S }
        ? number | (S extends string ? S : never)
        : never;

/** True when `path` is a field a timeline entry may set. */
export function isSettablePath(path: string): path is SettablePath {
  return Object.hasOwn(SETTINGS, path);
}

/** The registry entry of `path`. */
export function settingOf(path: SettablePath): Setting {
  return SETTINGS[path] as Setting;
}

/** Why a sweep may not vary `path`, or null when it may. */
export function whyNotSwept(path: SettablePath): string | null {
  const setting = settingOf(path);
  if (setting.notInExperiments !== undefined) return setting.notInExperiments;
  if (setting.type !== 'number') return 'it is not a number: a sweep varies one number';
  return setting.noSweep ?? null;
}

/** The settings a sweep may vary: numbers, unless the registry says otherwise. */
export const SWEEP_PATHS = SETTABLE_PATHS.filter((path) => whyNotSwept(path) === null);

/** The settings B may change in a comparison: all, unless the registry says otherwise. */
export const COMPARE_PATHS = SETTABLE_PATHS.filter(
  (path) => settingOf(path).notInExperiments === undefined,
);
