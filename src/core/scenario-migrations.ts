/**
 * Scenario files of earlier formats, brought to the current one before they are checked, so old
 * files and links keep working. Each step upgrades format n to n + 1 and never changes its input.
 *
 * - 1 → 2: the downstream's `concurrencyLimit` (calls at once, one more refused at once) becomes
 *   `servers` with a `queueCapacity` of 0, which behaves the same; in the timeline too.
 */

/** The scenario format this lab writes. */
export const SCENARIO_VERSION = 2;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The new fields of a concurrency limit `limit`: servers, and no queue when bounded. */
function fromConcurrencyLimit(limit: unknown): Json {
  return limit === 'unbounded' ? { servers: limit } : { servers: limit, queueCapacity: 0 };
}

function migrate1to2(scenario: Json): Json {
  const next: Json = { ...scenario, version: 2 };
  const downstream = scenario.downstream;
  if (isRecord(downstream) && Object.hasOwn(downstream, 'concurrencyLimit')) {
    const { concurrencyLimit, ...rest } = downstream;
    next.downstream = { ...rest, ...fromConcurrencyLimit(concurrencyLimit) };
  }
  if (Array.isArray(scenario.timeline)) {
    next.timeline = scenario.timeline.map((entry: unknown) => {
      if (!isRecord(entry) || !isRecord(entry.set)) return entry;
      if (!Object.hasOwn(entry.set, 'downstream.concurrencyLimit')) return entry;
      const { 'downstream.concurrencyLimit': limit, ...set } = entry.set;
      const fields = fromConcurrencyLimit(limit);
      for (const [name, value] of Object.entries(fields)) set[`downstream.${name}`] = value;
      return { ...entry, set };
    });
  }
  return next;
}

const STEPS: Record<number, (scenario: Json) => Json> = { 1: migrate1to2 };

/**
 * `scenario` in the current format. A file without `version` is format 1 (the first); a version
 * this lab does not know is left for the schema to refuse, naming it.
 */
export function migrateScenario(scenario: Json): Json {
  let current = scenario;
  let version: unknown = current.version ?? 1;
  while (typeof version === 'number' && STEPS[version] !== undefined) {
    current = STEPS[version]!(current);
    version = current.version;
  }
  return current;
}
