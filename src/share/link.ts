/**
 * Shareable links: the whole state of the lab — scenario with its timeline, the virtual time it
 * was shared at, the mode, the comparison and the sweep — in the URL's fragment, compressed and
 * versioned: `#s=<version>.<deflate, base64url>`. Only what differs from the defaults is written.
 * Reading never throws: a bad, truncated or newer link gives a message naming the problem.
 * A format change bumps `LINK_VERSION` and adds a migration from the old version, so old links
 * keep working.
 */
import { z } from 'zod/mini';
import {
  type CompareConfig,
  checkSweepSeries,
  compareDefaults,
  compareSchema,
  describeValue,
  MAX_DURATION_MS,
  parseScenario,
  type Scenario,
  ScenarioError,
  type SweepConfig,
  sweepDefaults,
  sweepSchema,
  withSettings,
} from '../core';
import { deflateToUrl, inflateFromUrl } from './compression';

/** What the page shows: the live run, a comparison or a sweep. */
export const MODES = ['live', 'compare', 'sweep'] as const;
/** One of `MODES`. */
export type Mode = (typeof MODES)[number];

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
}

/** Upgrades the data of link version n to version n + 1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** Migrations by the version they upgrade from. None yet: version 1 is the first. */
export const MIGRATIONS: Record<number, Migration> = {};

const DEFAULT_SCENARIO = parseScenario({});

/** The parts of `value` that differ from `defaults` (objects compared field by field). */
export function difference(value: unknown, defaults: unknown): unknown {
  if (isRecord(value) && isRecord(defaults)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const d = difference(v, defaults[key]);
      if (d !== undefined) out[key] = d;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return JSON.stringify(value) === JSON.stringify(defaults) ? undefined : value;
}

/** The fragment (with `#`) of a link to `state`. */
export async function encodeLink(state: LinkState): Promise<string> {
  const data: Record<string, unknown> = {
    scenario: difference(state.scenario, DEFAULT_SCENARIO) ?? {},
  };
  if (state.atMs > 0) data.t = state.atMs;
  if (state.mode !== 'live') data.mode = state.mode;
  // Whole, when not the defaults (a B with no settings differs from the default B, yet has no
  // field that differs).
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(state.compare, compareDefaults)) data.compare = state.compare;
  if (!same(state.sweep, sweepDefaults)) data.sweep = state.sweep;
  return `#s=${LINK_VERSION}.${await deflateToUrl(JSON.stringify(data))}`;
}

/** The result of reading a link. */
export type LinkResult =
  | { ok: true; state: LinkState }
  | { ok: false; message: string }
  | { ok: 'none' };

/** Reads the fragment of a link (`#s=…`; anything else is no link). Never rejects. */
export async function decodeLink(
  fragment: string,
  migrations: Record<number, Migration> = MIGRATIONS,
  version: number = LINK_VERSION,
): Promise<LinkResult> {
  const match = /^#?s=(.*)$/s.exec(fragment);
  if (match === null) return { ok: 'none' };
  const failed = (why: string): LinkResult => ({
    ok: false,
    message: `This link cannot be opened: ${why}`,
  });
  const body = match[1]!;
  const dot = body.indexOf('.');
  const linkVersion = dot > 0 ? Number(body.slice(0, dot)) : Number.NaN;
  if (!Number.isInteger(linkVersion) || linkVersion < 1) {
    return failed('it does not start with a format version (expected "#s=1.…").');
  }
  if (linkVersion > version) {
    return failed(
      `it was made by a newer version of the lab (link format ${linkVersion}; this one reads up to ${version}).`,
    );
  }
  let json: string;
  try {
    json = await inflateFromUrl(body.slice(dot + 1));
  } catch {
    return failed('it is truncated or damaged (its data does not decompress).');
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return failed('it is truncated or damaged (its data is not valid JSON).');
  }
  if (!isRecord(data)) return failed('its data is not a lab state.');
  let current: Record<string, unknown> = data;
  for (let v = linkVersion; v < version; v++) {
    const migrate = migrations[v];
    if (migrate === undefined) return failed(`there is no upgrade from link format ${v}.`);
    try {
      current = migrate(current);
    } catch (error) {
      return failed(
        `it could not be upgraded from link format ${v} (${(error as Error).message}).`,
      );
    }
  }
  try {
    return { ok: true, state: readState(current) };
  } catch (error) {
    if (error instanceof ScenarioError) return failed(`${error.message}.`);
    return failed((error as Error).message);
  }
}

/**
 * The parts of a link besides the scenario, checked by one schema (the scenario has its own,
 * with messages that name its fields). Each part names itself in a message.
 */
const linkSchema = z.strictObject(
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
    compare: z.optional(compareSchema),
    sweep: z.optional(sweepSchema),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `it has an unknown part "${issue.keys[0]}"`
        : 'its data is not a lab state',
  },
);

function readState(data: Record<string, unknown>): LinkState {
  const result = linkSchema.safeParse(data, { reportInput: true });
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
    throw new Error(`${message}${/[.!?]$/.test(message) ? '' : '.'}`);
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
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
