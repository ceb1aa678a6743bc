import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDefaults, parseScenario, type SweepConfig, sweepDefaults } from '../core';
import { scenarioArbitrary } from '../core/test-arbitraries';

import { deflateToUrl, MAX_INFLATED_BYTES } from './compression';
import { decodeLink, difference, encodeLink, type LinkState, MAX_LINK_CHARS } from './link';

/** The fragment of the link to `state` (fails when there is none). */
async function linkTo(state: LinkState): Promise<string> {
  const link = await encodeLink(state);
  if (!link.ok) throw new Error(link.message);
  return link.fragment;
}

const state = (scenario: object, extra: Partial<LinkState> = {}): LinkState => ({
  scenario: parseScenario(scenario),
  atMs: 0,
  mode: 'live',
  compare: compareDefaults,
  sweep: sweepDefaults,
  ...extra,
});

const payload = async (data: unknown, version = 1) =>
  `#s=${version}.${await deflateToUrl(JSON.stringify(data))}`;

describe('shareable links', () => {
  it('round-trips random scenarios, timelines included, with time, mode, comparison and sweep', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArbitrary({ timeline: true }),
        fc.nat({ max: 3_600_000 }),
        fc.constantFrom('live', 'compare', 'sweep' as const),
        fc.option(fc.record({ title: fc.string({ maxLength: 120 }), story: fc.string() })),
        // B: any few of its settings, none included (a B the same as A is kept too).
        fc.subarray<[string, unknown]>([
          ['relay.workers', 3],
          ['relay.retry.jitter', 'none'],
          ['relay.retry.maxRetries', 0],
          ['traffic.keyedRatio', 0],
          ['downstream.outage', true],
        ]),
        // The comparison's run length, when it has its own.
        fc.option(fc.integer({ min: 6000, max: 30 * 24 * 3_600_000 })),
        fc.constantFrom<SweepConfig>(
          sweepDefaults,
          { path: 'downstream.failureProbability', from: 0, to: 0.9, steps: 10 },
          { path: 'relay.queueCapacity', from: 0, to: 500, steps: 2 },
          {
            path: 'downstream.failureProbability',
            from: 0,
            to: 1,
            steps: 21,
            series: [
              { label: 'no retries', set: { 'relay.retry.maxRetries': 0 } },
              { label: 'token bucket', set: { 'relay.budget.variant': 'adaptive' } },
              {
                label: 'breaker on retries',
                set: { 'relay.breaker.trip': 'consecutive', 'relay.breaker.scope': 'retries' },
              },
            ],
          },
          {
            path: 'relay.workers',
            from: 1,
            to: 30,
            steps: 30,
            y: { path: 'relay.queueCapacity', from: 0, to: 1000, steps: 30 },
            metric: 'p99',
          },
        ),
        async (scenario, atMs, mode, meta, compare, durationMs, sweep) => {
          const original = state(meta === null ? scenario : { ...scenario, meta }, {
            atMs,
            mode,
            compare: {
              set: Object.fromEntries(compare),
              ...(durationMs === null ? {} : { durationMs }),
            },
            sweep,
          });
          const read = await decodeLink(await linkTo(original));
          expect(read).toEqual({ ok: true, state: original });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the speed, each of them, and refuses one the lab has not', async () => {
    for (const speed of [1, 10, 100, 'max'] as const) {
      const original = state({ seed: 3 }, { speed, atMs: 5000 });
      expect(await decodeLink(await linkTo(original))).toEqual({ ok: true, state: original });
    }
    expect(await decodeLink(await payload({ scenario: {}, speed: 1000 }))).toEqual({
      ok: false,
      message: 'This link cannot be opened: its speed must be one of 1, 10, 100, "max", got 1000.',
    });
  });

  it('opens a link made before the speed was kept, with no speed of its own', async () => {
    // Made by the lab before this change: `encodeLink` of seed 9, at 0:00, live.
    const read = await decodeLink('#s=1.q1YqTk7NSyzKzFeyqlYqTk1NUbKyrK0FAA');
    expect(read).toEqual({ ok: true, state: state({ seed: 9 }) });
    expect(read.ok === true && 'speed' in read.state).toBe(false);
  });

  it('writes only what differs from the defaults, so the default lab is a short link', async () => {
    expect(difference(parseScenario({ seed: 9 }), parseScenario({}))).toEqual({ seed: 9 });
    expect((await linkTo(state({}))).length).toBeLessThan(30);
  });

  it('never throws on garbage and always says what is wrong', async () => {
    const text = fc.string({ maxLength: 400 });
    const garbage = fc.oneof(
      text,
      text.map((s) => `1.${s}`),
      fc
        .base64String({ maxLength: 400 })
        .map((s) => `1.${s.replace(/\+/g, '-').replace(/\//g, '_')}`),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (garbage) => {
        const read = await decodeLink(`#s=${garbage}`);
        if (read.ok === true) throw new Error(`garbage ${JSON.stringify(garbage)} read as a state`);
        expect(read).toMatchObject({
          ok: false,
          message: expect.stringMatching(/^This link cannot be opened: .+/),
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on a damaged link: truncated or with characters changed', async () => {
    const link = await linkTo(
      state({
        seed: 4,
        relay: { workers: 3 },
        timeline: [{ atMs: 5, set: { 'relay.workers': 9 } }],
      }),
    );
    const char = fc.string({ minLength: 1, maxLength: 1 });
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), char), { maxLength: 4 }),
        async (cut, edits) => {
          let damaged = link.slice(0, 5 + (cut % (link.length - 5)));
          for (const [at, c] of edits) {
            const i = 5 + (at % Math.max(1, damaged.length - 5));
            damaged = damaged.slice(0, i) + c + damaged.slice(i + 1);
          }
          const read = await decodeLink(damaged);
          expect(read.ok === false || read.ok === true).toBe(true);
          if (read.ok === false) expect(read.message).toMatch(/^This link cannot be opened: /);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['#s=abc', /does not start with a format version/],
    ['#s=9.N4Ig', /made by a newer version of the lab \(link format 9; this one reads up to 1\)/],
    ['#s=1.', /truncated or damaged/],
    ['#s=1.@@@', /truncated or damaged/],
    ['#s=1.AAAA', /truncated or damaged/],
    [payload([1, 2]), /its data is not a lab state/],
    [
      payload({ scenario: { relay: { workers: 0 } } }),
      /`relay.workers`: expected an integer from 1/,
    ],
    [payload({ scenario: {}, extra: 1 }), /unknown part "extra"/],
    [payload({ scenario: {}, t: -5 }), /time must be between 0 and 30 days/],
    [
      payload({ scenario: {}, mode: 'race' }),
      /mode must be one of "live", "compare", "sweep", got "race"/,
    ],
    [
      payload({ scenario: {}, compare: { set: { 'relay.worker': 2 } } }),
      /B: relay.worker.*did you mean `relay.workers`/,
    ],
    [
      payload({ scenario: {}, compare: { set: {}, durationMs: 1000 } }),
      /its comparison is invalid: The run length must be from 0\.1 to 43,200 minutes \(30 days\), got 0\.0166667\.$/,
    ],
    [
      payload({ scenario: {}, sweep: { path: 'seed', from: 1, to: 2, steps: 2 } }),
      /its sweep is invalid: A sweep cannot vary "seed"\./,
    ],
    [
      payload({ scenario: {}, sweep: { path: 'relay.workers', from: 0, to: 2, steps: 2 } }),
      /its sweep is invalid: Workers from must be between 1 and 100000 workers, got 0\./,
    ],
    [
      payload({
        scenario: {},
        sweep: {
          path: 'relay.workers',
          from: 1,
          to: 2,
          steps: 2,
          y: { path: 'relay.workers', from: 1, to: 2, steps: 2 },
        },
      }),
      /its sweep is invalid: The two settings of a sweep must differ: both are Workers\./,
    ],
    [
      payload({
        scenario: {},
        sweep: {
          path: 'relay.workers',
          from: 1,
          to: 2,
          steps: 2,
          series: [{ label: 'x', set: { 'relay.retry.maxRetries': 'a' } }],
        },
      }),
      /its sweep is invalid: `Series "x": relay.retry.maxRetries`: expected an integer from 0 to \d+, got "a"\.$/,
    ],
    [
      payload({
        scenario: {},
        sweep: { path: 'relay.workers', from: 1, to: 2, steps: 2, metric: 'fast' },
      }),
      /its sweep is invalid: `metric`: expected one of "success", "goodput", "p99", "amplification", "deadLettered", got "fast"\.$/,
    ],
    [
      payload({
        scenario: {},
        sweep: { path: 'relay.workers', from: 1, to: 2, steps: 2, series: [{ label: 5, set: {} }] },
      }),
      /its sweep is invalid: `series\[0\].label`: expected a label of 1 to 40 characters, got 5\.$/,
    ],
  ])('explains what is wrong with %s', async (fragment, message) => {
    const read = await decodeLink(await fragment);
    expect(read.ok).toBe(false);
    expect(read.ok === false && read.message).toMatch(message);
  });

  it('is no link at all without "#s="', async () => {
    expect(await decodeLink('')).toEqual({ ok: 'none' });
    expect(await decodeLink('#preset=herd')).toEqual({ ok: 'none' });
  });

  it('upgrades an older format through its migrations, in order', async () => {
    // Pretend history: format 1 kept the seed beside the scenario, format 2 moved it into the
    // scenario, format 3 gave the run's time in seconds instead of ms. A format-1 link opens.
    const migrations = {
      1: ({ seed, scenario, ...rest }: Record<string, unknown>) => ({
        ...rest,
        scenario: { ...(scenario as object), seed },
        seconds: rest.t,
      }),
      2: ({ seconds, t: _t, ...rest }: Record<string, unknown>) =>
        seconds === undefined ? rest : { ...rest, t: (seconds as number) * 1000 },
    };
    const old = await payload({ seed: 5, scenario: { durationMs: 9000 }, t: 2 }, 1);
    expect(await decodeLink(old, migrations, 3)).toMatchObject({
      ok: true,
      state: { scenario: { seed: 5, durationMs: 9000 }, atMs: 2000 },
    });
    // The same link read as the current format: its old shape is refused, by name.
    expect(await decodeLink(old)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unknown part "seed"/),
    });
    expect(await decodeLink(await payload({ scenario: {} }, 1), {}, 2)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no upgrade from link format 1/),
    });
    const broken = {
      1: () => {
        throw new Error('boom');
      },
    };
    expect(await decodeLink(await payload({ scenario: {} }, 1), broken, 2)).toEqual({
      ok: false,
      message: 'This link cannot be opened: it could not be upgraded from link format 1 (boom).',
    });
  });
});

