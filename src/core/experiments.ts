/**
 * Experiments on a scenario: a comparison (B is A with some settings held at other values, on
 * the same seed, so the same traffic meets the same random fates) and a sweep (A run once per
 * value of one number setting). Their settings are checked against the settings registry.
 */
import { z } from 'zod/mini';
import { describeValue, expected, strictObject } from './messages';
import { parseScenario, parseSettable, setField, withoutUnusedP99 } from './scenario';
import type { Scenario, TimelineEntry } from './scenario-schema';
import {
  isSettablePath,
  MAX_DURATION_MS,
  type NumberSetting,
  type SettablePath,
  SWEEP_PATHS,
  settingOf,
  whyNotSwept,
} from './settings';

/** B's differences from A, by settable path, and the length both run for. */
export interface CompareConfig {
  set: Partial<Record<SettablePath, unknown>>;
  /** Virtual ms both sides run; absent: A's own `durationMs`. */
  durationMs?: number;
}

/**
 * The run lengths a comparison takes, ms: from 6 s (0.1 minute, as the page's minute field
 * shows it) to the 30 days a scenario may last.
 */
export const COMPARE_DURATION_MS = { min: 6000, max: MAX_DURATION_MS } as const;

/** Why `durationMs` is no comparison's run length, in minutes as the page asks for it; or null. */
export function compareDurationProblem(durationMs: number): string | null {
  const { min, max } = COMPARE_DURATION_MS;
  if (Number.isFinite(durationMs) && durationMs >= min && durationMs <= max) return null;
  const got = Number.isFinite(durationMs)
    ? `${Number((durationMs / 60_000).toPrecision(6))}`
    : String(durationMs);
  return `The run length must be from ${min / 60_000} to ${(max / 60_000).toLocaleString('en-US')} minutes (30 days), got ${got}.`;
}

/** A comparison as a link or a file carries it; each value is checked by `withSettings`. */
export const compareSchema = strictObject(
  {
    set: z.record(z.string(), z.unknown(), {
      error: expected('an object of setting paths to values'),
    }),
    durationMs: z.optional(z.number({ error: expected('a number of ms') })),
  },
  'an object with `set` and maybe `durationMs`',
).check(
  z.superRefine((compare, ctx) => {
    if (compare.durationMs === undefined) return;
    const problem = compareDurationProblem(compare.durationMs);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: compare });
  }),
);

/** The default comparison: B with full jitter. */
export const compareDefaults: CompareConfig = { set: { 'relay.retry.jitter': 'full' } };

/** A as the comparison runs it: `scenario` for the comparison's run length (checked: throws). */
export function compareSide(scenario: Scenario, config: CompareConfig): Scenario {
  if (config.durationMs === undefined || config.durationMs === scenario.durationMs) return scenario;
  return parseScenario({ ...scenario, durationMs: config.durationMs });
}

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
  // B's latency may leave A's lognormal: its p99 then has nothing to apply to.
  return parseScenario(withoutUnusedP99(next));
}

/** Most runs in one sweep. */
export const MAX_SWEEP_STEPS = 50;

/** One number setting, a range and a number of steps. */
export interface SweepConfig {
  path: SettablePath;
  from: number;
  to: number;
  steps: number;
}

/** The default sweep: workers 1 to 20. */
export const sweepDefaults: SweepConfig = { path: 'relay.workers', from: 1, to: 20, steps: 20 };

/** A value of `setting` in a message, a share as a percentage. */
function shown(setting: NumberSetting<string>, value: number): string {
  return setting.unit === '%' ? `${value * 100}%` : String(value);
}

/** A sweep as a link carries it, checked against the registry: path, range and steps. */
export const sweepSchema = strictObject(
  {
    path: z.string({ error: expected('a setting path') }),
    from: z.number({ error: expected('a number') }),
    to: z.number({ error: expected('a number') }),
    steps: z.number({ error: expected('a number') }),
  },
  'an object with `path`, `from`, `to` and `steps`',
).check(
  z.superRefine((sweep, ctx) => {
    const problem = sweepProblem(sweep as SweepConfig);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: sweep });
  }),
);

/** Checks a sweep's settings; returns a message naming the problem, or null. */
export function sweepProblem(config: SweepConfig): string | null {
  const path: string = config.path;
  if (!SWEEP_PATHS.some((p) => p === path)) {
    const why = isSettablePath(path) ? `: ${whyNotSwept(path)}` : '';
    return `A sweep cannot vary ${describeValue(path)}${why}.`;
  }
  const setting = settingOf(config.path) as NumberSetting<string>;
  for (const [name, value] of [
    ['from', config.from],
    ['to', config.to],
  ] as const) {
    if (!(Number.isFinite(value) && value >= setting.min && value <= setting.max)) {
      const unit = setting.unit === '%' ? '' : ` ${setting.unit}`;
      const got = Number.isFinite(value) ? shown(setting, value) : String(value);
      return `${setting.label} ${name} must be between ${shown(setting, setting.min)} and ${shown(setting, setting.max)}${unit}, got ${got}.`;
    }
  }
  if (!(Number.isInteger(config.steps) && config.steps >= 2 && config.steps <= MAX_SWEEP_STEPS)) {
    return `Steps must be a whole number from 2 to ${MAX_SWEEP_STEPS}, got ${config.steps}.`;
  }
  return null;
}

/** The values a sweep runs, from `from` to `to` in `steps` even steps (integers rounded). */
export function sweepValues(config: SweepConfig): number[] {
  const setting = settingOf(config.path) as NumberSetting<string>;
  const steps = Math.max(1, Math.min(MAX_SWEEP_STEPS, Math.round(config.steps)));
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    const raw =
      steps === 1 ? config.from : config.from + ((config.to - config.from) * i) / (steps - 1);
    const value = setting.integer ? Math.round(raw) : Number(raw.toPrecision(12));
    if (values.at(-1) !== value) values.push(value);
  }
  return values;
}
