/**
 * Parsing and checking scenario files. `parseScenario` fills every default and rejects unknown
 * fields, wrong types and out-of-range values with one message that names the field.
 */
import { checkJsonValue, readJsonText } from './json-text';
import type { MemorySettings } from './memory';
import { memoryProblem } from './memory-budget';
import { cut, describeValue, formatKey, formatPath, suggest } from './messages';
import { ScenarioError } from './scenario-error';
import { migrateScenario } from './scenario-migrations';
import {
  LOGNORMAL_P99_RATIO_MAX,
  type RelayConfig,
  type Scenario,
  type SettablePath,
  scenarioSchema,
  settableField,
} from './scenario-schema';
import { isSettablePath, SETTABLE_PATHS } from './settings';

export { describeValue } from './messages';
export { ScenarioError } from './scenario-error';
export { isSettablePath } from './settings';

/**
 * Parses a scenario (a JSON text or an already parsed value), fills in every default and checks
 * it. Throws a `ScenarioError` naming the first bad field, and nothing else, whatever the input
 * (issue 13.4): its cost is bounded by the input's size, and its message is short.
 */
export function parseScenario(input: unknown): Scenario {
  try {
    return parseScenarioValue(typeof input === 'string' ? readJsonText(input) : input);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    // A failure no check foresaw (e.g. an object a script built with a getter that throws).
    const why = error instanceof Error ? error.message : String(error);
    throw new ScenarioError('', `cannot be read (${cut(why, 120)})`);
  }
}

/** What reading a scenario file gives: the scenario, or why it cannot be used. */
export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

/** Reads a scenario file's text; never throws (the page runs it in a worker, issue 13.4). */
export function readScenarioText(text: string): ScenarioResult {
  try {
    return { ok: true, scenario: parseScenario(text) };
  } catch (error) {
    return { ok: false, message: (error as ScenarioError).message };
  }
}

function parseScenarioValue(value: unknown): Scenario {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError('', `expected a JSON object, got ${describeValue(value)}`);
  }
  checkJsonValue(value);
  const result = scenarioSchema().safeParse(migrateScenario(value as Record<string, unknown>), {
    reportInput: true,
  });
  if (!result.success) throw issueToError(result.error.issues[0]!, []);
  const scenario = result.data;
  checkConfig(scenario, '');
  checkTimeline(scenario);
  if (hasUnusedP99(scenario)) {
    const { distribution } = scenario.downstream.latency;
    throw new ScenarioError(
      'downstream.latency.p99Ms',
      `only a lognormal latency has a p99, and this one is ${distribution} for the whole run; remove it, or set \`downstream.latency.distribution\` to "lognormal"`,
    );
  }
  checkMemoryBudget(scenario);
  scenario.meta?.comparisons?.forEach((comparison, i) => {
    for (const [path, value] of Object.entries(comparison.set)) {
      const where = `${formatPath(['meta', 'comparisons', i, 'set'])}${formatKey(path)}`;
      comparison.set[path] = parseSettable(path, value, where);
    }
  });
  scenario.meta?.sweep?.series?.forEach((series, i) => {
    const set = series.set as Record<string, unknown>;
    for (const [path, value] of Object.entries(set)) {
      set[path] = parseSettable(
        path,
        value,
        `meta.sweep.series[${i}].set[${JSON.stringify(path)}]`,
      );
    }
  });
  scenario.traffic.bursts.sort((a, b) => a.atMs - b.atMs);
  scenario.timeline.sort((a, b) => a.atMs - b.atMs);
  scenario.meta?.moments?.sort((a, b) => a.atMs - b.atMs);
  return scenario;
}

/**
 * Refuses a run that may need more memory than a browser tab gives it (`MEMORY_BUDGET_BYTES`),
 * naming the setting to change (issue 13.2). `parseScenario` checks it; a live change checks the
 * scenario with the change in its timeline.
 */
export function checkMemoryBudget(settings: MemorySettings): void {
  const problem = memoryProblem(settings);
  if (problem !== null) throw new ScenarioError(problem.path, problem.message);
}

/**
 * True when the starting settings give a lognormal p99 to a latency that is not lognormal and
 * no timeline entry makes it lognormal: the p99 could never apply, which is a mistake (issue
 * 13.8). A timeline entry may set a p99 the run does not use at the time (a live run keeps the
 * p99 through a switch to another distribution and back), and so may a starting p99 that a
 * later switch to lognormal uses.
 */
function hasUnusedP99(scenario: Scenario): boolean {
  const { latency } = scenario.downstream;
  if (latency.p99Ms === undefined || latency.distribution === 'lognormal') return false;
  return !scenario.timeline.some(
    (entry) => 'set' in entry && entry.set['downstream.latency.distribution'] === 'lognormal',
  );
}

/**
 * `scenario` without a starting p99 that no part of the run can use (what `parseScenario`
 * refuses): for a scenario edited by setting its starting settings, where moving the latency
 * away from lognormal leaves the p99 behind.
 */
export function withoutUnusedP99<S extends Scenario>(scenario: S): S {
  if (!hasUnusedP99(scenario)) return scenario;
  const { p99Ms: _, ...latency } = scenario.downstream.latency;
  return { ...scenario, downstream: { ...scenario.downstream, latency } };
}

/**
 * Checks one value for a settable field and returns it parsed; throws a `ScenarioError` whose
 * path is `where` (or the field's own path).
 */
export function parseSettable(path: string, value: unknown, where = path): unknown {
  if (!isSettablePath(path)) {
    throw new ScenarioError(
      where,
      `not a field a timeline can set${suggest(path, SETTABLE_PATHS)}`,
    );
  }
  const result = settableField(path).safeParse(value, { reportInput: true });
  if (!result.success) throw issueToError(result.error.issues[0]!, [], where);
  return result.data;
}

