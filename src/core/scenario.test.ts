import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSettablePath,
  parseScenario,
  parseSettable,
  ScenarioError,
  withoutUnusedP99,
} from './scenario';
import { JITTER_MODES, type ScenarioInput, settableField } from './scenario-schema';
import { SETTABLE_PATHS, settingOf } from './settings';

/** The error `parseScenario` throws for `input` (fails the test when it throws none). */
function errorOf(input: unknown): ScenarioError {
  try {
    parseScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}
const DAY_MS = 24 * 60 * 60 * 1000;
const lognormal = (meanMs: number, p99Ms?: number) => ({
  downstream: { latency: { distribution: 'lognormal', meanMs, p99Ms } },
});
const timeline = (...entries: unknown[]) => ({ timeline: entries });
const traffic = (fields: object) => ({ traffic: fields });
const bursts = (...entries: unknown[]) => traffic({ bursts: entries });
const relay = (fields: object) => ({ relay: fields });
const retry = (fields: object) => relay({ retry: fields });

describe('parseScenario', () => {
  // Every setting's default is the registry's: settings.test.ts checks each path.
  it('turns {} into every default of the file itself', () => {
    const scenario = parseScenario({});
    expect(scenario).toMatchObject({
      version: 2,
      seed: 1,
      durationMs: 60_000,
      traffic: { bursts: [] },
      timeline: [],
    });
    expect(scenario.meta).toBeUndefined();
  });

  it('reads JSON text the same as the value it holds, filling the rest with defaults', () => {
    const text =
      '{ "seed": 7, "relay": { "workers": "unbounded", "retry": { "jitter": "equal" } } }';
    const scenario = parseScenario(text);
    expect(scenario).toEqual(parseScenario(JSON.parse(text)));
    expect(scenario.seed).toBe(7);
    expect(scenario.relay.workers).toBe('unbounded');
    expect(scenario.relay.retry).toEqual({ ...parseScenario({}).relay.retry, jitter: 'equal' });
  });

  it('accepts the ranges the design promises', () => {
    const scenario = parseScenario({
      seed: 2 ** 32 - 1,
      durationMs: 30 * DAY_MS,
      traffic: { ratePerSec: 100_000 },
      relay: {
        workers: 10_000,
        queueCapacity: 1_000_000,
        retry: { baseDelayMs: 30 * DAY_MS, maxDelayMs: 30 * DAY_MS, attemptTimeoutMs: 30 * DAY_MS },
        idempotency: { ttlMs: 30 * DAY_MS, maxKeys: 1_000_000 },
        // issue 13.2: a dead letter keeps up to 8 attempts (1.1 kB): 100,000 fit a tab.
        deadLetter: { capacity: 100_000 },
      },
    });
    expect(scenario.relay.workers).toBe(10_000);
    expect(parseScenario({ relay: { workers: 1, queueCapacity: 0 } }).relay).toMatchObject({
      workers: 1,
      queueCapacity: 0,
    });
    expect(
      parseScenario({ relay: { deadLetter: { capacity: 0 } } }).relay.deadLetter.capacity,
    ).toBe(0);
  });

  /** Checks that `input` is rejected with a message that starts by naming `path`. */
  const expectRejected = (path: string, input: unknown, message: RegExp) => {
    const error = errorOf(input);
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.path).toBe(path);
    const prefix = path === '' ? '' : `\`${path}\`: `;
    expect(error.message.slice(0, prefix.length)).toBe(prefix);
    expect(error.message).toMatch(message);
    expect(() => parseScenario(input)).toThrow(error.message);
  };

  it.each<[string, unknown, RegExp]>([
    ['sed', { sed: 1 }, /unknown field; did you mean `seed`\? \(known: version, seed,/],
    ['relay.retry.maxRetires', retry({ maxRetires: 3 }), /did you mean `maxRetries`\?/],
    ['relay.deadletter', relay({ deadletter: {} }), /did you mean `deadLetter`\?/],
    ['relay.retry.zzzzzzzz', retry({ zzzzzzzz: 2 }), /^[^?]*unknown field \(known: maxRetries, /],
    ['traffic.bursts[0].size', bursts({ atMs: 1, count: 1, size: 2 }), /\(known: atMs, count\)$/],
    ['meta.autor', { meta: { title: 't', autor: 'me' } }, /unknown field/],
  ])('rejects the unknown field `%s` in %j', expectRejected);

  it.each<[string, unknown, RegExp]>([
    ['seed', { seed: 'x' }, /expected an integer from 0 to 4294967295, got "x"$/],
    ['durationMs', { durationMs: '1000' }, /a number from 1 to 2592000000 \(ms\), got "1000"$/],
    ['downstream.outage', { downstream: { outage: 'yes' } }, /expected true or false, got "yes"$/],
    ['traffic.arrival', traffic({ arrival: 'gauss' }), /one of "poisson", "uniform", got "gauss"$/],
    ['relay.retry.jitter', retry({ jitter: 'fulll' }), /"none", "full", "equal", "decorrelated"/],
    ['traffic', { traffic: 5 }, /expected an object, got 5$/],
    ['timeline', { timeline: 'x' }, /expected a list, got "x"$/],
    ['traffic.bursts', traffic({ bursts: 3 }), /expected a list, got 3$/],
    ['traffic.bursts[0]', bursts(3), /expected an object with `atMs` and `count`, got 3$/],
    ['traffic.bursts[0].count', bursts({ atMs: 1 }), /missing; expected an integer from 1 to /],
    ['meta', { meta: 5 }, /expected an object with a `title`, got 5$/],
    ['timeline[0]', timeline(5), /an object with `atMs` and either `set` or `action`, got 5$/],
    ['meta.speed', { meta: { title: 't', speed: 1000 } }, /expected 1, 10 or 100, got 1000$/],
    [
      'meta.charts[0]',
      { meta: { title: 't', charts: ['duplicate'] } },
      /expected a chart id \("throughput", .*"duplicates".*\), got "duplicate"$/,
    ],
    ['meta.charts', { meta: { title: 't', charts: 'calls' } }, /a list of chart ids, got "calls"$/],
    [
      'meta.moments[0].note',
      { meta: { title: 't', moments: [{ atMs: 5 }] } },
      /missing; expected a text/,
    ],
  ])('rejects a wrong type at `%s` in %j', expectRejected);

  it.each<[string, unknown, RegExp]>([
    ['seed', { seed: -1 }, /got -1$/],
    ['seed', { seed: 2 ** 32 }, /got 4294967296$/],
    ['seed', { seed: 1.5 }, /an integer .* got 1.5$/],
    ['version', { version: 3 }, /expected a scenario format this lab reads \(1 to 2\), got 3$/],
    ['durationMs', { durationMs: 0 }, /got 0$/],
    ['durationMs', { durationMs: 30 * DAY_MS + 1 }, /to 2592000000 \(ms\), got 2592000001$/],
    ['traffic.duplicateRatio', traffic({ duplicateRatio: 1.5 }), /from 0 to 1, got 1.5$/],
    ['relay.queueCapacity', relay({ queueCapacity: -1 }), /got -1$/],
    ['relay.idempotency.maxKeys', relay({ idempotency: { maxKeys: 0 } }), /got 0$/],
    ['relay.retry.attemptTimeoutMs', retry({ attemptTimeoutMs: 0 }), /got 0$/],
    ['relay.retry.maxRetries', retry({ maxRetries: 101 }), /from 0 to 100, got 101$/],
    ['meta.title', { meta: { title: 'x'.repeat(121) } }, /at most 120 characters/],
    ['relay.workers', relay({ workers: 0 }), /got 0$/],
    ['relay.queueCapacity', relay({ queueCapacity: 1_000_001 }), /from 0 to 1000000, got 1000001$/],
    [
      'relay.idempotency.maxKeys',
      relay({ idempotency: { maxKeys: 1_000_001 } }),
      /from 1 to 1000000, got 1000001$/,
    ],
    [
      'relay.deadLetter.capacity',
      relay({ deadLetter: { capacity: 100_001 } }),
      /from 0 to 100000, got 100001$/,
    ],
    [
      'downstream.queueCapacity',
      { downstream: { servers: 5, queueCapacity: 1_000_001 } },
      /from 0 to 1000000, or "unbounded", got 1000001$/,
    ],
    ['relay.workers', relay({ workers: 1.5 }), /or "unbounded", got 1.5$/],
    ['relay.workers', relay({ workers: 'many' }), /or "unbounded", got "many"$/],
  ])('rejects an out-of-range value at `%s` in %j', expectRejected);

  it('rejects a list longer than 100,000 entries', () => {
    const many = Array.from({ length: 100_001 }, () => ({ atMs: 1, count: 1 }));
    expectRejected('traffic.bursts', traffic({ bursts: many }), /a list of at most 100000 entries/);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'relay.retry.maxDelayMs',
      retry({ baseDelayMs: 200, maxDelayMs: 100 }),
      /\(200 ms\), got 100$/,
    ],
    ['relay.retry.maxDelayMs', retry({ baseDelayMs: 100, maxDelayMs: 99 }), /\(100 ms\), got 99$/],
    ['relay.retry.maxDelayMs', retry({ baseDelayMs: 6000 }), /\(6000 ms\), got 5000$/],
    ['downstream.latency.meanMs', lognormal(0), /more than 0 for a lognormal latency, got 0$/],
    ['downstream.latency.p99Ms', lognormal(100, 100), /more than the mean \(100 ms\) and at most/],
    ['downstream.latency.p99Ms', lognormal(100, 1491), /at most 14.9 times it .* got 1491$/],
  ])('rejects a rule broken across fields at `%s` in %j', expectRejected);

  // Timeline errors name the entry by its index in the file, whatever its time.
  it.each<[string, unknown, RegExp]>([
    [
      'timeline[0].set["relay.wrkers"]',
      timeline({ atMs: 5, set: { 'relay.wrkers': 3 } }),
      /not a field a timeline can set; did you mean `relay.workers`\?$/,
    ],
    [
      'timeline[0].set["seed"]',
      timeline({ atMs: 5, set: { seed: 3 } }),
      /not a field a timeline can set$/,
    ],
    [
      // As JSON.parse makes it: an own key, which zod's records would drop silently.
      'timeline[1].set["__proto__"]',
      timeline({ atMs: 5, set: {} }, JSON.parse('{"atMs": 1, "set": {"__proto__": 3}}')),
      /not a field a scenario or a link can have$/,
    ],
    [
      'timeline[1].set["relay.workers"]',
      timeline({ atMs: 5, set: { 'relay.workers': 3 } }, { atMs: 1, set: { 'relay.workers': -3 } }),
      /got -3$/,
    ],
    [
      'timeline[0].set["relay.retry.maxDelayMs"]',
      timeline({ atMs: 5, set: { 'relay.retry.maxDelayMs': 10 } }),
      /at least relay.retry.baseDelayMs \(100 ms\), got 10$/,
    ],
    [
      'timeline[0].set["downstream.latency.meanMs"]',
      timeline({
        atMs: 1,
        set: { 'downstream.latency.distribution': 'lognormal', 'downstream.latency.meanMs': 0 },
      }),
      /more than 0 for a lognormal latency/,
    ],
    ['timeline[0].set', timeline({ atMs: 5 }), /missing; expected an object of field paths/],
    ['timeline[0].action', timeline({ atMs: 5, set: {}, action: 'burst' }), /unknown field/],
    ['timeline[0].atMs', timeline({ atMs: -1, action: 'clearDeadLetters' }), /got -1$/],
    ['timeline[0].action', timeline({ atMs: 5, action: 'explode' }), /"burst", .* got "explode"$/],
    ['timeline[0].count', timeline({ atMs: 5, action: 'burst' }), /missing; the action "burst"/],
    [
      'timeline[0].id',
      timeline({ atMs: 5, action: 'replayDeadLetter' }),
      /missing; the action "replayDeadLetter" needs it$/,
    ],
    [
      'timeline[0].id',
      timeline({ atMs: 5, action: 'burst', count: 2, id: 3 }),
      /not used by the action "burst"$/,
    ],
    [
      'timeline[0].count',
      timeline({ atMs: 5, action: 'clearDeadLetters', count: 3 }),
      /not used by the action "clearDeadLetters"$/,
    ],
  ])('rejects a bad timeline entry at `%s` in %j', expectRejected);

  it.each<[unknown, RegExp]>([
    ['{"seed": ', /^not valid JSON \(/],
    ['', /^not valid JSON/],
    ['[]', /^expected a JSON object, got \[\]$/],
    ['null', /^expected a JSON object, got null$/],
    ['"text"', /^expected a JSON object, got "text"$/],
    [42, /^expected a JSON object, got 42$/],
    [null, /^expected a JSON object, got null$/],
    [[], /^expected a JSON object, got \[\]$/],
    [undefined, /^expected a JSON object, got nothing$/],
  ])('rejects %j, which is not a JSON object', (input, message) => {
    expectRejected('', input, message);
  });

  it.each<[string, unknown]>([
    ['workers "unbounded"', relay({ workers: 'unbounded' })],
    ['maxDelayMs equal to baseDelayMs', retry({ baseDelayMs: 100, maxDelayMs: 100 })],
    ['lognormal without p99', lognormal(100)],
    ['lognormal p99 just above the mean', lognormal(100, 100.001)],
    ['lognormal p99 at 14.9 × mean', lognormal(100, 1490)],
    [
      'a timeline that fixes a rule within one entry',
      timeline({
        atMs: 1,
        set: { 'relay.retry.baseDelayMs': 9000, 'relay.retry.maxDelayMs': 10_000 },
      }),
    ],
    [
      'every timeline action',
      timeline(
        { atMs: 1, action: 'burst', count: 5 },
        { atMs: 2, action: 'replayDeadLetter', id: 0 },
        { atMs: 3, action: 'replayAllDeadLetters' },
        { atMs: 4, action: 'clearDeadLetters' },
      ),
    ],
  ])('accepts %s', (_, input) => {
    expect(() => parseScenario(input)).not.toThrow();
  });

  it('sorts bursts and the timeline by time, keeping the file order for equal times', () => {
    const scenario = parseScenario({
      traffic: { bursts: [5, 1, 5, 1].map((atMs, i) => ({ atMs, count: i + 1 })) },
      timeline: [
        { atMs: 9, action: 'clearDeadLetters' },
        { atMs: 3, set: { 'relay.workers': 2 } },
        { atMs: 9, set: { 'relay.workers': 'unbounded' } },
        { atMs: 3, action: 'burst', count: 7 },
      ],
    });
    expect(scenario.traffic.bursts.map((b) => b.count)).toEqual([2, 4, 1, 3]);
    expect(scenario.timeline).toEqual([
      { atMs: 3, set: { 'relay.workers': 2 } },
      { atMs: 3, action: 'burst', count: 7 },
      { atMs: 9, action: 'clearDeadLetters' },
      { atMs: 9, set: { 'relay.workers': 'unbounded' } },
    ]);
  });

  it('checks timeline entries in time order, on the config as changed by the earlier ones', () => {
    const raise = { atMs: 1, set: { 'relay.retry.baseDelayMs': 9000 } };
    const widen = { atMs: 2, set: { 'relay.retry.maxDelayMs': 10_000 } };
    // The error names the field the entry set, not its partner in the rule.
    expect(errorOf(timeline(raise, widen)).message).toBe(
      '`timeline[0].set["relay.retry.baseDelayMs"]`: expected at most relay.retry.maxDelayMs (5000 ms), got 9000',
    );
    expect(errorOf(timeline(widen, raise)).path).toBe('timeline[1].set["relay.retry.baseDelayMs"]');
    const both = {
      atMs: 1,
      set: { 'relay.retry.baseDelayMs': 9000, 'relay.retry.maxDelayMs': 10 },
    };
    expect(errorOf(timeline(both)).path).toBe('timeline[0].set["relay.retry.maxDelayMs"]');
    expect(() => parseScenario(timeline({ ...widen, atMs: 0 }, raise))).not.toThrow();
  });

  it('does not change its input', () => {
    const input = {
      traffic: {
        bursts: [
          { atMs: 5, count: 1 },
          { atMs: 1, count: 2 },
        ],
      },
      timeline: [
        { atMs: 9, action: 'clearDeadLetters' },
        { atMs: 3, set: { 'relay.workers': 2 } },
      ],
    };
    const copy = structuredClone(input);
    parseScenario(input);
    expect(input).toEqual(copy);
  });

  it('is idempotent: parsing a parsed scenario gives it back', () => {
    const inputs: unknown[] = [
      {},
      lognormal(100, 400),
      {
        seed: 7,
        meta: { title: 'A storm', story: 'Retries pile up.', charts: ['calls', 'duplicates'] },
        relay: { workers: 'unbounded' },
      },
      timeline(
        { atMs: 9, action: 'burst', count: 3 },
        { atMs: 1, set: { 'downstream.outage': true } },
      ),
    ];
    for (const input of inputs) {
      const once = parseScenario(input);
      expect(parseScenario(once)).toEqual(once);
      expect(parseScenario(JSON.stringify(once))).toEqual(once);
    }
  });

  it('is idempotent for random valid scenarios', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const once = parseScenario(input);
        expect(parseScenario(structuredClone(once))).toEqual(once);
        expect(parseScenario(JSON.stringify(once))).toEqual(once);
      }),
    );
  });
});

