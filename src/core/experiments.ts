/**
 * Experiments on a scenario: a comparison (B is A with some settings held at other values, on
 * the same seed, so the same traffic meets the same random fates) and the check of a sweep's
 * series (see `sweep.ts`), each of which is such a B.
 */
import { z } from 'zod/mini';
import { expected, strictObject } from './messages';
import { parseScenario, parseSettable, setField, withoutUnusedP99 } from './scenario';
import type { Scenario, TimelineEntry } from './scenario-schema';
import type { SettablePath } from './settings';
import type { SweepConfig } from './sweep';

/** B's differences from A, by settable path. */
export interface CompareConfig {
  set: Partial<Record<SettablePath, unknown>>;
}

/** A comparison as a link or a file carries it; each value is checked by `withSettings`. */
export const compareSchema = strictObject(
  {
    set: z.record(z.string(), z.unknown(), {
      error: expected('an object of setting paths to values'),
    }),
  },
  'an object with `set`',
);

/** The default comparison: B with full jitter. */
export const compareDefaults: CompareConfig = { set: { 'relay.retry.jitter': 'full' } };

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