/** A timeline of `n` changes, each of its own value so that it compresses little. */
const timelineOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    atMs: i,
    set: { 'downstream.failureProbability': ((i * 7919) % 10_007) / 10_007 },
  }));

describe('issue 13.5: links the lab refuses', () => {
  it('says a state is too large for a link when sharing, and offers the file', async () => {
    const large = state({ timeline: timelineOf(100_000) });
    const link = await encodeLink(large);
    expect(link).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^This run is too large for a link: its state is [\d.]+ MiB, and a link holds at most 4 MiB \(its timeline has 100,000 entries\)\. Export the scenario as a file instead/,
      ),
    });
  }, 30_000); // parsing 100,000 timeline entries takes a second or more on a busy machine

  it(`says so when the link would be over ${MAX_LINK_CHARS} characters`, async () => {
    const link = await encodeLink(state({ timeline: timelineOf(20_000) }));
    expect(link.ok === false && link.message).toMatch(
      /its link would be [\d,]+ characters long, and links are at most 100,000 \(its timeline has 20,000 entries\)/,
    );
    // A timeline that fits makes a link that opens.
    const fits = state({ timeline: timelineOf(2000) });
    expect(await decodeLink(await linkTo(fits))).toEqual({ ok: true, state: fits });
  });

  it('says "too large", not "damaged", when a link inflates beyond 4 MiB', async () => {
    const json = JSON.stringify({ scenario: { meta: { title: 'x'.repeat(MAX_INFLATED_BYTES) } } });
    const read = await decodeLink(`#s=1.${await deflateToUrl(json)}`);
    expect(read).toEqual({
      ok: false,
      message:
        'This link cannot be opened: it is too large: its data is over 4 MiB, more than a link may hold (ask for the scenario file instead).',
    });
  });
});