describe('scenario format 1', () => {
  it('maps a concurrency limit onto servers with no queue, in the file and its timeline', () => {
    const old = {
      version: 1,
      downstream: { concurrencyLimit: 50 },
      timeline: [
        { atMs: 5, set: { 'downstream.concurrencyLimit': 'unbounded' } },
        { atMs: 9, set: { 'downstream.concurrencyLimit': 8, 'relay.workers': 2 } },
      ],
    };
    const scenario = parseScenario(old);
    expect(scenario.version).toBe(2);
    expect(scenario.downstream).toMatchObject({ servers: 50, queueCapacity: 0 });
    expect(scenario.timeline).toEqual([
      { atMs: 5, set: { 'downstream.servers': 'unbounded' } },
      {
        atMs: 9,
        set: { 'relay.workers': 2, 'downstream.servers': 8, 'downstream.queueCapacity': 0 },
      },
    ]);
    expect(old.downstream).toEqual({ concurrencyLimit: 50 }); // the input is left as it was
    expect(() => parseScenario({ version: 2, downstream: { concurrencyLimit: 5 } })).toThrow(
      /`downstream.concurrencyLimit`: unknown field/,
    );
  });
});

describe('isSettablePath and parseSettable', () => {
  it('know exactly the settable fields', () => {
    for (const path of SETTABLE_PATHS) {
      expect(isSettablePath(path)).toBe(true);
      // Each field's own schema fills in its default.
      expect(settableField(path).parse(undefined)).toEqual(settingOf(path).default);
    }
    for (const path of ['seed', 'relay', 'relay.retry', '__proto__', 'toString', 'constructor']) {
      expect(isSettablePath(path)).toBe(false);
    }
  });

  it('return the parsed value, or throw naming the field (or the given place)', () => {
    expect(parseSettable('relay.workers', 'unbounded')).toBe('unbounded');
    expect(parseSettable('relay.retry.jitter', 'none')).toBe('none');
    expect(() => parseSettable('relay.workers', 0)).toThrow(
      /^`relay.workers`: expected an integer/,
    );
    expect(() => parseSettable('relay.workers', 0, 'slider')).toThrow(/^`slider`: /);
    expect(() => parseSettable('relay.wrkers', 3)).toThrow(/did you mean `relay.workers`\?/);
  });
});

