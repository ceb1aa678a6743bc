/**
 * The kinds of entry of the settings registry (numbers, choices, switches), what each says of a
 * setting, and the small constructors the registry's groups are written with.
 */

/** 30 days of virtual time, the longest duration, delay, timeout or TTL a scenario accepts. */
export const MAX_DURATION_MS = 30 * 24 * 60 * 60 * 1000;
/** Largest arrival rate, per second of virtual time. */
export const MAX_RATE_PER_SEC = 100_000;
/** Largest bounded worker count. */
export const MAX_WORKERS = 100_000;
/**
 * Largest queue capacities (the relay's and the downstream's) and idempotency keys kept: a
 * million of each fits a browser tab (see `src/core/memory-budget.ts`).
 */
export const MAX_CAPACITY = 1_000_000;
/** Largest dead-letter capacity: each keeps up to 8 attempts, about 1.1 kB (`memory-budget.ts`). */
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
  /** Each value, its label, and a shorter name where the label is long (a group's status). */
  readonly options: ReadonlyArray<{
    readonly value: V;
    readonly label: string;
    readonly short?: string;
  }>;
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
  budget: 'Retry budget',
  breaker: 'Circuit breaker',
  shedding: 'Load shedding and Retry-After',
  hedging: 'Hedged requests',
} as const;
/** A group of controls. */
export type GroupId = keyof typeof GROUPS;

type NumberInit<S extends string> = Omit<NumberSetting<S>, 'type' | 'integer'> & {
  readonly integer?: boolean;
};

export function number(init: NumberInit<never>): NumberSetting {
  return { ...init, type: 'number', integer: init.integer ?? false };
}

/**
 * A number (whole unless said otherwise), or a word instead of one (`"unbounded"`, `"off"`),
 * switched on the page.
 */
export function count<const S extends string>(
  init: NumberInit<S> & { sentinel: S; sentinelControl: SentinelControl },
): NumberSetting<S> {
  return { ...init, type: 'number', integer: init.integer ?? true };
}

/** A number a file may leave out: absent, it has no value (not a default). */
export function optionalNumber(
  init: Omit<NumberInit<never>, 'default'>,
): NumberSetting & { readonly optional: true } {
  return { ...number({ ...init, default: undefined }), optional: true };
}

export function share(
  init: Omit<NumberInit<never>, 'min' | 'max' | 'unit' | 'page'>,
): NumberSetting {
  return number({
    ...init,
    min: 0,
    max: 1,
    unit: '%',
    page: { min: 0, max: 1, step: 0.01, scale: 'linear' },
  });
}

export function choice<const V extends string>(
  init: Omit<ChoiceSetting<V>, 'type'>,
): ChoiceSetting<V> {
  return { ...init, type: 'choice' };
}

export function toggle(init: Omit<SwitchSetting, 'type'>): SwitchSetting {
  return { ...init, type: 'switch' };
}

/** The backoff's jitter modes, for the relay's retries and for retrying clients. */
export const JITTER_OPTIONS = [
  { value: 'none', label: 'None: exactly base × 2ⁿ', short: 'None' },
  { value: 'full', label: 'Full: uniform(0, base × 2ⁿ)', short: 'Full' },
  { value: 'equal', label: 'Equal: half fixed, half random', short: 'Equal' },
  {
    value: 'decorrelated',
    label: 'Decorrelated: uniform(base, 3 × previous)',
    short: 'Decorrelated',
  },
] as const;
