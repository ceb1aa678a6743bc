import { describe, expect, it } from 'vitest';
import { describeValue, MAX_SHOWN_CHARS, suggest } from './messages';
import { parseScenario, ScenarioError } from './scenario';
import { SETTABLE_PATHS } from './settings';
import { inputWork } from './work';

/** The error `parseScenario` gives `input` (fails when it gives none or throws another kind). */
function refusal(input: unknown): ScenarioError {
  try {
    parseScenario(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return error as ScenarioError;
  }
  throw new Error('expected a refusal');
}

/** What `run` returns and the input work it counted. */
function measured<T>(run: () => T): { result: T; steps: number } {
  inputWork.steps = 0;
  const result = run();
  return { result, steps: inputWork.steps };
}

/** `[[[…]]]` nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('issue 13.4: parsing cost bounded by the input', () => {
  it('refuses a value nested 5,000 deep by naming it, at once, with no stack overflow', () => {
    const text = `{"seed": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const { result, steps } = measured(() => refusal(text));
    expect(result.message).toMatch(/^`seed\[0\](\[0\])+`: nested more than 20 levels deep/);
    // The scan stops at the 21st level: it never reads the rest.
    expect(steps).toBeLessThan(100);
  });

  it('refuses 1.9 M levels (the link that froze the page) in the same few steps', () => {
    const depth = 1_900_000;
    const text = `{"seed": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const { result, steps } = measured(() => refusal(text));
    expect(result.message).toMatch(/nested more than 20 levels deep/);
    expect(steps).toBeLessThan(100);
  });

  it('refuses a deep object handed in by a script, and a cycle, naming where', () => {
    expect(refusal({ seed: nested(5000) }).path).toMatch(/^seed(\[0\])+$/);
    const cycle: Record<string, unknown> = { atMs: 1 };
    cycle.set = { 'relay.workers': cycle };
    const { result, steps } = measured(() => refusal({ timeline: [cycle] }));
    expect(result.message).toMatch(
      /^`timeline\[0\]\.set\["relay\.workers"\]`: expected an integer .*, got \{"atMs":1,"set":\{"rel.*\.\.\.$/,
    );
    expect(steps).toBeLessThan(1000);
  });

  it('answers a 3.9 MB unknown key with a short message, never searching over the key', () => {
    const key = 'x'.repeat(3_900_000);
    const text = JSON.stringify({ relay: { [key]: 1 } });
    const { result, steps } = measured(() => refusal(text));
    expect(result.message.length).toBeLessThan(300);
    expect(result.message).toMatch(/^`relay\["x+\.\.\."\]`: unknown field \(known: workers,/);
    // One pass over the text and a bounded rest: the did-you-mean search alone would take
    // 3.9 M × 30 steps per known field.
    expect(steps).toBeLessThan(text.length + 100_000);
  });

  it('cuts a long unknown setting path in a timeline, and a long value, in its message', () => {
    const path = `relay.${'w'.repeat(100_000)}`;
    const unknown = refusal({ timeline: [{ atMs: 1, set: { [path]: 1 } }] });
    expect(unknown.message.length).toBeLessThan(300);
    expect(unknown.message).toMatch(/not a field a timeline can set$/);
    const long = refusal({ relay: { workers: 'many'.repeat(1_000_000) } });
    expect(long.message.length).toBeLessThan(300);
    expect(long.message).toMatch(/, got "(many)+m?a?n?y?\.\.\.$/);
  });

  it('describes any value in at most 40 characters and a few dozen steps', () => {
    const values = [
      nested(1_000_000),
      'x'.repeat(1_000_000),
      Array.from({ length: 1_000_000 }, (_, i) => i),
      { ['k'.repeat(1_000_000)]: nested(1000) },
      -Infinity,
    ];
    for (const value of values) {
      const { result, steps } = measured(() => describeValue(value));
      expect(result.length).toBeLessThanOrEqual(MAX_SHOWN_CHARS);
      expect(steps).toBeLessThan(100);
    }
    expect(describeValue([[1, 2], { a: 'b' }])).toBe('[[1,2],{"a":"b"}]');
    expect(describeValue(Infinity)).toBe('a number too large (Infinity)');
  });

  it('searches for a near name only over names of at most 64 characters', () => {
    expect(measured(() => suggest('y'.repeat(1_000_000), SETTABLE_PATHS))).toEqual({
      result: '',
      steps: 0,
    });
    expect(suggest('relay.wrkers', SETTABLE_PATHS)).toBe('; did you mean `relay.workers`?');
    // Candidates much longer or shorter than the name are skipped without a distance.
    expect(measured(() => suggest('relay.wrkers', SETTABLE_PATHS)).steps).toBeLessThan(
      SETTABLE_PATHS.length * 12 * 20,
    );
  });

  it('turns any failure of an odd input into a ScenarioError, never another throw', () => {
    const trap = {
      get relay() {
        throw new RangeError('boom');
      },
    };
    expect(refusal(trap).message).toBe('cannot be read (boom)');
  });
});

describe('issue 13.8: smaller things a file got wrong', () => {
  it('says a number too large for JSON is too large, naming it and its place', () => {
    expect(refusal('{"seed": 1e309}').message).toBe('`seed`: got a number too large (1e309)');
    expect(refusal('{"timeline": [{"atMs": 1, "set": {"relay.workers": -1e400}}]}').message).toBe(
      '`timeline[0].set["relay.workers"]`: got a number too large (-1e400)',
    );
    // A large number that a double holds is only out of range.
    expect(refusal('{"seed": 1e300}').message).toMatch(
      /^`seed`: expected an integer .*got 1e\+300$/,
    );
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    expect(parseScenario('\uFEFF{"seed": 7}').seed).toBe(7);
    expect(refusal('\uFEFF\uFEFF{}').message).toMatch(/^not valid JSON/);
  });

  it('refuses a key given twice in one object, naming it, escapes read as JSON reads them', () => {
    expect(refusal('{"seed": 1, "seed": 2}').message).toBe(
      '`seed`: given twice in one object; JSON would keep only the last, so remove one',
    );
    expect(refusal('{"relay": {"workers": 3, "queueCapacity": 5, "work\\u0065rs": 4}}').path).toBe(
      'relay.workers',
    );
    expect(
      refusal('{"timeline": [{"atMs": 1, "set": {"relay.workers": 1, "relay.workers": 2}}]}').path,
    ).toBe('timeline[0].set["relay.workers"]');
    // The same key in different objects is no duplicate.
    const ok =
      '{"timeline": [{"atMs": 1, "action": "burst", "count": 2}, {"atMs": 2, "action": "burst", "count": 3}]}';
    expect(parseScenario(ok).timeline).toHaveLength(2);
  });
});
