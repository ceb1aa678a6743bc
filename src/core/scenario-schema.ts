/**
 * The scenario file, format v1: one JSON document that describes a whole run. Every field has a
 * default, so `{}` is a valid scenario. The settable fields and their sections are built from
 * the settings registry; each schema carries the one-line message an error quotes, built from
 * zod's public issue data. Built with zod/mini, which keeps the page's bundle small.
 */
import { z } from 'zod/mini';
import { COMPARE_METRIC_IDS } from './compare-ids';
import { describeValue, expected, lazySchema, strictObject } from './messages';
import { SCENARIO_VERSION } from './scenario-migrations';
import {
  MAX_DURATION_MS,
  type NumberSetting,
  SETTABLE_PATHS,
  SETTINGS,
  type SettablePath,
  type Setting,
  type SettingValue,
  settingOf,
} from './settings';
import { type SweepConfig, sweepSchema } from './sweep';

export {
  LOGNORMAL_P99_RATIO_DEFAULT,
  LOGNORMAL_P99_RATIO_MAX,
  MAX_CAPACITY,
  MAX_DEAD_LETTER_CAPACITY,
  MAX_DURATION_MS,
  MAX_RATE_PER_SEC,
  MAX_WORKERS,
  type SettablePath,
} from './settings';

/** Largest number of timeline entries and of bursts. */
export const MAX_TIMELINE_ENTRIES = 100_000;
/** Most requests one burst sends. */
export const MAX_BURST_COUNT = 1_000_000;

function integer(min: number, max: number) {
  const error = expected(`an integer from ${min} to ${max}`);
  return z
    .number({ error })
    .check(z.int({ error }), z.minimum(min, { error }), z.maximum(max, { error }));
}

function durationMs(min: number) {
  const error = expected(`a number from ${min} to ${MAX_DURATION_MS} (ms)`);
  return z
    .number({ error })
    .check(z.minimum(min, { error }), z.maximum(MAX_DURATION_MS, { error }));
}

function text(max: number) {
  const error = expected(`a text of at most ${max} characters`);
  return z.string({ error }).check(z.maxLength(max, { error }));
}

const UNIT_IN_MESSAGES: Record<string, string> = { ms: ' (ms)', 'req/s': ' per second' };

/** What a number setting expects, in words. */
function numberExpected(setting: NumberSetting<string>): string {
  const kind = setting.integer ? 'an integer' : 'a number';
  const unit = UNIT_IN_MESSAGES[setting.unit] ?? '';
  const word = setting.sentinel === undefined ? '' : `, or ${JSON.stringify(setting.sentinel)}`;
  return `${kind} from ${setting.min} to ${setting.max}${unit}${word}`;
}