/** Valid scenario inputs: any subset of fields, each within range, and a timeline of changes. */
const arbitraryInput: fc.Arbitrary<ScenarioInput> = (() => {
  const opt = { requiredKeys: [] as never[] };
  const atMs = fc.integer({ min: 0, max: 100_000 });
  const settable = fc.oneof(
    fc.record({ 'traffic.ratePerSec': fc.double({ min: 0, max: 1000, noNaN: true }) }),
    fc.record({ 'downstream.failureProbability': fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({
      'relay.workers': fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant('unbounded')),
    }),
    fc.record({ 'relay.retry.jitter': fc.constantFrom(...JITTER_MODES) }),
    fc.record({ 'relay.deadLetter.capacity': fc.nat(100) }),
  );
  const entry = fc.oneof(
    fc.record({ atMs, set: settable }),
    fc.record({ atMs, action: fc.constant('burst'), count: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ atMs, action: fc.constantFrom('replayAllDeadLetters', 'clearDeadLetters') }),
  );
  return fc.record(
    {
      seed: fc.nat(),
      durationMs: fc.integer({ min: 1, max: DAY_MS }),
      traffic: fc.record(
        {
          ratePerSec: fc.double({ min: 0, max: 1000, noNaN: true }),
          arrival: fc.constantFrom('poisson', 'uniform'),
          bursts: fc.array(fc.record({ atMs, count: fc.integer({ min: 1, max: 100 }) })),
        },
        opt,
      ),
      downstream: fc.record(
        {
          latency: fc.oneof(
            fc.record({ distribution: fc.constant('constant'), meanMs: fc.nat(1000) }, opt),
            fc.record({
              distribution: fc.constant('lognormal'),
              meanMs: fc.constant(100),
              p99Ms: fc.integer({ min: 101, max: 1490 }),
            }),
          ),
          outage: fc.boolean(),
        },
        opt,
      ),
      relay: fc.record(
        {
          workers: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant('unbounded')),
          retry: fc.record(
            { maxRetries: fc.nat(10), jitter: fc.constantFrom(...JITTER_MODES) },
            opt,
          ),
        },
        opt,
      ),
      timeline: fc.array(entry, { maxLength: 10 }),
    },
    opt,
  ) as fc.Arbitrary<ScenarioInput>;
})();

