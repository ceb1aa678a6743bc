/**
 * The wording of scenario errors, built from zod's public issue data (code, input, keys): one
 * phrase per schema ("expected X, got Y", "missing; expected X", "unknown field; did you mean
 * …"), so a message never depends on zod's internals. Every part of a message that comes from
 * the input is cut short, and describing or matching it costs a bounded amount of work
 * whatever its size or depth (issue 13.4).
 */
import { z } from 'zod/mini';
import { countWork } from './work';

// No generated code: the page's Content-Security-Policy forbids eval, and zod's probe for it
// (a caught `new Function`) would still be reported as a violation (issue 13.7). Set before any
// schema is built: every schema module imports this one.
z.config({ jitless: true });

/** Longest text of an input value, or of a key, shown in a message. */
export const MAX_SHOWN_CHARS = 40;
/** Longest name the "did you mean" search compares; a longer one is near no known name. */
export const MAX_SUGGESTED_NAME_CHARS = 64;

/** `text`, cut to at most `max` characters, ending in "..." when cut. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** The part of a zod issue an error message may use. */
interface IssueData {
  readonly code?: string;
  readonly input?: unknown;
  readonly keys?: readonly string[];
}

/** An error option for a schema that expects `what`: says what it got, or that it is missing. */
export function expected(what: string): (issue: IssueData) => string {
  return (issue) =>
    issue.input === undefined
      ? `missing; expected ${what}`
      : `expected ${what}, got ${describeValue(issue.input)}`;
}

/**
 * A schema built on its first use, not when its module loads: zod builds schemas in tens of ms
 * all told, which would otherwise be part of the page's start.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

/**
 * An object that refuses unknown keys, naming the nearest known one. `unknownKey` may word the
 * message for a key it recognizes (e.g. another timeline action's field), or return null.
 */
export function strictObject<T extends Record<string, z.ZodMiniType>>(
  shape: T,
  what: string,
  unknownKey: (key: string) => string | null = () => null,
) {
  const known = Object.keys(shape);
  const wrongType = expected(what);
  return z.strictObject(shape, {
    error: (issue: IssueData) => {
      if (issue.code !== 'unrecognized_keys') return wrongType(issue);
      const key = issue.keys?.[0] ?? '';
      return (
        unknownKey(key) ??
        `unknown field${suggest(key, known)}${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`
      );
    },
  });
}

/**
 * Describes a bad value for an error message, briefly: at most `MAX_SHOWN_CHARS` characters of
 * its JSON, written from as few of its nodes as that takes (so a value nested a million deep, or
 * a string of megabytes, costs no more than a short one). A number JSON cannot hold is "a number
 * too large".
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return tooLarge(value);
  const out = { text: '' };
  preview(value, out, MAX_SHOWN_CHARS + 1);
  return cut(out.text, MAX_SHOWN_CHARS);
}

function tooLarge(value: number): string {
  return Number.isNaN(value) ? 'NaN' : `a number too large (${value})`;
}

/** Appends the JSON of `value` to `out` until it holds `limit` characters. */
function preview(value: unknown, out: { text: string }, limit: number): void {
  countWork(1);
  if (out.text.length >= limit) return;
  if (typeof value === 'string') out.text += JSON.stringify(value.slice(0, limit));
  else if (typeof value === 'number') out.text += Number.isFinite(value) ? String(value) : 'null';
  else if (Array.isArray(value)) {
    out.text += '[';
    for (let i = 0; i < value.length && out.text.length < limit; i++) {
      if (i > 0) out.text += ',';
      preview(value[i], out, limit);
    }
    out.text += ']';
  } else if (typeof value === 'object' && value !== null) {
    out.text += '{';
    let first = true;
    for (const key in value) {
      if (out.text.length >= limit) break;
      if (!Object.hasOwn(value, key)) continue;
      out.text += `${first ? '' : ','}${JSON.stringify(key.slice(0, limit))}:`;
      first = false;
      preview((value as Record<string, unknown>)[key], out, limit);
    }
    out.text += '}';
  } else out.text += String(value ?? null);
}

/**
 * A path for a message: `relay.workers`, `timeline[3].set["relay.workers"]`. A key that is not
 * a short plain name is quoted in brackets, cut to `MAX_SHOWN_CHARS`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      if (key.length > MAX_SHOWN_CHARS || !/^[A-Za-z][A-Za-z0-9]*$/.test(key)) {
        out += formatKey(key);
      } else out += out === '' ? key : `.${key}`;
    }
  }
  return out;
}

/** A key as a message shows it in brackets, quoted and cut: `["relay.workers"]`. */
export function formatKey(key: string): string {
  return `[${JSON.stringify(cut(key, MAX_SHOWN_CHARS))}]`;
}

/**
 * "; did you mean `x`?" for the candidate nearest `name`, or '' when none is near. A name longer
 * than `MAX_SUGGESTED_NAME_CHARS` is near none: the search never runs over a huge key.
 */
export function suggest(name: string, candidates: readonly string[]): string {
  if (name.length > MAX_SUGGESTED_NAME_CHARS) return '';
  let best = '';
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    // The distance is at least the difference in length: no need to compute it.
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === '' ? '' : `; did you mean \`${best}\`?`;
}

function editDistance(a: string, b: string): number {
  countWork(a.length * b.length);
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