/** The schema of one setting's value: its type and range, no default. */
export function valueSchema(setting: Setting): z.ZodMiniType {
  switch (setting.type) {
    case 'switch':
      return z.boolean({ error: expected('true or false') });
    case 'choice': {
      const values = setting.options.map((o) => o.value) as [string, ...string[]];
      return z.enum(values, { error: expected(`one of ${values.map(quote).join(', ')}`) });
    }
    case 'number': {
      const error = expected(numberExpected(setting));
      const { min, max, integer: whole, sentinel } = setting;
      const inRange = (v: number) => v >= min && v <= max && (!whole || Number.isInteger(v));
      const number = z.number({ error }).check(z.refine(inRange, { error }));
      return sentinel === undefined
        ? number
        : z
            .union([number, z.literal(sentinel)], { error })
            .check(z.refine((v) => v === sentinel || inRange(v as number), { error }));
    }
  }
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/** Actions a timeline entry can take instead of setting fields. */
export const TIMELINE_ACTIONS = [
  'burst',
  'replayDeadLetter',
  'replayAllDeadLetters',
  'clearDeadLetters',
] as const;
/**
 * The live page's charts, by id: what a story's `meta.charts` names. The page draws each as
 * `data-testid="chart-<id>"` (the cures' charts while their cure is on); a test holds the two
 * lists together.
 */
export const CHART_IDS = [
  'throughput',
  'goodput',
  'errors',
  'latency',
  'retry-delays',
  'calls',
  'amplification',
  'duplicates',
  'queue',
  'workers',
  'downstream',
  'downstream-queue',
  'causes',
  'budget',
  'breaker',
  'throttle',
  'hedges',
] as const;
/** One of `CHART_IDS`. */
export type ChartId = (typeof CHART_IDS)[number];

type Shape = Record<string, z.ZodMiniType>;

/** The whole scenario's schema; parse it with `parseScenario`, which also checks what spans fields. */
type ScenarioSchema = z.ZodMiniType<Scenario, ScenarioInput>;

/**
 * The whole scenario's schema, built on first use: zod builds it in tens of ms, which would
 * otherwise be part of the page's start (the page starts with `defaultScenario()` and parses a
 * scenario only when one is opened).
 */
export const scenarioSchema = lazySchema(buildScenarioSchema);

const fields = new Map<SettablePath, z.ZodMiniType>();

/**
 * One settable field's schema, default included, built on its first use: what a live change is
 * checked with (a change builds its own field's schema, not the whole scenario's).
 */
export function settableField(path: SettablePath): z.ZodMiniType {
  let schema = fields.get(path);
  if (schema === undefined) {
    const setting = settingOf(path);
    const value = valueSchema(setting);
    schema = setting.default === undefined ? z.optional(value) : z._default(value, setting.default);
    fields.set(path, schema);
  }
  return schema;
}

/**
 * The scenario `{}` parses to, every default filled in, built from the settings registry without
 * zod (a test checks that it equals `parseScenario({})`): what the page starts with.
 */
export function defaultScenario(): Scenario {
  const sections: Record<string, unknown> = {
    traffic: { bursts: [] },
    clients: {},
    downstream: {},
    relay: {},
  };
  for (const path of SETTABLE_PATHS) {
    const value = settingOf(path).default;
    if (value === undefined) continue;
    const parts = path.split('.');
    let target = sections;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts.at(-1)!] = typeof value === 'object' ? structuredClone(value) : value;
  }
  return {
    version: SCENARIO_VERSION,
    seed: 1,
    durationMs: 60_000,
    ...sections,
    timeline: [],
  } as unknown as Scenario;
}

