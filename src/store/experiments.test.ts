import { describe, expect, it } from 'vitest';
import { createRandom, parseScenario, runScenario, withSettings } from '../core';
import type { BatchHost } from '../engine/batch-host';
import { createInlineBatchHost } from '../engine/inline-hosts';
import type { BatchCommand, BatchMessage, RunOutcome, RunSpec } from '../engine/protocol';
import { findPreset } from '../share/preset-files';
import { requestName } from './selectors';
import { createTestLab } from './test-lab';

describe('withSettings', () => {
  it("holds B's settings for the whole run; A's other timeline changes apply to both", () => {
    const a = parseScenario({
      timeline: [
        { atMs: 1000, set: { 'relay.retry.maxRetries': 3, 'downstream.outage': true } },
        { atMs: 2000, set: { 'relay.retry.maxRetries': 5 } },
        { atMs: 3000, action: 'burst', count: 10 },
      ],
    });
    const b = withSettings(a, { 'relay.retry.maxRetries': 0 });
    expect(b.relay.retry.maxRetries).toBe(0);
    expect(b.timeline).toEqual([
      { atMs: 1000, set: { 'downstream.outage': true } },
      { atMs: 3000, action: 'burst', count: 10 },
    ]);
    expect(a.timeline).toHaveLength(3); // A is left as it was
  });

  it('makes the retries preset differ when B keeps 0 retries (its tip)', () => {
    const a = findPreset('retries-70-to-99')!.scenario;
    const b = withSettings(a, { 'relay.retry.maxRetries': 0 });
    const [ra, rb] = [runScenario(a), runScenario(b)];
    // The same clients send first; B's failures bring more resends.
    expect(rb.clients.sent).toBe(ra.clients.sent);
    expect(rb.clients.resends).toBeGreaterThan(ra.clients.resends * 5);
    expect(rb.outcomes.deadLettered).toBeGreaterThan(ra.outcomes.deadLettered * 1.5);
  });

  it('names a bad setting of B', () => {
    expect(() => withSettings(parseScenario({}), { 'relay.workers': 0 })).toThrow(
      /B: relay.workers/,
    );
  });
});

/** A batch host that runs nothing until told: the page's worker, frozen in time. */
function deferredHost() {
  const sent: BatchCommand[] = [];
  let listener: (message: BatchMessage) => void = () => {};
  const host: BatchHost = { send: (c) => sent.push(c), listen: (l) => (listener = l) };
  return { host, sent, reply: (message: BatchMessage) => listener(message) };
}

describe('experiment jobs', () => {
  it('a comparison started during a sweep stops the sweep, and only its own results land', () => {
    const { host, sent, reply } = deferredHost();
    const store = createTestLab({}, { batch: host }).store;
    const lab = () => store.getState();
    lab().setCompareSetting('relay.workers', 9);
    lab().runSweep();
    lab().runCompare();
    expect(lab().sweepRun.status).toBe('idle');
    expect(lab().compareRun.status).toBe('running');
    expect(lab().notice?.text).toBe('The sweep stopped: one experiment runs at a time.');
    const [sweep, compare] = sent;
    reply({ type: 'finished', id: sweep!.id, outcomes: [] }); // too late: ignored
    expect(lab().sweepRun.status).toBe('idle');
    reply({ type: 'progress', id: compare!.id, done: 1, total: 4 });
    expect(lab().compareRun.progress).toBe(0.25);
    expect(lab().sweepRun.progress).toBe(0);
    // A sweep run again works (it is not stuck behind the stopped one).
    lab().setSweep({ from: 1, to: 2, steps: 2 });
    lab().runSweep();
    const summary = runScenario({ durationMs: 1000 });
    const ok: RunOutcome = { ok: true, result: { summary, points: [], fineCalls: [] } };
    reply({ type: 'finished', id: sent[2]!.id, outcomes: [ok, ok] });
    expect(lab().sweepRun.status).toBe('done');
    expect(lab().sweepRun.result!.lines[0]!.rows.map((r) => r.value)).toEqual([1, 2]);
  });

  it('a failed run keeps the result it had', () => {
    const { host, sent, reply } = deferredHost();
    const store = createTestLab({}, { batch: host }).store;
    const lab = () => store.getState();
    lab().setCompareSetting('relay.workers', 16);
    lab().runCompare();
    const a: RunOutcome = {
      ok: true,
      result: { summary: runScenario({}), points: [], fineCalls: [] },
    };
    reply({ type: 'finished', id: sent[0]!.id, outcomes: [a, a] });
    lab().runCompare();
    reply({ type: 'failed', id: -1, message: 'A batch worker stopped.' });
    expect(lab().compareRun).toMatchObject({
      status: 'failed',
      message: 'A batch worker stopped.',
      result: { a: a.ok && a.result, b: a.ok && a.result },
    });
  });

  it('sends a sweep as one job of independent runs, and a cancel for the whole job', () => {
    const { host, sent } = deferredHost();
    const store = createTestLab({}, { batch: host }).store;
    const lab = () => store.getState();
    lab().setSweep({ path: 'relay.workers', from: 1, to: 3, steps: 3 });
    lab().addSweepSeries();
    lab().setSweepSeriesSetting(0, 'relay.retry.maxRetries', 0);
    lab().addSweepSeries();
    lab().runSweep();
    expect(sent[0]).toMatchObject({
      type: 'start',
      runs: [1, 2, 3, 1, 2, 3].map((workers, i) => ({
        name: i < 3 ? 'Series "Series 1"' : 'Series "Series 2"',
        set:
          i < 3
            ? { 'relay.retry.maxRetries': 0, 'relay.workers': workers }
            : { 'relay.workers': workers },
        detail: 'summary',
      })),
    });
    lab().cancelJob();
    expect(sent[1]).toEqual({ type: 'cancel', id: sent[0]!.id });
    expect(lab().sweepRun.status).toBe('idle');
  });
});

