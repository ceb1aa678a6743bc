/**
 * The wording of scenario errors, built from zod's public issue data (code, input, keys): one
 * phrase per schema ("expected X, got Y", "missing; expected X", "unknown field; did you mean
 * …"), so a message never depends on zod's internals.
 */
import { z } from 'zod/mini';

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

/** Describes a bad value for an error message, briefly. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** "; did you mean `x`?" for the candidate nearest `name`, or '' when none is near. */
export function suggest(name: string, candidates: readonly string[]): string {
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