/** Sets a dotted field in a config, in place. The value must already be checked. */
export function setField(config: RelayConfig, path: SettablePath, value: unknown): void {
  const parts = path.split('.');
  let target = config as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
  target[parts.at(-1)!] = value;
}

/** The starting settings of `scenario`, as a config of its own (a copy). */
export function startingConfig(scenario: Scenario): RelayConfig {
  return structuredClone({
    traffic: scenario.traffic,
    clients: scenario.clients,
    downstream: scenario.downstream,
    relay: scenario.relay,
  });
}

/**
 * The settings in force at `atMs`: the starting settings with every timeline change up to and
 * including `atMs`; `nextAtMs` is the time of the next change (`Infinity` when none is left).
 * The timeline is sorted by time, as `parseScenario` leaves it and live changes append to it.
 */
export function configAt(
  scenario: Scenario,
  atMs: number,
): { config: RelayConfig; nextAtMs: number } {
  const config = startingConfig(scenario);
  for (const entry of scenario.timeline) {
    if (entry.atMs > atMs) return { config, nextAtMs: entry.atMs };
    if ('set' in entry) {
      for (const [path, value] of Object.entries(entry.set)) {
        setField(config, path as SettablePath, value);
      }
    }
  }
  return { config, nextAtMs: Number.POSITIVE_INFINITY };
}

/**
 * Checks the rules that span fields of a config. `where` is '' for a whole scenario, or the
 * timeline entry (`timeline[3]`) whose change is being checked; `changed`, the fields a change
 * set, so that a broken rule is reported at the field the change set, not at its partner.
 */
export function checkConfig(
  config: RelayConfig,
  where: string,
  changed: ReadonlySet<string> = new Set(),
): void {
  // In a timeline entry, name the field as the entry sets it.
  const name = (path: string) => (where === '' ? path : `${where}.set${formatKey(path)}`);
  // Of two fields in one rule, the one a change set alone.
  const onlyChanged = (path: string, partner: string) => changed.has(path) && !changed.has(partner);
  // A backoff's cap is at least its base: the relay's retries, and retrying clients'.
  for (const [prefix, backoff] of [
    ['relay.retry', config.relay.retry],
    ['clients', config.clients],
  ] as const) {
    if (backoff.maxDelayMs >= backoff.baseDelayMs) continue;
    const [base, max] = [`${prefix}.baseDelayMs`, `${prefix}.maxDelayMs`];
    throw onlyChanged(base, max)
      ? new ScenarioError(
          name(base),
          `expected at most ${max} (${backoff.maxDelayMs} ms), got ${backoff.baseDelayMs}`,
        )
      : new ScenarioError(
          name(max),
          `expected at least ${base} (${backoff.baseDelayMs} ms), got ${backoff.maxDelayMs}`,
        );
  }
  const { latency } = config.downstream;
  if (latency.distribution === 'lognormal') {
    if (!(latency.meanMs > 0)) {
      throw new ScenarioError(
        name('downstream.latency.meanMs'),
        `expected more than 0 for a lognormal latency, got ${latency.meanMs}`,
      );
    }
    const p99Ms = latency.p99Ms;
    if (
      p99Ms !== undefined &&
      !(p99Ms > latency.meanMs && p99Ms <= latency.meanMs * LOGNORMAL_P99_RATIO_MAX)
    ) {
      if (onlyChanged('downstream.latency.meanMs', 'downstream.latency.p99Ms')) {
        throw new ScenarioError(
          name('downstream.latency.meanMs'),
          `expected less than the p99 (${p99Ms} ms) and at least 1/${LOGNORMAL_P99_RATIO_MAX} of it for a lognormal latency, got ${latency.meanMs}`,
        );
      }
      throw new ScenarioError(
        name('downstream.latency.p99Ms'),
        `expected more than the mean (${latency.meanMs} ms) and at most ${LOGNORMAL_P99_RATIO_MAX} times it for a lognormal latency, got ${p99Ms}`,
      );
    }
  }
}

function checkTimeline(scenario: Scenario): void {
  const config = startingConfig(scenario);
  const ordered = scenario.timeline.map((entry, index) => ({ entry, index }));
  ordered.sort((a, b) => a.entry.atMs - b.entry.atMs);
  for (const { entry, index } of ordered) {
    const where = `timeline[${index}]`;
    if ('set' in entry) {
      const set: Record<string, unknown> = {};
      for (const [path, value] of Object.entries(entry.set)) {
        set[path] = parseSettable(path, value, `${where}.set${formatKey(path)}`);
        setField(config, path as SettablePath, set[path]);
      }
      entry.set = set;
      checkConfig(config, where, new Set(Object.keys(set)));
    }
  }
}

/** The part of a zod issue a message is built from (public issue data only). */
interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
  readonly keys?: readonly string[];
  readonly errors?: ReadonlyArray<readonly Issue[]>;
}

function issueToError(issue: Issue, base: readonly PropertyKey[], where?: string): ScenarioError {
  const path = [...base, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return new ScenarioError(formatPath([...path, issue.keys?.[0] ?? '']), issue.message);
  }
  // Of a union's branches, the one the value came closest to (an action entry, not a `set` one).
  const branches = issue.code === 'invalid_union' ? (issue.errors ?? []) : [];
  if (isPlainObject(issue.input) && branches.length > 0) {
    const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length > 0) return issueToError(best[0]!, path, where);
  }
  return new ScenarioError(where ?? formatPath(path), issue.message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