describe('experiments on several workers', () => {
  const scenario = parseScenario({
    seed: 11,
    durationMs: 12_000,
    traffic: { ratePerSec: 80 },
    downstream: { failureProbability: 0.3, latency: { meanMs: 40 }, servers: 6 },
    relay: { workers: 4, queueCapacity: 20 },
  });
  const runs: RunSpec[] = [
    { set: {}, name: 'A', detail: 'full' },
    { set: { 'relay.retry.maxRetries': 0 }, name: 'B', detail: 'full' },
    ...[1, 2, 3, 5, 8, 13, 21].map(
      (workers): RunSpec => ({
        set: { 'relay.workers': workers },
        name: 'Sweep',
        detail: 'summary',
      }),
    ),
    {
      set: { 'relay.retry.baseDelayMs': 9000, 'relay.retry.maxDelayMs': 10 },
      name: 'Bad',
      detail: 'summary',
    },
  ];
  /** Runs `runs` on `host` and returns every message the job gave, in order. */
  function job(host: BatchHost): BatchMessage[] {
    const messages: BatchMessage[] = [];
    host.listen((m) => messages.push(m));
    host.send({ type: 'start', id: 7, scenario, runs });
    return messages;
  }
  const one = job(createInlineBatchHost({ lanes: 1 }));
  const outcomes = (messages: BatchMessage[]) =>
    (messages.at(-1) as Extract<BatchMessage, { type: 'finished' }>).outcomes;

  it('gives each run the same outcome as a run on its own, in the order of the runs', () => {
    const alone = runs.map((run) => {
      try {
        return runScenario(withSettings(scenario, run.set, run.name));
      } catch (error) {
        return (error as Error).message;
      }
    });
    const got = outcomes(one).map((o) => (o.ok ? o.result.summary : o.error));
    expect(got).toEqual(alone);
    expect(got.at(-1)).toMatch(/^`relay.retry.maxDelayMs`: expected at least/);
    const [a] = outcomes(one);
    expect(a!.ok && a!.result.points).toHaveLength(12);
  });

  // Which lane takes which run, and when, depends on the lanes' speeds: here a seeded shuffle.
  const seed = Number(process.env.BATCH_SEED ?? Math.floor(Math.random() * 2 ** 32));
  it(`gives identical outcomes on 1 lane and on 2, 3 or 8 lanes in any interleaving (seed ${seed}; BATCH_SEED=${seed} replays it)`, () => {
    const random = createRandom(seed);
    for (const lanes of [2, 3, 8]) {
      const picks: number[] = [];
      const host = createInlineBatchHost({
        lanes,
        pick: (busy) => {
          const lane = busy[Math.floor(random.next() * busy.length)]!;
          picks.push(lane);
          return lane;
        },
      });
      const many = job(host);
      expect(outcomes(many)).toEqual(outcomes(one));
      // The lanes really shared the job: every lane worked.
      expect(new Set(picks).size).toBe(Math.min(lanes, runs.length));
      // One progress for the whole job, never going back, ending in the outcomes.
      const progress = many.filter((m) => m.type === 'progress');
      expect(progress.length).toBeGreaterThan(3);
      const done = progress.map((m) => m.done);
      expect(done).toEqual([...done].sort((x, y) => x - y));
      expect(new Set(progress.map((m) => m.total))).toEqual(new Set([runs.length * 3]));
      expect(many.at(-1)!.type).toBe('finished');
    }
  });

  it('cancels the whole job: every lane stops, and a new job runs from scratch', () => {
    const lanes = 3;
    let host: BatchHost | null = null;
    const messages: BatchMessage[] = [];
    let cancelled = false;
    host = createInlineBatchHost({
      lanes,
      pick: (busy) => {
        // After a few slices the page cancels; no lane may work on after that.
        if (!cancelled && messages.length >= 2) {
          cancelled = true;
          host!.send({ type: 'cancel', id: 7 });
        }
        return busy[0]!;
      },
    });
    host.listen((m) => messages.push(m));
    host.send({ type: 'start', id: 7, scenario, runs });
    expect(cancelled).toBe(true);
    expect(messages.some((m) => m.type === 'finished')).toBe(false);
    const count = messages.length;
    host.send({ type: 'start', id: 8, scenario, runs });
    expect(messages.slice(count).every((m) => m.id === 8)).toBe(true);
    expect(outcomes(messages)).toEqual(outcomes(one));
  });
});

