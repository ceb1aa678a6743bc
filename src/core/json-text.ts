/**
 * Reading JSON from outside the lab (a scenario file, a link's data) at a cost bounded by its
 * size (issue 13.4). Before `JSON.parse`, one pass over the text refuses what `JSON.parse` would
 * take slowly or silently: nesting deeper than `MAX_JSON_DEPTH` (a million levels take it a
 * second, and nothing can describe or copy them after), a key given twice in one object (it
 * would keep the last without a word) and a number too large for a double (it would make it
 * `Infinity`, which JSON cannot even write back). A UTF-8 byte-order mark is dropped.
 */
import { cut, formatPath, MAX_SHOWN_CHARS } from './messages';
import { ScenarioError } from './scenario-error';
import { countWork } from './work';

/**
 * Deepest nesting of objects and lists read. A scenario is at most 5 levels deep (its
 * comparisons' settings), a link's data 6.
 */
export const MAX_JSON_DEPTH = 20;

/** A key a value may not have: `JSON.parse` makes it an own key, which records would drop. */
const PROTO_KEY = '__proto__';

/** Where the text scan stands in one object or list. */
interface Frame {
  /** The keys seen so far in an object; null for a list. */
  readonly keys: Set<string> | null;
  /** The current key, or index in a list. */
  at: string | number;
  /** In an object, true where a key comes next. */
  expectKey: boolean;
}

/**
 * The value of the JSON `text`; throws a `ScenarioError` naming the place of the first problem,
 * or saying why it is not JSON.
 */
export function readJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const problem = scanJson(body);
  if (problem !== null) throw new ScenarioError(problem.path, problem.message);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new ScenarioError('', `not valid JSON (${cut((error as Error).message, 120)})`);
  }
  checkJsonValue(value);
  return value;
}

type Problem = { path: string; message: string };

const pathOf = (stack: readonly Frame[]) => formatPath(stack.map((frame) => frame.at));

/**
 * The first problem of `text` that `JSON.parse` would not report, or null. Text that is not JSON
 * is left for `JSON.parse` to explain. One step per character.
 */
function scanJson(text: string): Problem | null {
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  try {
    while (i < n) {
      const c = text.charCodeAt(i);
      const top = stack.at(-1);
      if (c === 0x7b || c === 0x5b) {
        // { or [
        if (stack.length >= MAX_JSON_DEPTH) {
          return {
            path: cut(pathOf(stack), 120),
            message: `nested more than ${MAX_JSON_DEPTH} levels deep; nothing in a scenario or a link is nested so deep`,
          };
        }
        stack.push(
          c === 0x7b
            ? { keys: new Set(), at: '', expectKey: true }
            : { keys: null, at: 0, expectKey: false },
        );
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        stack.pop();
        i++;
      } else if (c === 0x2c) {
        // ,
        if (top?.keys === null) top.at = (top.at as number) + 1;
        else if (top !== undefined) top.expectKey = true;
        i++;
      } else if (c === 0x3a) {
        // :
        if (top !== undefined) top.expectKey = false;
        i++;
      } else if (c === 0x22) {
        // "
        const end = endOfString(text, i);
        if (end < 0) return null;
        if (top?.keys != null && top.expectKey) {
          const raw = text.slice(i + 1, end);
          const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
          top.at = key;
          if (top.keys.has(key)) {
            return {
              path: pathOf(stack),
              message: 'given twice in one object; JSON would keep only the last, so remove one',
            };
          }
          top.keys.add(key);
        }
        i = end + 1;
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        // - or a digit: a number
        let j = i + 1;
        while (j < n && isNumberChar(text.charCodeAt(j))) j++;
        const literal = text.slice(i, j);
        const value = Number(literal);
        if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
          return {
            path: pathOf(stack),
            message: `got a number too large (${cut(literal, MAX_SHOWN_CHARS)})`,
          };
        }
        i = j;
      } else i++; // blanks, the letters of true, false and null; anything else JSON.parse judges
    }
  } catch {
    return null; // a key JSON.parse cannot read: it will say so
  } finally {
    countWork(i);
  }
  return null;
}

function isNumberChar(c: number): boolean {
  // digits . e E + -
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d
  );
}

/** The index of the quote that ends the string opening at `start`, or -1. */
function endOfString(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c)
      j++; // a backslash escapes the next character
    else if (c === 0x22) return j;
  }
  return -1;
}

/** A node of a value being checked, with the way back to the root for messages. */
interface Node {
  readonly value: unknown;
  readonly parent: Node | null;
  readonly key: PropertyKey;
  readonly depth: number;
}

function pathTo(node: Node): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Node | null = node; at?.parent != null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Checks a value read from outside (parsed JSON, or an object a script hands in): no object or
 * list nested deeper than `MAX_JSON_DEPTH`, and no `__proto__` key anywhere. One step per node
 * (an object met twice is checked once); throws a `ScenarioError` naming the place.
 */
export function checkJsonValue(value: unknown): void {
  const stack: Node[] = [{ value, parent: null, key: '', depth: 0 }];
  const seen = new WeakSet<object>();
  let steps = 0;
  try {
    while (stack.length > 0) {
      const node = stack.pop()!;
      steps++;
      const { value: item, depth } = node;
      if (typeof item !== 'object' || item === null || seen.has(item)) continue;
      seen.add(item);
      if (depth >= MAX_JSON_DEPTH) {
        throw new ScenarioError(
          cut(formatPath(pathTo(node)), 120),
          `nested more than ${MAX_JSON_DEPTH} levels deep; nothing in a scenario or a link is nested so deep`,
        );
      }
      if (Array.isArray(item)) {
        for (let i = item.length - 1; i >= 0; i--) {
          stack.push({ value: item[i], parent: node, key: i, depth: depth + 1 });
        }
        continue;
      }
      if (Object.hasOwn(item, PROTO_KEY)) {
        throw new ScenarioError(
          formatPath([...pathTo(node), PROTO_KEY]),
          'not a field a scenario or a link can have',
        );
      }
      for (const key of Object.keys(item)) {
        stack.push({
          value: (item as Record<string, unknown>)[key],
          parent: node,
          key,
          depth: depth + 1,
        });
      }
    }
  } finally {
    countWork(steps);
  }
}
