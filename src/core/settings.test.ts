import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, parseSettable, setField } from './scenario';
import { defaultScenario } from './scenario-schema';
import {
  COMPARE_PATHS,
  GROUPS,
  type NumberSetting,
  SETTABLE_PATHS,
  SETTINGS,
  type SettablePath,
  SWEEP_PATHS,
  settingOf,
  whyNotSwept,
} from './settings';
import { settableArbitrary, TEST_CAPS } from './test-arbitraries';

const numbers = SETTABLE_PATHS.filter((p) => settingOf(p).type === 'number').map(
  (p) => [p, settingOf(p) as NumberSetting<string>] as const,
);

/** The value at a dotted path of a parsed scenario. */
function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], value);
}

describe('the settings registry', () => {
  it('is the scenario schema: every path is in a parsed file, at its default', () => {
    const defaults = parseScenario({});
    for (const path of SETTABLE_PATHS) {
      expect({ path, value: at(defaults, path) }).toEqual({ path, value: settingOf(path).default });
    }
    // What the page starts with, built without zod, is exactly what `{}` parses to.
    expect(defaultScenario()).toStrictEqual(defaults);
  });

  it('gives every setting a group, a label and a one-line hint', () => {
    for (const path of SETTABLE_PATHS) {
      const { group, label, hint } = settingOf(path);
      expect(Object.keys(GROUPS)).toContain(group);
      expect(label.length).toBeGreaterThan(2);
      expect(hint).toMatch(/^[A-Z0-9].{10,140}\.$/);
      expect(hint).not.toContain('\n');
    }
  });

  it('accepts its own defaults and every end of its ranges, and refuses one step beyond', () => {
    for (const [path, s] of numbers) {
      if (s.default !== undefined) expect(parseSettable(path, s.default)).toBe(s.default);
      expect(parseSettable(path, s.min)).toBe(s.min);
      expect(parseSettable(path, s.max)).toBe(s.max);
      const step = s.integer ? 1 : Math.max(1e-9, s.max * 1e-9);
      expect(() => parseSettable(path, s.min - step)).toThrow(/expected/);
      expect(() => parseSettable(path, s.max + step)).toThrow(/expected/);
      if (s.sentinel !== undefined) expect(parseSettable(path, s.sentinel)).toBe(s.sentinel);
    }
  });

  it("keeps the page's range within the file's, and says why where it is narrower", () => {
    for (const [path, s] of numbers) {
      const { page } = s;
      expect({
        path,
        inside: page.min >= s.min && page.max <= s.max && page.min < page.max,
      }).toEqual({
        path,
        inside: true,
      });
      const narrower = page.min > s.min || page.max < s.max || page.follows !== undefined;
      // A reason where the page offers less; none where it offers all (it would be stale).
      expect({ path, reason: page.narrower !== undefined }).toEqual({ path, reason: narrower });
      if (page.scale === 'log')
        expect(page.max / Math.max(page.min, page.step ?? 1)).toBeGreaterThan(10);
    }
  });

  it('offers every setting to a comparison, and every number to a sweep, unless it says why not', () => {
    for (const path of SETTABLE_PATHS) {
      const s = settingOf(path);
      expect(COMPARE_PATHS.includes(path)).toBe(s.notInExperiments === undefined);
      const why = whyNotSwept(path);
      expect(SWEEP_PATHS.includes(path)).toBe(why === null);
      if (s.type === 'number' && why !== null) expect(s.noSweep ?? s.notInExperiments).toBe(why);
    }
    expect(SWEEP_PATHS.length).toBeGreaterThan(8);
  });

  it('computes, for a setting whose page range follows another, a range inside the page range', () => {
    const read = (p: string) => at(parseScenario({ downstream: { latency: { meanMs: 80 } } }), p);
    for (const [, s] of numbers) {
      const follows = s.page.follows?.(read);
      if (follows === undefined) continue;
      expect(follows.min).toBeLessThan(follows.max);
    }
  });
});

describe('the test arbitraries', () => {
  it('draw live changes of every settable path, each one valid', () => {
    const seen = new Set<string>();
    const config = structuredClone(parseScenario({}));
    for (const change of fc.sample(settableArbitrary, { numRuns: 2000, seed: 7 })) {
      for (const [path, value] of Object.entries(change)) {
        seen.add(path);
        setField(config, path as SettablePath, parseSettable(path, value));
      }
    }
    expect([...seen].sort()).toEqual([...SETTABLE_PATHS].sort());
  });

  it('bound every unit the registry uses', () => {
    for (const [, s] of numbers) expect(Object.keys(TEST_CAPS)).toContain(s.unit);
    expect(Object.keys(SETTINGS).length).toBe(SETTABLE_PATHS.length);
  });
});