describe('issue 13.8: a p99 that no latency of the run uses', () => {
  it('is refused, naming the field, when the latency is never lognormal', () => {
    const error = errorOf({ downstream: { latency: { distribution: 'constant', p99Ms: 400 } } });
    expect(error.path).toBe('downstream.latency.p99Ms');
    expect(error.message).toMatch(
      /only a lognormal latency has a p99, and this one is constant for the whole run; remove it, or set `downstream.latency.distribution` to "lognormal"$/,
    );
    // The forgotten distribution: the default is exponential.
    expect(errorOf({ downstream: { latency: { meanMs: 50, p99Ms: 400 } } }).path).toBe(
      'downstream.latency.p99Ms',
    );
  });

  it('is accepted where the timeline makes the latency lognormal, or in a live change', () => {
    const later = parseScenario({
      downstream: { latency: { meanMs: 50, p99Ms: 400 } },
      timeline: [{ atMs: 10, set: { 'downstream.latency.distribution': 'lognormal' } }],
    });
    expect(later.downstream.latency.p99Ms).toBe(400);
    // A live run switches away from lognormal and back, its p99 kept through the switch.
    const live = parseScenario({
      ...lognormal(50, 400),
      timeline: [
        { atMs: 10, set: { 'downstream.latency.distribution': 'exponential' } },
        { atMs: 20, set: { 'downstream.latency.meanMs': 60, 'downstream.latency.p99Ms': 480 } },
      ],
    });
    expect(live.timeline).toHaveLength(2);
  });

  it('withoutUnusedP99 drops only a p99 that nothing uses', () => {
    const unused = { ...parseScenario({}), downstream: { ...parseScenario({}).downstream } };
    unused.downstream.latency = { distribution: 'constant', meanMs: 5, p99Ms: 9 };
    expect(withoutUnusedP99(unused).downstream.latency).toEqual({
      distribution: 'constant',
      meanMs: 5,
    });
    const used = parseScenario(lognormal(50, 400));
    expect(withoutUnusedP99(used)).toBe(used);
  });
});
