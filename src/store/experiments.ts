/**
 * Compare and sweep experiments: their settings, and the scenarios they run. B in a comparison
 * is A with some settings overridden (same seed, so the same traffic and the same random fates);
 * a sweep runs A once per value of one setting.
 */
import {
  parseScenario,
  parseSettable,
  type Scenario,
  type SettablePath,
  setField,
  type TimelineEntry,
} from '../core';

/** What the page shows. */
export type Mode = 'live' | 'compare' | 'sweep';

/** B's differences from A, by settable path. */
export interface CompareConfig {
  set: Partial<Record<SettablePath, unknown>>;
}

/** One setting, a range and a number of steps. */
export interface SweepConfig {
  path: SweepPath;
  from: number;
  to: number;
  steps: number;
}

/** A setting a sweep can vary, with its label, unit and how to show and step it. */
export interface SweepParameter {
  label: string;
  unit: string;
  min: number;
  max: number;
  integer: boolean;
  /** Shown as a percentage (stored 0..1). */
  percent?: boolean;
}

/** A setting a sweep can vary. */
export type SweepPath = Extract<
  SettablePath,
  | 'relay.workers'
  | 'relay.queueCapacity'
  | 'relay.retry.maxRetries'
  | 'relay.retry.baseDelayMs'
  | 'relay.retry.attemptTimeoutMs'
  | 'downstream.failureProbability'
  | 'downstream.latency.meanMs'
  | 'traffic.ratePerSec'
  | 'traffic.duplicateRatio'
>;

/** The settings a sweep can vary. */
export const SWEEP_PARAMETERS: Record<SweepPath, SweepParameter> = {
  'relay.workers': { label: 'Workers', unit: 'workers', min: 1, max: 1000, integer: true },
  'relay.queueCapacity': {
    label: 'Queue capacity',
    unit: 'requests',
    min: 0,
    max: 100_000,
    integer: true,
  },
  'relay.retry.maxRetries': {
    label: 'Max retries',
    unit: 'retries',
    min: 0,
    max: 20,
    integer: true,
  },
  'relay.retry.baseDelayMs': {
    label: 'Base delay',
    unit: 'ms',
    min: 0,
    max: 60_000,
    integer: false,
  },
  'relay.retry.attemptTimeoutMs': {
    label: 'Attempt timeout',
    unit: 'ms',
    min: 1,
    max: 600_000,
    integer: false,
  },
  'downstream.failureProbability': {
    label: 'Failure rate',
    unit: '%',
    min: 0,
    max: 1,
    integer: false,
    percent: true,
  },
  'downstream.latency.meanMs': {
    label: 'Mean latency',
    unit: 'ms',
    min: 0,
    max: 60_000,
    integer: false,
  },
  'traffic.ratePerSec': {
    label: 'Request rate',
    unit: 'req/s',
    min: 0,
    max: 100_000,
    integer: false,
  },
  'traffic.duplicateRatio': {
    label: 'Client resends',
    unit: '%',
    min: 0,
    max: 1,
    integer: false,
    percent: true,
  },
};

/** Most runs in one sweep. */
export const MAX_SWEEP_STEPS = 50;

/** The default comparison: jitter none against full. */
export const compareDefaults: CompareConfig = { set: { 'relay.retry.jitter': 'full' } };
/** The default sweep: workers 1 to 20. */
export const sweepDefaults: SweepConfig = { path: 'relay.workers', from: 1, to: 20, steps: 20 };

/**
 * `scenario` with `set` held for the whole run (checked: throws `ScenarioError`): applied to its
 * starting settings, and taken out of its timeline's changes, so that B at 0 retries stays at 0
 * even where A's timeline raises them. Its other changes (an outage, a spike) apply to both.
 */
export function withSettings(scenario: Scenario, set: CompareConfig['set']): Scenario {
  const next = structuredClone(scenario);
  for (const [path, value] of Object.entries(set)) {
    setField(next, path as SettablePath, parseSettable(path, value, `B: ${path}`));
  }
  next.timeline = next.timeline.flatMap((entry): TimelineEntry[] => {
    if (!('set' in entry)) return [entry];
    const kept = Object.entries(entry.set).filter(([path]) => !Object.hasOwn(set, path));
    return kept.length === 0 ? [] : [{ ...entry, set: Object.fromEntries(kept) }];
  });
  return parseScenario(next);
}

/** The values a sweep runs, from `from` to `to` in `steps` even steps (integers rounded). */
export function sweepValues(config: SweepConfig): number[] {
  const parameter = SWEEP_PARAMETERS[config.path];
  const steps = Math.max(1, Math.min(MAX_SWEEP_STEPS, Math.round(config.steps)));
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    const raw =
      steps === 1 ? config.from : config.from + ((config.to - config.from) * i) / (steps - 1);
    const value = parameter.integer ? Math.round(raw) : Number(raw.toPrecision(12));
    if (values.at(-1) !== value) values.push(value);
  }
  return values;
}

/** Checks a sweep's settings; returns a message naming the problem, or null. */
export function sweepProblem(config: SweepConfig): string | null {
  const parameter = SWEEP_PARAMETERS[config.path];
  if (parameter === undefined) return `A sweep cannot vary ${config.path}.`;
  for (const [name, value] of [
    ['from', config.from],
    ['to', config.to],
  ] as const) {
    if (!(Number.isFinite(value) && value >= parameter.min && value <= parameter.max)) {
      const scale = parameter.percent ? 100 : 1;
      return `${parameter.label} ${name} must be between ${parameter.min * scale} and ${parameter.max * scale}${parameter.percent ? '%' : ` ${parameter.unit}`}, got ${Number.isFinite(value) ? value * scale : value}.`;
    }
  }
  if (!(Number.isInteger(config.steps) && config.steps >= 2 && config.steps <= MAX_SWEEP_STEPS)) {
    return `Steps must be a whole number from 2 to ${MAX_SWEEP_STEPS}, got ${config.steps}.`;
  }
  return null;
}