describe('sweeps with series and of two settings', () => {
  const base = {
    seed: 5,
    durationMs: 10_000,
    traffic: { ratePerSec: 100 },
    downstream: { latency: { meanMs: 20 }, servers: 4, queueCapacity: 20 },
  };

  it('runs one line per series, each holding its settings, against the swept setting', () => {
    // No pool and a downstream without a capacity limit: every request is served, every attempt is a call.
    const unlimited = {
      ...base,
      durationMs: 30_000,
      downstream: { latency: { meanMs: 20 } },
      relay: { workers: 'unbounded' as const },
    };
    const store = createTestLab(unlimited).store;
    const lab = () => store.getState();
    lab().setSweep({ path: 'downstream.failureProbability', from: 0, to: 0.8, steps: 3 });
    lab().addSweepSeries();
    lab().renameSweepSeries(0, 'no retries');
    lab().setSweepSeriesSetting(0, 'relay.retry.maxRetries', 0);
    lab().addSweepSeries();
    lab().renameSweepSeries(1, '3 retries');
    lab().setSweepSeriesSetting(1, 'relay.retry.maxRetries', 3);
    lab().runSweep();
    const { lines } = lab().sweepRun.result!;
    expect(lines.map((l) => l.label)).toEqual(['no retries', '3 retries']);
    for (const line of lines) expect(line.rows.map((r) => r.value)).toEqual([0, 0.4, 0.8]);
    const amplification = lines.map((l) => l.rows.map((r) => r.summary!.amplification));
    // Without retries a request makes one call; with three, 1 + 0.8 + 0.8² + 0.8³ = 2.95.
    expect(amplification[0]).toEqual([1, 1, 1]);
    expect(amplification[1]![0]).toBe(1);
    expect(amplification[1]![2]).toBeCloseTo(2.95, 1);
    // The series' own runs are the scenario with their settings: the same as run alone.
    const alone = runScenario(
      withSettings(parseScenario(unlimited), {
        'relay.retry.maxRetries': 3,
        'downstream.failureProbability': 0.4,
      }),
    );
    expect(lines[1]!.rows[1]!.summary).toEqual(alone);
  });

  it('names a bad series setting, and refuses to hold the swept setting', () => {
    const store = createTestLab(base).store;
    const lab = () => store.getState();
    lab().addSweepSeries();
    lab().setSweepSeriesSetting(0, 'relay.retry.maxRetries', -1);
    expect(lab().notice?.text).toMatch(
      /^`Series "Series 1": relay.retry.maxRetries`: expected an integer from 0/,
    );
    lab().setSweepSeriesSetting(0, 'relay.workers', 3);
    expect(lab().notice?.text).toBe(
      'Series "Series 1" cannot hold relay.workers: it is the setting the sweep varies.',
    );
    expect(lab().sweep.series).toEqual([{ label: 'Series 1', set: {} }]);
    for (let i = 0; i < 6; i++) lab().addSweepSeries();
    expect(lab().sweep.series).toHaveLength(6);
    expect(lab().notice?.text).toBe('A sweep has at most 6 series.');
  });

  it('runs a grid of two settings, row by row, each cell the scenario with both held', () => {
    const store = createTestLab(base).store;
    const lab = () => store.getState();
    lab().setSweep({
      path: 'relay.workers',
      from: 1,
      to: 4,
      steps: 4,
      y: { path: 'relay.queueCapacity', from: 0, to: 50, steps: 3 },
      metric: 'goodput',
    });
    lab().runSweep();
    const { lines, config } = lab().sweepRun.result!;
    expect(config.metric).toBe('goodput');
    expect(lines.map((l) => l.y)).toEqual([0, 25, 50]);
    expect(lines.map((l) => l.rows.map((r) => r.value))).toEqual([
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ]);
    const cell = runScenario(
      withSettings(parseScenario(base), { 'relay.workers': 2, 'relay.queueCapacity': 25 }),
    );
    expect(lines[1]!.rows[1]!.summary).toEqual(cell);
    // More workers, fewer 429s, along every row.
    for (const line of lines) {
      const rejected = line.rows.map((r) => r.summary!.outcomes.rejected);
      expect(rejected[0]).toBeGreaterThan(rejected[3]!);
    }
  });

  it("fills the sweep panel with a scenario's suggested sweep when it is opened", () => {
    const suggested = {
      path: 'downstream.failureProbability',
      from: 0,
      to: 1,
      steps: 11,
      series: [
        { label: 'no retries', set: { 'relay.retry.maxRetries': 0 } },
        { label: 'token bucket', set: { 'relay.budget.variant': 'adaptive' } },
      ],
    };
    const store = createTestLab().store;
    store.getState().setSweep({ path: 'relay.queueCapacity', from: 1, to: 9, steps: 3 });
    expect(store.getState().loadScenario({ meta: { title: 'Retries', sweep: suggested } })).toBe(
      true,
    );
    expect(store.getState().sweep).toEqual(suggested);
    // A scenario without one leaves the sweep as it is.
    store.getState().loadScenario({});
    expect(store.getState().sweep).toEqual(suggested);
  });
});

