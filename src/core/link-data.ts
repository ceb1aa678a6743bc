/**
 * The data a shared link carries, once decompressed: the lab's state as JSON (scenario with its
 * timeline, the virtual time, the mode, the comparison and the sweep), versioned. Reading it is
 * pure and never throws: a bad state gives a message naming the problem. It lives in the core
 * so that a worker can read a link off the page's main thread (`src/engine/parse-runner.ts`);
 * the fragment's compression is in `src/share/link.ts`.
 */
import { z } from 'zod/mini';
import {
  type CompareConfig,
  checkSweepSeries,
  compareDefaults,
  compareSchema,
  withSettings,
} from './experiments';
import { checkJsonValue, readJsonText } from './json-text';
import { describeValue, lazySchema } from './messages';
import { parseScenario } from './scenario';
import { ScenarioError } from './scenario-error';
import type { Scenario } from './scenario-schema';
import { MAX_DURATION_MS } from './settings';
import { type SweepConfig, sweepDefaults, sweepSchema } from './sweep';

/** What the page shows: the live run, a comparison or a sweep. */
export const MODES = ['live', 'compare', 'sweep'] as const;
/** One of `MODES`. */
export type Mode = (typeof MODES)[number];

/** The live run's speeds: virtual ms per wall ms, or as fast as the engine can go. */
export const SPEEDS = [1, 10, 100, 'max'] as const;
/** One of `SPEEDS`. */
export type Speed = (typeof SPEEDS)[number];

/** The version of the link format this lab writes. */
export const LINK_VERSION = 1;

/** What a link carries. */
export interface LinkState {
  scenario: Scenario;
  /** Virtual time the link was made at: the page fast-forwards to it. */
  atMs: number;
  mode: Mode;
  compare: CompareConfig;
  sweep: SweepConfig;
  /** The live run's speed; absent in links made before it was kept (the page keeps its own). */
  speed?: Speed;
}

/** Upgrades the data of link version n to version n + 1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** Migrations by the version they upgrade from. None yet: version 1 is the first. */
export const MIGRATIONS: Record<number, Migration> = {};

/** What reading a link's data gives: its state, or why it cannot be opened. */
export type LinkDataResult = { ok: true; state: LinkState } | { ok: false; message: string };

/** The message of a link that cannot be opened, `why` being a sentence's end. */
export function linkRefused(why: string): { ok: false; message: string } {
  return { ok: false, message: `This link cannot be opened: ${why}` };
}

/**
 * Reads the JSON `json` of a link of format `linkVersion`, upgraded through `migrations` to
 * `version`. Never throws; its cost is bounded by the JSON's size (issue 13.4).
 */
export function readLinkData(
  json: string,
  linkVersion: number,
  migrations: Record<number, Migration> = MIGRATIONS,
  version: number = LINK_VERSION,
): LinkDataResult {
  let data: unknown;
  try {
    data = readJsonText(json);
  } catch (error) {
    const { message, path } = error as ScenarioError;
    return linkRefused(
      path === '' && message.startsWith('not valid JSON')
        ? 'it is truncated or damaged (its data is not valid JSON).'
        : `${message}.`,
    );
  }
  if (!isRecord(data)) return linkRefused('its data is not a lab state.');
  let current: Record<string, unknown> = data;
  for (let v = linkVersion; v < version; v++) {
    const migrate = migrations[v];
    if (migrate === undefined) return linkRefused(`there is no upgrade from link format ${v}.`);
    try {
      current = migrate(current);
      checkJsonValue(current);
    } catch (error) {
      return linkRefused(
        `it could not be upgraded from link format ${v} (${(error as Error).message}).`,
      );
    }
  }
  try {
    return { ok: true, state: readState(current) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return linkRefused(`${message}${/[.!?]$/.test(message) ? '' : '.'}`);
  }
}

/**
 * The parts of a link besides the scenario, checked by one schema (the scenario has its own,
 * with messages that name its fields). Each part names itself in a message.
 */
const linkSchema = lazySchema(() =>
  z.strictObject(
    {
      scenario: z.optional(z.unknown()),
      t: z.optional(
        z
          .number({ error: 'its time must be a number of ms' })
          .check(
            z.minimum(0, { error: 'its time must be between 0 and 30 days in ms' }),
            z.maximum(MAX_DURATION_MS, { error: 'its time must be between 0 and 30 days in ms' }),
          ),
      ),
      mode: z.optional(
        z.enum(MODES, {
          error: (issue) =>
            `its mode must be one of ${MODES.map((m) => `"${m}"`).join(', ')}, got ${describeValue(issue.input)}`,
        }),
      ),
      compare: z.optional(compareSchema()),
      sweep: z.optional(sweepSchema()),
      speed: z.optional(
        z.union(
          SPEEDS.map((speed) => z.literal(speed)),
          {
            error: (issue) =>
              `its speed must be one of ${SPEEDS.map((s) => JSON.stringify(s)).join(', ')}, got ${describeValue(issue.input)}`,
          },
        ),
      ),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `it has an unknown part ${describeValue(issue.keys[0])}`
          : 'its data is not a lab state',
    },
  ),
);

function readState(data: Record<string, unknown>): LinkState {
  const result = linkSchema().safeParse(data, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [part, ...inner] = issue.path;
    // The field inside a comparison or a sweep, as a scenario error names one: `series[0].label`.
    const field = inner
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
      .join('');
    const message =
      part === 'compare' || part === 'sweep'
        ? `its ${part === 'compare' ? 'comparison' : 'sweep'} is invalid: ${field === '' ? '' : `\`${field}\`: `}${issue.message}`
        : issue.message;
    throw new Error(message);
  }
  const link = result.data;
  // `null` is no scenario: only an absent one means the defaults.
  const scenario = parseScenario(link.scenario === undefined ? {} : link.scenario);
  const compare = link.compare ?? compareDefaults;
  withSettings(scenario, compare.set); // throws naming the bad setting of B
  const sweep = (link.sweep as SweepConfig | undefined) ?? sweepDefaults;
  try {
    checkSweepSeries(scenario, sweep);
  } catch (error) {
    if (error instanceof ScenarioError) throw new Error(`its sweep is invalid: ${error.message}.`);
    throw error;
  }
  return {
    scenario,
    atMs: link.t ?? 0,
    mode: link.mode ?? 'live',
    compare: compare as CompareConfig,
    sweep,
    ...(link.speed === undefined ? {} : { speed: link.speed }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