function buildScenarioSchema(): ScenarioSchema {
  /**
   * The section of the scenario whose paths start with `prefix` (e.g. `relay.`), its fields and
   * subsections in the registry's order, plus `extra` fields that no timeline sets.
   */
  function section(prefix: string, extra: Record<string, Shape> = {}): z.ZodMiniType {
    const shape: Shape = {};
    for (const path of SETTABLE_PATHS) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot < 0) shape[rest] = settableField(path);
      else {
        const name = rest.slice(0, dot);
        shape[name] ??= section(`${prefix}${name}.`, extra);
      }
    }
    Object.assign(shape, extra[prefix]);
    return z.prefault(strictObject(shape, 'an object'), {} as never);
  }

  function list<T extends z.ZodMiniType>(item: T) {
    const error = expected(`a list of at most ${MAX_TIMELINE_ENTRIES} entries`);
    return z
      .array(item, { error: expected('a list') })
      .check(z.maxLength(MAX_TIMELINE_ENTRIES, { error }));
  }

  const burstSchema = strictObject(
    { atMs: durationMs(0), count: integer(1, MAX_BURST_COUNT) },
    'an object with `atMs` and `count`',
  );

  const setEntrySchema = strictObject(
    {
      atMs: durationMs(0),
      set: z.record(z.string(), z.unknown(), {
        error: expected('an object of field paths to values (or an `action` instead of `set`)'),
      }),
    },
    'an object with `atMs` and `set`',
  );

  /** What each timeline action needs besides `atMs`. */
  const ACTION_FIELDS: Record<TimelineAction, Shape> = {
    burst: { count: integer(1, MAX_BURST_COUNT) },
    replayDeadLetter: { id: integer(0, Number.MAX_SAFE_INTEGER) },
    replayAllDeadLetters: {},
    clearDeadLetters: {},
  } as const;

  const actionEntrySchema = z.discriminatedUnion(
    'action',
    TIMELINE_ACTIONS.map((action) => {
      const fields: Shape = ACTION_FIELDS[action];
      // A field the action needs says so when missing; another action's field is not used here.
      const needs = Object.fromEntries(
        Object.entries(fields).map(([name, schema]) => [
          name,
          z.pipe(
            z.unknown().check(
              z.refine((v) => v !== undefined, {
                error: `missing; the action ${quote(action)} needs it`,
                abort: true,
              }),
            ),
            schema,
          ),
        ]),
      );
      return strictObject(
        { atMs: durationMs(0), action: z.literal(action), ...needs },
        `an object with \`atMs\` and \`action\``,
        (key) =>
          TIMELINE_ACTIONS.some((other) => Object.hasOwn(ACTION_FIELDS[other], key))
            ? `not used by the action ${quote(action)}`
            : null,
      );
    }) as unknown as [z.ZodMiniObject, ...z.ZodMiniObject[]],
    {
      error: (issue) =>
        issue.code === 'invalid_union' && 'options' in issue
          ? `expected one of ${(issue.options as string[]).map(quote).join(', ')}, got ${describeValue((issue.input as { action?: unknown })?.action)}`
          : undefined,
    },
  );

  /** A comparison a guided scenario recommends: B's settings, which side its story says is better,
   * and the metric its story is about. */
  const comparisonSchema = strictObject(
    {
      label: text(80),
      set: z.record(z.string(), z.unknown(), {
        error: expected('an object of setting paths to values'),
      }),
      better: z.enum(['a', 'b'], { error: expected('"a" or "b"') }),
      headline: z.enum(COMPARE_METRIC_IDS, {
        error: expected(`one of ${COMPARE_METRIC_IDS.map((id) => JSON.stringify(id)).join(', ')}`),
      }),
    },
    'an object with `label`, `set`, `better` and `headline`',
  );

  /** A moment of a guided scenario worth stopping at, with what to look at then. */
  const momentSchema = strictObject(
    { atMs: durationMs(1), note: text(300) },
    'an object with `atMs` and `note`',
  );

  return strictObject(
    {
      version: z._default(
        z.literal(SCENARIO_VERSION, {
          error: expected(`a scenario format this lab reads (1 to ${SCENARIO_VERSION})`),
        }),
        SCENARIO_VERSION,
      ),
      seed: z._default(integer(0, 4_294_967_295), 1),
      durationMs: z._default(durationMs(1), 60_000),
      meta: z.optional(
        strictObject(
          {
            title: text(120),
            story: z.optional(text(1000)),
            watch: z.optional(text(1000)),
            charts: z.optional(
              z
                .array(
                  z.enum(CHART_IDS, {
                    error: (issue) =>
                      `expected a chart id (${CHART_IDS.map(quote).join(', ')}), got ${describeValue(issue.input)}`,
                  }),
                  { error: expected('a list of chart ids') },
                )
                .check(z.maxLength(4, { error: expected('a list of at most 4 chart ids') })),
            ),
            try: z.optional(text(1000)),
            comparisons: z.optional(
              z
                .array(comparisonSchema, { error: expected('a list of comparisons') })
                .check(z.maxLength(4, { error: expected('a list of at most 4 comparisons') })),
            ),
            speed: z.optional(
              z.union([z.literal(1), z.literal(10), z.literal(100)], {
                error: expected('1, 10 or 100'),
              }),
            ),
            moments: z.optional(
              z
                .array(momentSchema, { error: expected('a list of key moments') })
                .check(z.maxLength(8, { error: expected('a list of at most 8 key moments') })),
            ),
            sweep: z.optional(sweepSchema()),
          },
          'an object with a `title`',
        ),
      ),
      traffic: section('traffic.', { 'traffic.': { bursts: z._default(list(burstSchema), []) } }),
      clients: section('clients.'),
      downstream: section('downstream.'),
      relay: section('relay.'),
      timeline: z._default(
        list(
          z.union([setEntrySchema, actionEntrySchema], {
            error: expected('an object with `atMs` and either `set` or `action`'),
          }),
        ),
        [],
      ),
    },
    'a JSON object',
  ) as unknown as ScenarioSchema;
}

