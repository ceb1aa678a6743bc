/**
 * Parsing and checking scenario files. `parseScenario` fills every default and rejects unknown
 * fields, wrong types and out-of-range values with one message that names the field.
 */
import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import {
  type RelayConfig,
  type Scenario,
  SETTABLE_FIELDS,
  type SettablePath,
  scenarioSchema,
} from './scenario-schema';

/** A scenario that cannot be used; `path` names the offending field, e.g. `relay.workers`. */
export class ScenarioError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(path === '' ? message : `\`${path}\`: ${message}`);
    this.name = 'ScenarioError';
    this.path = path;
  }
}

/** Widest ratio of p99 to mean that a lognormal latency can have (exp(z99² / 2)). */
export const LOGNORMAL_P99_RATIO_MAX = 14.9;
/** The lognormal p99 when a scenario leaves it out, as a multiple of the mean. */
export const LOGNORMAL_P99_RATIO_DEFAULT = 4;

/**
 * Parses a scenario (a JSON text or an already parsed value), fills in every default and checks
 * it. Throws a `ScenarioError` naming the first bad field.
 */
export function parseScenario(input: unknown): Scenario {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ScenarioError('', `not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError('', `expected a JSON object, got ${describeValue(value)}`);
  }
  refuseProtoKeys(value);
  const result = scenarioSchema.safeParse(value, { reportInput: true });
  if (!result.success) throw issueToError(result.error.issues[0]!, []);
  const scenario = result.data;
  checkConfig(scenario, '');
  checkTimeline(scenario);
  scenario.traffic.bursts.sort((a, b) => a.atMs - b.atMs);
  scenario.timeline.sort((a, b) => a.atMs - b.atMs);
  return scenario;
}

/** Zod's records drop a `__proto__` key (as `JSON.parse` makes it) without a word: name it. */
function refuseProtoKeys(value: object): void {
  const timeline = (value as { timeline?: unknown }).timeline;
  if (!Array.isArray(timeline)) return;
  timeline.forEach((entry: unknown, i) => {
    const set = (entry as { set?: unknown } | null)?.set;
    if (typeof set === 'object' && set !== null && Object.hasOwn(set, '__proto__')) {
      throw new ScenarioError(`timeline[${i}].set["__proto__"]`, 'not a field a timeline can set');
    }
  });
}

/** Like `parseScenario`, but returns the error instead of throwing it. */
export function validateScenario(
  input: unknown,
): { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError } {
  try {
    return { ok: true, scenario: parseScenario(input) };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, error };
    throw error;
  }
}

/** True when `path` is a field a timeline entry may set. */
export function isSettablePath(path: string): path is SettablePath {
  return Object.hasOwn(SETTABLE_FIELDS, path);
}

/**
 * Checks one value for a settable field and returns it parsed; throws a `ScenarioError` whose
 * path is `where` (or the field's own path).
 */
export function parseSettable(path: string, value: unknown, where = path): unknown {
  if (!isSettablePath(path)) {
    throw new ScenarioError(where, `not a field a timeline can set${suggest(path)}`);
  }
  const result = SETTABLE_FIELDS[path].safeParse(value, { reportInput: true });
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
  const name = (path: string) => (where === '' ? path : `${where}.set[${JSON.stringify(path)}]`);
  // Of two fields in one rule, the one a change set alone.
  const onlyChanged = (path: string, partner: string) => changed.has(path) && !changed.has(partner);
  const { retry } = config.relay;
  if (retry.maxDelayMs < retry.baseDelayMs) {
    throw onlyChanged('relay.retry.baseDelayMs', 'relay.retry.maxDelayMs')
      ? new ScenarioError(
          name('relay.retry.baseDelayMs'),
          `expected at most relay.retry.maxDelayMs (${retry.maxDelayMs} ms), got ${retry.baseDelayMs}`,
        )
      : new ScenarioError(
          name('relay.retry.maxDelayMs'),
          `expected at least relay.retry.baseDelayMs (${retry.baseDelayMs} ms), got ${retry.maxDelayMs}`,
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
  const config: RelayConfig = structuredClone({
    traffic: scenario.traffic,
    downstream: scenario.downstream,
    relay: scenario.relay,
  });
  const ordered = scenario.timeline.map((entry, index) => ({ entry, index }));
  ordered.sort((a, b) => a.entry.atMs - b.entry.atMs);
  for (const { entry, index } of ordered) {
    const where = `timeline[${index}]`;
    if ('set' in entry) {
      const set: Record<string, unknown> = {};
      for (const [path, value] of Object.entries(entry.set)) {
        set[path] = parseSettable(path, value, `${where}.set[${JSON.stringify(path)}]`);
        setField(config, path as SettablePath, set[path]);
      }
      entry.set = set;
      checkConfig(config, where, new Set(Object.keys(set)));
    } else {
      checkActionFields(entry, where);
    }
  }
}

function checkActionFields(entry: { action: string; id?: number; count?: number }, where: string) {
  const needs = { burst: 'count', replayDeadLetter: 'id' } as Record<string, string | undefined>;
  for (const field of ['id', 'count'] as const) {
    const needed = needs[entry.action] === field;
    if (needed && entry[field] === undefined) {
      throw new ScenarioError(
        `${where}.${field}`,
        `missing; the action "${entry.action}" needs it`,
      );
    }
    if (!needed && entry[field] !== undefined) {
      throw new ScenarioError(`${where}.${field}`, `not used by the action "${entry.action}"`);
    }
  }
}

type Issue = $ZodIssue;

function issueToError(issue: Issue, base: PropertyKey[], where?: string): ScenarioError {
  const path = [...base, ...issue.path];
  const at = where ?? formatPath(path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = Object.keys(knownKeys(path));
    return new ScenarioError(
      formatPath([...path, key]),
      `unknown field${suggest(key, known)}${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`,
    );
  }
  if (issue.code === 'invalid_union' && isPlainObject(issue.input) && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length > 0) return issueToError(best[0]!, path, where);
  }
  if (issue.input === undefined && issue.code === 'invalid_type') {
    return new ScenarioError(at, `missing; expected ${issue.message}`);
  }
  return new ScenarioError(at, `expected ${issue.message}, got ${describeValue(issue.input)}`);
}

function knownKeys(path: PropertyKey[]): Record<string, unknown> {
  let schema: $ZodType = scenarioSchema;
  for (const part of path) {
    schema = unwrap(schema);
    const def = schema._zod.def as {
      type: string;
      shape?: Record<string, $ZodType>;
      element?: $ZodType;
    };
    if (def.type === 'object' && typeof part === 'string' && def.shape?.[part])
      schema = def.shape[part];
    else if (def.type === 'array' && def.element) schema = def.element;
    else return {};
  }
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, unknown> };
  return def.type === 'object' ? (def.shape ?? {}) : {};
}

function unwrap(schema: $ZodType): $ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { innerType?: $ZodType };
    if (def.innerType === undefined) return current;
    current = def.innerType;
  }
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a bad value for an error message, briefly. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function suggest(name: string, candidates: string[] = Object.keys(SETTABLE_FIELDS)): string {
  let best = '';
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === '' ? '' : `; did you mean \`${best}\`?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
