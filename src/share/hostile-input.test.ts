/**
 * The audit of issue 13, kept as property tests: generated hostile scenario files and links —
 * deep nesting, huge keys and values, numbers JSON cannot hold, keys given twice, and every range
 * edge ± 1 of every setting of the registry, in a file and in a timeline — each get a short
 * message or a scenario, never a throw, at a cost bounded in work (steps counted by the readers:
 * characters scanned, nodes visited, edit-distance cells), not in wall time. A failure prints
 * fast-check's seed and path, to replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type NumberSetting,
  parseScenario,
  ScenarioError,
  SETTABLE_PATHS,
  type SettablePath,
  settingOf,
} from '../core';
import { MAX_MESSAGE_CHARS } from '../core/scenario-error';
import { inputWork } from '../core/work';
import { deflateToUrl } from './compression';
import { decodeLink } from './link';

/** Steps a reader may take: a few per character of its input, and a bounded rest. */
const budget = (text: string) => 3 * text.length + 200_000;

/** A place in the JSON text, filled with raw text later (so it can be anything, valid or not). */
const HOLE = '\u0000hole\u0000';
const fill = (json: string, raw: string) => json.replace(JSON.stringify(HOLE), () => raw);

/** `{a: {b: value}}` for the path `a.b`. */
function nestedAt(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<
    string,
    unknown
  >;
}

/** Raw JSON values no reader should choke on. */
const hostileValue: fc.Arbitrary<string> = fc.oneof(
  // Nesting, lists and objects, up to 50,000 deep.
  fc
    .tuple(fc.integer({ min: 1, max: 50_000 }), fc.boolean())
    .map(([depth, list]) =>
      list
        ? '['.repeat(depth) + ']'.repeat(depth)
        : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    ),
  // Long strings, long lists, huge keys.
  fc.integer({ min: 0, max: 200_000 }).map((n) => JSON.stringify('v'.repeat(n))),
  fc.integer({ min: 0, max: 50_000 }).map((n) => `[${'1,'.repeat(n)}1]`),
  fc.integer({ min: 1, max: 200_000 }).map((n) => `{${JSON.stringify('k'.repeat(n))}: 1}`),
  // Numbers JSON cannot hold, keys twice, odd but valid values.
  fc.constantFrom('1e309', '-1e400', '1E+999', '-0', '5e-324', '1.7976931348623157e308'),
  fc.constantFrom(
    '{"a":1,"a":2}',
    '{"\\u0061":1,"a":2}',
    '[]',
    '{}',
    'null',
    'true',
    '"__proto__"',
  ),
);

/** Where a hostile value goes: a known field, a setting in a timeline, text, an unknown key. */
const hostilePlace: fc.Arbitrary<(raw: string) => string> = fc.oneof(
  fc
    .constantFrom(...SETTABLE_PATHS, 'seed', 'durationMs', 'version', 'meta.title', 'timeline')
    .map((path) => (raw: string) => fill(JSON.stringify(nestedAt(path, HOLE)), raw)),
  fc
    .constantFrom(...SETTABLE_PATHS)
    .map(
      (path) => (raw: string) =>
        fill(JSON.stringify({ timeline: [{ atMs: 1, set: { [path]: HOLE } }] }), raw),
    ),
  fc
    .tuple(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom('', 'relay', 'relay.retry'))
    .map(([length, where]) => (raw: string) => {
      const key = 'x'.repeat(length);
      const json = JSON.stringify(
        where === '' ? { [key]: HOLE } : nestedAt(`${where}.${key}`, HOLE),
      );
      return fill(json, raw);
    }),
  fc.constant(
    (raw: string) =>
      `\uFEFF${fill(JSON.stringify({ meta: { title: 't', comparisons: [{ label: 'b', set: { 'relay.workers': HOLE }, better: 'a', headline: 'goodput' }] } }), raw)}`,
  ),
);

/** Every range edge ± 1 (and a step off a whole number) of every setting, and wrong words. */
function edgesOf(path: SettablePath): unknown[] {
  const setting = settingOf(path);
  switch (setting.type) {
    case 'switch':
      return [true, false, 'true', 0, null];
    case 'choice':
      return [...setting.options.map((o) => o.value), 'bogus', '', 1];
    case 'number': {
      const { min, max, integer, sentinel } = setting as NumberSetting<string>;
      const edges: unknown[] = [min - 1, min, max, max + 1, '1', null];
      if (integer) edges.push(min + 0.5, max - 0.5);
      else edges.push(min - 1e-9, max + 1e-9);
      if (sentinel !== undefined) edges.push(sentinel, sentinel.toUpperCase());
      return edges;
    }
  }
}

const edgeCase = fc
  .constantFrom(...SETTABLE_PATHS)
  .chain((path) => fc.tuple(fc.constant(path), fc.constantFrom(...edgesOf(path)), fc.boolean()))
  .map(([path, value, inTimeline]) =>
    JSON.stringify(
      inTimeline ? { timeline: [{ atMs: 5, set: { [path]: value } }] } : nestedAt(path, value),
    ),
  );

/** Reads `text` as a file: the message of its refusal, or null when it is a scenario. */
function readFile(text: string): string | null {
  try {
    parseScenario(text);
    return null;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error; // any other throw fails the property
    return error.message;
  }
}

/** Checks one hostile file: a message or a scenario, within budget; counts what it got. */
function checkFile(text: string, tally: { refused: number; read: number }): void {
  inputWork.steps = 0;
  const message = readFile(text);
  expect(inputWork.steps).toBeLessThanOrEqual(budget(text));
  if (message === null) tally.read++;
  else {
    tally.refused++;
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  }
}

describe('issue 13: hostile scenario files and links (the audit, as property tests)', () => {
  it('reads every range edge ± 1 of every setting, in a file or a timeline, to a scenario or a message', () => {
    const tally = { refused: 0, read: 0 };
    fc.assert(
      fc.property(edgeCase, (text) => checkFile(text, tally)),
      { numRuns: 600 },
    );
    // Both branches are reached often: the edges are refused as often as they are read.
    expect(tally.refused).toBeGreaterThan(150);
    expect(tally.read).toBeGreaterThan(150);
  });

  it('answers a hostile file with a short message, never a throw, within its budget in work', () => {
    const tally = { refused: 0, read: 0 };
    fc.assert(
      fc.property(hostilePlace, hostileValue, (place, raw) => checkFile(place(raw), tally)),
      { numRuns: 300 },
    );
    expect(tally.refused).toBeGreaterThan(200);
  });

  it('answers a hostile link with a message, never a rejection, within its budget in work', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostilePlace, hostileValue, async (place, raw) => {
        const json = `{"scenario":${place(raw).replace(/^\uFEFF/, '')}}`;
        const fragment = `#s=1.${await deflateToUrl(json)}`;
        inputWork.steps = 0;
        const read = await decodeLink(fragment);
        expect(inputWork.steps).toBeLessThanOrEqual(budget(json));
        if (read.ok === false) {
          refused++;
          expect(read.message).toMatch(/^This link cannot be opened: /);
          expect(read.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 100);
        } else expect(read.ok).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeGreaterThan(100);
  });
});