describe('what a comparison runs', () => {
  function deferred() {
    const { host, sent, reply } = deferredHost();
    const store = createTestLab({ relay: { workers: 8 } }, { batch: host }).store;
    return { sent, reply, lab: () => store.getState() };
  }

  it('refuses to run when B equals A, naming what to do, and sends nothing', () => {
    const { sent, lab } = deferred();
    lab().setCompareSetting('relay.retry.jitter', 'full'); // A's own jitter
    lab().setCompareSetting('relay.workers', 8); // A's own workers
    lab().runCompare();
    expect(sent).toEqual([]);
    expect(lab().compareRun.status).toBe('idle');
    expect(lab().notice?.text).toBe('B is the same as A: change a setting of B.');
  });

  it("runs both sides for the comparison's run length, and labels the result with what ran", () => {
    const { sent, reply, lab } = deferred();
    lab().setCompareSetting('relay.workers', 16);
    lab().setCompareDuration(600_000);
    expect(lab().compare.durationMs).toBe(600_000);
    lab().runCompare();
    const command = sent[0] as Extract<BatchCommand, { type: 'start' }>;
    expect(command.scenario.durationMs).toBe(600_000);
    expect(command.runs.map((run) => run.set)).toEqual([
      {},
      { 'relay.retry.jitter': 'full', 'relay.workers': 16 },
    ]);
    expect(lab().scenario.durationMs).toBe(60_000); // A's own length is left alone
    // B changes while it runs: the result still says what ran.
    lab().setCompareSetting('relay.workers', 32);
    lab().setCompareDuration(null);
    expect(lab().compare).not.toHaveProperty('durationMs');
    const side: RunOutcome = {
      ok: true,
      result: { summary: runScenario({ durationMs: 1000 }), points: [], fineCalls: [] },
    };
    reply({ type: 'finished', id: command.id, outcomes: [side, side] });
    expect(lab().compareRun.result).toMatchObject({
      durationMs: 600_000,
      differences: [{ path: 'relay.workers', a: 8, b: 16 }],
    });
  });

  it('refuses a run length out of range with the accepted range in minutes', () => {
    const { lab } = deferred();
    lab().setCompareDuration(50_000 * 60_000);
    expect(lab().compare.durationMs).toBeUndefined();
    expect(lab().notice?.text).toBe(
      'The run length must be from 0.1 to 43,200 minutes (30 days), got 50000.',
    );
  });
});

describe('requestName', () => {
  it('names a client request by its number and a dead-letter replay as a replay', () => {
    expect(requestName(41)).toBe('Request 41');
    expect(requestName(2 ** 40 + 2)).toBe('Replay 3 of a dead letter');
  });
});
