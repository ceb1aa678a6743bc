/**
 * Shareable links: the whole state of the lab — scenario with its timeline, the virtual time it
 * was shared at, the mode, the comparison and the sweep — in the URL's fragment, compressed and
 * versioned: `#s=<version>.<deflate, base64url>`. Only what differs from the defaults is written.
 * A state too large for a link is said so when sharing, and a link too large to open is said so
 * when opening (issue 13.5). Reading never throws: a bad, truncated or newer link gives a message
 * naming the problem; the link's data is read by `readLinkData` (in the core, so the page can
 * read it in a worker). A format change bumps `LINK_VERSION` and adds a migration from the old
 * version, so old links keep working.
 */
import {
  compareDefaults,
  defaultScenario,
  groupedNumber,
  LINK_VERSION,
  type LinkDataResult,
  type LinkState,
  linkRefused,
  MIGRATIONS,
  type Migration,
  readLinkData,
  sweepDefaults,
} from '../core';

/** The compression loads with the first link made or read (the page starts without it). */
const compression = () => import('./compression');

export {
  LINK_VERSION,
  type LinkState,
  MIGRATIONS,
  type Migration,
  MODES,
  type Mode,
} from '../core';

/**
 * Longest link the lab writes, in characters of its fragment: browsers take longer addresses
 * (Chromium 2 MB), but mail, chat and address bars cut or refuse them long before.
 */
export const MAX_LINK_CHARS = 100_000;

/** Deepest the link's `difference` walks: a parsed state is at most 4 levels deep. */
const MAX_DIFFERENCE_DEPTH = 8;

/**
 * The parts of `value` that differ from `defaults` (objects compared field by field, down to
 * `MAX_DIFFERENCE_DEPTH` levels; deeper, whole).
 */
export function difference(value: unknown, defaults: unknown, depth = 0): unknown {
  if (isRecord(value) && isRecord(defaults) && depth < MAX_DIFFERENCE_DEPTH) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const d = difference(v, defaults[key], depth + 1);
      if (d !== undefined) out[key] = d;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return JSON.stringify(value) === JSON.stringify(defaults) ? undefined : value;
}

/** A link made: its fragment (with `#`), or why the state is too large for one. */
export type EncodedLink = { ok: true; fragment: string } | { ok: false; message: string };

/** The link to `state`, or why there can be none: a state too large for a link. */
export async function encodeLink(state: LinkState): Promise<EncodedLink> {
  const data: Record<string, unknown> = {
    scenario: difference(state.scenario, defaultScenario()) ?? {},
  };
  if (state.atMs > 0) data.t = state.atMs;
  if (state.mode !== 'live') data.mode = state.mode;
  if (state.speed !== undefined) data.speed = state.speed;
  // Whole, when not the defaults (a B with no settings differs from the default B, yet has no
  // field that differs).
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(state.compare, compareDefaults)) data.compare = state.compare;
  if (!same(state.sweep, sweepDefaults)) data.sweep = state.sweep;
  const json = JSON.stringify(data);
  const { deflateToUrl, MAX_INFLATED_BYTES } = await compression();
  const bytes = new TextEncoder().encode(json).byteLength;
  const entries = state.scenario.timeline.length;
  const why = entries >= 1000 ? ` (its timeline has ${groupedNumber(entries)} entries)` : '';
  const tooLarge = (what: string): EncodedLink => ({
    ok: false,
    message: `This run is too large for a link: ${what}${why}. Export the scenario as a file instead (Files ▾ → Export scenario); the file opens it.`,
  });
  if (bytes > MAX_INFLATED_BYTES) {
    return tooLarge(
      `its state is ${(bytes / 1024 / 1024).toFixed(1)} MiB, and a link holds at most ${MAX_INFLATED_BYTES / 1024 / 1024} MiB`,
    );
  }
  const fragment = `#s=${LINK_VERSION}.${await deflateToUrl(json)}`;
  if (fragment.length > MAX_LINK_CHARS) {
    return tooLarge(
      `its link would be ${groupedNumber(fragment.length)} characters long, and links are at most ${groupedNumber(MAX_LINK_CHARS)}`,
    );
  }
  return { ok: true, fragment };
}

/** The result of reading a link. */
export type LinkResult = LinkDataResult | { ok: 'none' };

/** Reads a link's decompressed JSON of format `linkVersion`: the page does it in a worker. */
export type LinkReader = (json: string, linkVersion: number) => Promise<LinkDataResult>;

/** The link format version: a canonical decimal number (no `0x1`, `01` or `1e0`). */
const VERSION = /^[1-9][0-9]{0,8}$/;

/**
 * Reads the fragment of a link (`#s=…`; anything else is no link). Never rejects. `read` reads
 * the data once decompressed (by default here, with `migrations` up to `version`).
 */
export async function decodeLink(
  fragment: string,
  migrations: Record<number, Migration> = MIGRATIONS,
  version: number = LINK_VERSION,
  read: LinkReader = async (json, linkVersion) =>
    readLinkData(json, linkVersion, migrations, version),
): Promise<LinkResult> {
  const match = /^#?s=(.*)$/s.exec(fragment);
  if (match === null) return { ok: 'none' };
  const body = match[1]!;
  const dot = body.indexOf('.');
  const versionText = dot > 0 ? body.slice(0, dot) : '';
  if (!VERSION.test(versionText)) {
    return linkRefused('it does not start with a format version (expected "#s=1.…").');
  }
  const linkVersion = Number(versionText);
  if (linkVersion > version) {
    return linkRefused(
      `it was made by a newer version of the lab (link format ${linkVersion}; this one reads up to ${version}).`,
    );
  }
  const { InflatedTooLargeError, inflateFromUrl, MAX_INFLATED_BYTES } = await compression();
  let json: string;
  try {
    json = await inflateFromUrl(body.slice(dot + 1));
  } catch (error) {
    return linkRefused(
      error instanceof InflatedTooLargeError
        ? `it is too large: its data is over ${MAX_INFLATED_BYTES / 1024 / 1024} MiB, more than a link may hold (ask for the scenario file instead).`
        : 'it is truncated or damaged (its data does not decompress).',
    );
  }
  try {
    return await read(json, linkVersion);
  } catch {
    return linkRefused('the lab could not read it (its reader stopped).');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