describe('issue 13.6: bad links that opened silently', () => {
  it.each([
    [{ scenario: null }, /expected a JSON object, got null\.$/],
    [{ t: null }, /its time must be a number of ms\.$/],
    [{ mode: null }, /its mode must be one of "live", "compare", "sweep", got null\.$/],
    [
      { scenario: {}, sweep: { path: '__proto__', from: 1, to: 2, steps: 2 } },
      /its sweep is invalid: A sweep cannot vary "__proto__"\.$/,
    ],
    [
      JSON.parse('{"compare": {"set": {"__proto__": 1}}}'),
      /`compare\.set\["__proto__"\]`: not a field a scenario or a link can have\.$/,
    ],
  ])('says what is wrong with %j', async (data, message) => {
    const read = await decodeLink(await payload(data));
    expect(read).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it.each(['0x1', '01', '1e0', '+1', ' 1', '-1', ''])(
    'reads no version from "#s=%s." (a version is a plain decimal number)',
    async (version) => {
      const read = await decodeLink(`#s=${version}.${await deflateToUrl('{}')}`);
      expect(read).toEqual({
        ok: false,
        message: expect.stringMatching(/does not start with a format version/),
      });
    },
  );
});

describe('issue 13.4: a hostile link gets a short message at a bounded cost', () => {
  it('refuses a link nested 1.9 M deep from its first levels', async () => {
    const depth = 1_900_000;
    const read = await decodeLink(
      `#s=1.${await deflateToUrl(`{"scenario":{"seed":${'['.repeat(depth)}${']'.repeat(depth)}}}`)}`,
    );
    expect(read).toEqual({
      ok: false,
      message: expect.stringMatching(/`scenario\.seed(\[0\])+`: nested more than 20 levels deep/),
    });
  });

  it('answers a 3.9 MB unknown key in a short message', async () => {
    const read = await decodeLink(await payload({ scenario: { ['k'.repeat(3_900_000)]: 1 } }));
    expect(read.ok === false && read.message.length).toBeLessThan(300);
    expect(read.ok === false && read.message).toMatch(/unknown field \(known: version,/);
  });
});