// The types of a scenario, derived from the registry: a section per path prefix.

type Optional = {
  [P in SettablePath]: (typeof SETTINGS)[P] extends { optional: true } ? P : never;
}[SettablePath];
type Leaf<Prefix extends string, P extends string> = P extends `${Prefix}${infer K}`
  ? K extends `${string}.${string}`
    ? never
    : K
  : never;
type Child<Prefix extends string> = SettablePath extends infer P
  ? P extends `${Prefix}${infer H}.${string}`
    ? H
    : never
  : never;
type At<Prefix extends string, K extends string> = SettingValue<
  Extract<`${Prefix}${K}`, SettablePath>
>;
type Section<Prefix extends string> = {
  [K in Leaf<Prefix, Exclude<SettablePath, Optional>>]: At<Prefix, K>;
} & { [K in Leaf<Prefix, Optional>]?: At<Prefix, K> } & {
  [H in Child<Prefix>]: Section<`${Prefix}${H}.`>;
};

type Sections = Section<''>;

/** One burst of simultaneous arrivals. */
export interface Burst {
  atMs: number;
  count: number;
}

/** One entry of the timeline: settings changed, or an action, at a virtual time. */
export type TimelineEntry =
  | { atMs: number; set: Record<string, unknown> }
  | { atMs: number; action: 'burst'; count: number }
  | { atMs: number; action: 'replayDeadLetter'; id: number }
  | { atMs: number; action: 'replayAllDeadLetters' | 'clearDeadLetters' };

/** A timeline action. */
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

/** A comparison a guided scenario's story recommends (see `meta.comparisons`). */
export interface LessonComparison {
  label: string;
  /** B: the scenario with these settings held for the whole run. */
  set: Record<string, unknown>;
  /** The side the story says is better. */
  better: 'a' | 'b';
  /** The `COMPARE_METRICS` id of the number the story is about. */
  headline: string;
}

/** Text for guided scenarios, and the comparisons their stories recommend. */
export interface ScenarioMeta {
  title: string;
  story?: string;
  watch?: string;
  /** The charts the watch text is about, in the order it names them: each gets a link. */
  charts?: ChartId[];
  try?: string;
  comparisons?: LessonComparison[];
  /** The speed the scenario opens at (its key moments come in good time). */
  speed?: 1 | 10 | 100;
  /** Moments the run can pause at by itself, in time order, each with what to look at. */
  moments?: KeyMoment[];
  /** A sweep its story suggests: opening the scenario fills the sweep panel with it. */
  sweep?: SweepConfig;
}

/** A moment of a guided scenario worth stopping at. */
export interface KeyMoment {
  atMs: number;
  note: string;
}

/** A scenario with every default filled in: what `parseScenario` returns. */
export interface Scenario extends Omit<Sections, 'traffic'> {
  version: typeof SCENARIO_VERSION;
  seed: number;
  durationMs: number;
  meta?: ScenarioMeta;
  traffic: Sections['traffic'] & { bursts: Burst[] };
  timeline: TimelineEntry[];
}

/** The settings that a timeline can change: a scenario without seed, duration, meta, timeline. */
export type RelayConfig = Pick<Scenario, 'traffic' | 'clients' | 'downstream' | 'relay'>;

type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A scenario as written in a file: every field optional. */
export type ScenarioInput = DeepPartial<Omit<Scenario, 'timeline'>> & {
  timeline?: TimelineEntry[];
};

/** A jitter mode. */
export type JitterMode = SettingValue<'relay.retry.jitter'>;
/** A latency distribution. */
export type LatencyDistribution = SettingValue<'downstream.latency.distribution'>;
/** An arrival process. */
export type ArrivalProcess = SettingValue<'traffic.arrival'>;
/** The worker count: a number, or `'unbounded'` for the relay without a pool. */
export type WorkerCount = SettingValue<'relay.workers'>;

/** Jitter modes of the backoff. @see ./backoff.ts */
export const JITTER_MODES = SETTINGS['relay.retry.jitter'].options.map((o) => o.value);
