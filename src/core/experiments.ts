/**
 * Experiments on a scenario: a comparison (B is A with some settings held at other values, on
 * the same seed, so the same traffic meets the same random fates) and the check of a sweep's
 * series (see `sweep.ts`), each of which is such a B.
 */
import { z } from 'zod/mini';
import { expected, lazySchema, strictObject } from './messages';
import { groupedNumber } from './number-text';
import { parseScenario, parseSettable, setField, withoutUnusedP99 } from './scenario';
import type { Scenario, TimelineEntry } from './scenario-schema';
import { MAX_DURATION_MS, type SettablePath } from './settings';
import type { SweepConfig } from './sweep';

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
  return `The run length must be from ${min / 60_000} to ${groupedNumber(max / 60_000)} minutes (30 days), got ${got}.`;
}

/** A comparison as a link or a file carries it; each value is checked by `withSettings`. */
export const compareSchema = lazySchema(() =>
  strictObject(
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
  ),
);

/** The default comparison: B with full jitter. */
export const compareDefaults: CompareConfig = { set: { 'relay.retry.jitter': 'full' } };

/** A as the comparison runs it: `scenario` for the comparison's run length (checked: throws). */
export function compareSide(scenario: Scenario, config: CompareConfig): Scenario {
  if (config.durationMs === undefined || config.durationMs === scenario.durationMs) return scenario;
  return parseScenario({ ...scenario, durationMs: config.durationMs });
}

/**
 * `scenario` with `set` held for the whole run (checked: throws `ScenarioError`, naming a field
 * as `<name>: <path>`): applied to its starting settings, and taken out of its timeline's
 * changes, so that B at 0 retries stays at 0 even where A's timeline raises them. Its other
 * changes (an outage, a spike) apply to both.
 */
export function withSettings(scenario: Scenario, set: CompareConfig['set'], name = 'B'): Scenario {
  const next = structuredClone(scenario);
  for (const [path, value] of Object.entries(set)) {
    setField(next, path as SettablePath, parseSettable(path, value, `${name}: ${path}`));
  }
  next.timeline = next.timeline.flatMap((entry): TimelineEntry[] => {
    if (!('set' in entry)) return [entry];
    const kept = Object.entries(entry.set).filter(([path]) => !Object.hasOwn(set, path));
    return kept.length === 0 ? [] : [{ ...entry, set: Object.fromEntries(kept) }];
  });
  // B's latency may leave A's lognormal: its p99 then has nothing to apply to.
  return parseScenario(withoutUnusedP99(next));
}

/**
 * Checks each series of `sweep` against `scenario` (throws `ScenarioError`, naming the series and
 * the field), as `withSettings` checks B: a bad path, value or rule across fields.
 */
export function checkSweepSeries(scenario: Scenario, sweep: SweepConfig): void {
  for (const { label, set } of sweep.series ?? []) {
    withSettings(scenario, set, `Series ${JSON.stringify(label)}`);
  }
}
