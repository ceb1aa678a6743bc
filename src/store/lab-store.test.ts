import { describe, expect, it } from 'vitest';
import { parseScenario, readLinkData, readScenarioText, type ScenarioInput } from '../core';
import { appendEntry, MAX_SCENARIO_FILE_BYTES, type SweepLine } from './lab-store';
import { createTestLab } from './test-lab';

describe('lab store', () => {
  it('merges live changes made at one instant into one timeline entry', () => {
    const merged = appendEntry([{ atMs: 5, set: { 'relay.workers': 2 } }], {
      atMs: 5,
      set: { 'relay.workers': 3, 'relay.queueCapacity': 1 },
    });
    expect(merged).toEqual([{ atMs: 5, set: { 'relay.workers': 3, 'relay.queueCapacity': 1 } }]);
    expect(appendEntry(merged, { atMs: 6, set: { 'relay.workers': 4 } })).toHaveLength(2);
    expect(appendEntry(merged, { atMs: 5, action: 'burst', count: 3 })).toHaveLength(2);
  });

  it('puts a change recorded mid-run before the script changes still to come', () => {
    const outage = { atMs: 5000, set: { 'downstream.outage': true } };
    const { store } = createTestLab({ timeline: [outage] });
    for (let i = 0; i < 2; i++) store.getState().step();
    store.getState().setParam('relay.workers', 3);
    expect(store.getState().scenario.timeline).toEqual([
      { atMs: 2000, set: { 'relay.workers': 3 } },
      outage,
    ]);
    // The controls show the change at once, and the script's change when its time comes.
    expect(store.getState().config.relay.workers).toBe(3);
    expect(store.getState().config.downstream.outage).toBe(false);
    for (let i = 0; i < 4; i++) store.getState().step();
    expect(store.getState().config.relay.workers).toBe(3);
    expect(store.getState().config.downstream.outage).toBe(true);
    // A change at the script's own instant is an entry of its own: the script stays as it came.
    expect(appendEntry([outage], { atMs: 5000, set: { 'relay.workers': 2 } }, [outage])).toEqual([
      outage,
      { atMs: 5000, set: { 'relay.workers': 2 } },
    ]);
  });

  it("forgets the person's changes and keeps the scenario's script", () => {
    const outage = { atMs: 1000, set: { 'downstream.outage': true } };
    const { store } = createTestLab({ timeline: [outage] });
    for (let i = 0; i < 3; i++) store.getState().step();
    store.getState().setParam('relay.retry.jitter', 'full');
    expect(store.getState().scenario.timeline).toHaveLength(2);
    store.getState().clearTimeline();
    expect(store.getState().scenario.timeline).toEqual([outage]);
    expect(store.getState().notice?.text).toBe(
      "Your changes are forgotten: a reset now replays the scenario's own script alone.",
    );
    store.getState().reset();
    for (let i = 0; i < 2; i++) store.getState().step();
    expect(store.getState().config.downstream.outage).toBe(true);
  });

  it("applies the person's setting changes from 0:00, keeping the script and their spikes", () => {
    const outage = { atMs: 1000, set: { 'downstream.outage': true } };
    const { store } = createTestLab({ timeline: [outage] });
    for (let i = 0; i < 3; i++) store.getState().step();
    store.getState().setParam('relay.retry.jitter', 'full');
    store.getState().spike();
    store.getState().step();
    store.getState().setParam('relay.workers', 4);
    const spike = store.getState().scenario.timeline.find((e) => 'action' in e)!;
    store.getState().applyFromStart();
    const state = store.getState();
    expect(state.nowMs).toBe(0);
    expect(state.scenario.relay.retry.jitter).toBe('full');
    expect(state.scenario.relay.workers).toBe(4);
    expect(state.scenario.timeline).toEqual([outage, spike]);
    expect(state.config.relay.retry.jitter).toBe('full');
    expect(state.notice?.text).toBe(
      'Your 2 changes now apply from 0:00, and the run started again.',
    );
    // Still a preset's script after that: forgetting keeps it.
    expect(state.script).toEqual([outage]);
  });

  it('refuses to apply changes from 0:00 that break a rule there, and keeps the run', () => {
    const { store } = createTestLab({
      relay: { retry: { baseDelayMs: 100, maxDelayMs: 5000 } },
      timeline: [{ atMs: 500, set: { 'relay.retry.baseDelayMs': 10 } }],
    });
    store.getState().step();
    store.getState().setParam('relay.retry.maxDelayMs', 50);
    const before = store.getState().scenario;
    store.getState().applyFromStart();
    expect(store.getState().notice?.text).toMatch(
      /^Your changes cannot all apply from 0:00: .*maxDelayMs.*at least.*baseDelayMs/,
    );
    expect(store.getState().scenario).toBe(before);
    expect(store.getState().nowMs).toBe(1000);
  });

  it('opens a scenario at its own speed and pauses by itself at each key moment, exactly', () => {
    const { store, host } = createTestLab();
    store.getState().loadScenario({
      meta: {
        title: 'Moments',
        speed: 10,
        moments: [
          { atMs: 12_500, note: 'The second one.' },
          { atMs: 3000, note: 'The first one.' },
        ],
      },
    });
    expect(store.getState().speed).toBe(10);
    store.getState().play();
    for (let i = 0; i < 200 && store.getState().running; i++) host.tick(50);
    expect(store.getState().running).toBe(false);
    expect(store.getState().nowMs).toBe(3000);
    expect(store.getState().moment?.note).toBe('The first one.');
    store.getState().play();
    expect(store.getState().moment).toBeNull();
    for (let i = 0; i < 200 && store.getState().running; i++) host.tick(50);
    expect(store.getState().nowMs).toBe(12_500);
    // With the switch off, play runs on past every moment.
    store.getState().reset();
    store.getState().setPauseAtMoments(false);
    store.getState().play();
    for (let i = 0; i < 40; i++) host.tick(50);
    expect(store.getState().running).toBe(true);
    expect(store.getState().nowMs).toBeGreaterThan(12_500);
  });

  it("shares the speed, and opens a link at it; a link without one at the scenario's own", () => {
    const { store } = createTestLab();
    store.getState().loadScenario({ meta: { title: 'Paced', speed: 10 } });
    store.getState().setSpeed(100);
    const link = store.getState().linkState();
    expect(link.speed).toBe(100);
    const other = createTestLab().store;
    other.getState().openLink(link);
    expect(other.getState().speed).toBe(100);
    const { speed: _, ...old } = link;
    other.getState().openLink(old);
    expect(other.getState().speed).toBe(10);
  });

  it('rejects an invalid change with a message naming the field, and keeps the setting', () => {
    const store = createTestLab().store;
    store.getState().step();
    store.getState().setParam('relay.retry.maxDelayMs', 10);
    expect(store.getState().notice?.text).toMatch(
      /`relay.retry.maxDelayMs`: expected at least relay.retry.baseDelayMs \(100 ms\), got 10/,
    );
    expect(store.getState().config.relay.retry.maxDelayMs).toBe(5000);
    expect(store.getState().scenario.timeline).toEqual([]);
  });

  it('refuses a scenario that does not parse, and keeps the one it has', () => {
    const store = createTestLab({ seed: 8 }).store;
    store.getState().loadScenario({ relay: { workers: -1 } });
    expect(store.getState().notice?.text).toBe(
      'This scenario cannot be loaded: `relay.workers`: expected an integer from 1 to 100000, or "unbounded", got -1',
    );
    expect(store.getState().scenario.seed).toBe(8);
    // The next good scenario clears the stale message.
    expect(store.getState().loadScenario({ seed: 9 })).toBe(true);
    expect(store.getState().notice).toBeNull();
  });

  it('handles queued engine messages together when given a scheduler', () => {
    const flushes: Array<() => void> = [];
    const { store } = createTestLab({}, { schedule: (flush) => flushes.push(flush) });
    store.getState().step();
    store.getState().step();
    expect(store.getState().nowMs).toBe(0);
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    expect(store.getState().nowMs).toBe(2000);
    expect(store.getState().points).toHaveLength(2);
  });

  it('keeps a bounded window of points over a long run', () => {
    const { store, host } = createTestLab({ traffic: { ratePerSec: 5 } });
    store.getState().setSpeed(100);
    store.getState().play();
    for (let i = 0; i < 500; i++) host.tick(50);
    expect(store.getState().nowMs).toBe(2_500_000);
    expect(store.getState().points).toHaveLength(900);
    expect(store.getState().points.at(-1)!.endMs).toBe(2_500_000);
    // As much fine call data as points: the calls chart covers the same window as the others.
    expect(store.getState().fineCalls).toHaveLength(3600);
    expect(store.getState().fineCalls[0]![0]).toBe(store.getState().points[0]!.startMs);
  });

  it('joins a snapshot that comes in parts (a whole window at Max) back together', () => {
    const { store, host } = createTestLab({ traffic: { ratePerSec: 5 } });
    store.getState().setSpeed('max');
    store.getState().play();
    for (let i = 0; i < 40; i++) host.tick(100);
    const { points, nowMs } = store.getState();
    // More points than one message carries, contiguous, up to the engine's clock.
    expect(points.length).toBeGreaterThan(150);
    points.forEach((point, i) => {
      if (i > 0) expect(point.startMs).toBe(points[i - 1]!.endMs);
    });
    expect(nowMs - points.at(-1)!.endMs).toBeLessThan(1000);
  });
});

describe('experiments', () => {
  it('compares A and B on the same traffic: identical arrivals in every point', () => {
    const store = createTestLab({
      seed: 3,
      durationMs: 60_000,
      downstream: { failureProbability: 0.4 },
    }).store;
    store.getState().setCompareSetting('relay.retry.maxRetries', 0);
    store.getState().runCompare();
    const run = store.getState().compareRun;
    expect(run.status).toBe('done');
    const { a, b } = run.result!;
    expect(a.points.map((p) => p.arrivals)).toEqual(b.points.map((p) => p.arrivals));
    expect(a.summary.requests).toBe(b.summary.requests);
    expect(b.summary.outcomes.deadLettered).toBeGreaterThan(a.summary.outcomes.deadLettered * 10);
    expect(a.points).toHaveLength(60);
    expect(a.fineCalls).toHaveLength(240);
  });

  it('refuses a bad setting for B, naming it', () => {
    const store = createTestLab().store;
    store.getState().setCompareSetting('relay.workers', 0);
    expect(store.getState().notice?.text).toMatch(/`B: relay.workers`: expected an integer from 1/);
    expect(store.getState().compare.set).toEqual({ 'relay.retry.jitter': 'full' });
  });

  it('sweeps a setting: one run per value, in order', () => {
    const store = createTestLab({
      durationMs: 20_000,
      downstream: { latency: { meanMs: 100 } },
    }).store;
    store.getState().setSweep({ path: 'relay.workers', from: 1, to: 7, steps: 4 });
    store.getState().runSweep();
    const [{ rows }] = store.getState().sweepRun.result!.lines as [SweepLine];
    expect(rows.map((r) => r.value)).toEqual([1, 3, 5, 7]);
    const rejected = rows.map((r) => r.summary!.outcomes.rejected);
    expect(rejected[0]).toBeGreaterThan(rejected[3]!);
  });

  it('reports a sweep value that makes no valid scenario, and still runs the others', () => {
    const store = createTestLab({
      durationMs: 5_000,
      relay: { retry: { maxDelayMs: 500 } },
    }).store;
    store.getState().setSweep({ path: 'relay.retry.baseDelayMs', from: 100, to: 1000, steps: 2 });
    store.getState().runSweep();
    const [{ rows }] = store.getState().sweepRun.result!.lines as [SweepLine];
    expect(rows[0]!.error).toBeNull();
    expect(rows[1]!.error).toMatch(/maxDelayMs/);
  });

  it('explains a sweep range out of bounds', () => {
    const store = createTestLab().store;
    store
      .getState()
      .setSweep({ path: 'downstream.failureProbability', from: 0, to: 1.5, steps: 5 });
    store.getState().runSweep();
    expect(store.getState().notice?.text).toBe(
      'Failure rate to must be between 0% and 100%, got 150%.',
    );
  });

  it('fast-forwards with progress and stops paused at the target', () => {
    const { store, host } = createTestLab({ traffic: { ratePerSec: 2000 } });
    store.getState().fastForward(600_000);
    expect(store.getState().fastForwardProgress).toBe(0);
    let ticks = 0;
    while (store.getState().fastForwardProgress !== null && ticks < 1000) {
      host.tick(16);
      ticks++;
    }
    expect(store.getState().nowMs).toBe(600_000);
    expect(store.getState().running).toBe(false);
  });

  it('loads a preset with its story and seed, and refuses an unknown one', async () => {
    const store = createTestLab().store;
    await store.getState().loadPreset('thundering-herd');
    expect(store.getState().preset?.title).toBe('Thundering herd');
    expect(store.getState().scenario.meta?.title).toBe('Thundering herd');
    expect(store.getState().scenario.seed).toBe(3);
    await store.getState().loadPreset('nope');
    expect(store.getState().notice?.text).toBe(
      'There is no guided scenario "nope"; the lab kept its current run.',
    );
    expect(store.getState().scenario.seed).toBe(3);
  });

  it('opens a guided scenario in the live lab, unless the person moved to another mode meanwhile', async () => {
    const store = createTestLab().store;
    store.getState().setMode('compare');
    await store.getState().loadPreset('thundering-herd');
    expect(store.getState().mode).toBe('live');
    const loading = store.getState().loadPreset('backpressure');
    store.getState().setMode('sweep');
    await loading;
    expect(store.getState().preset?.id).toBe('backpressure');
    expect(store.getState().mode).toBe('sweep');
  });

  it('loads only the last of two guided scenarios picked in quick succession', async () => {
    const store = createTestLab().store;
    const first = store.getState().loadPreset('thundering-herd');
    const second = store.getState().loadPreset('backpressure');
    await Promise.all([first, second]);
    expect(store.getState().preset?.id).toBe('backpressure');
    expect(store.getState().scenario.meta?.title).toBe(store.getState().preset?.title);
  });

  it('keeps the preset and its story through reset, a new seed and setting changes', async () => {
    const store = createTestLab().store;
    const lab = () => store.getState();
    await lab().loadPreset('thundering-herd');
    lab().setParam('relay.retry.jitter', 'full'); // its tip: switch jitter to Full and reset
    lab().reset();
    lab().setSeed(9);
    expect(lab().preset?.id).toBe('thundering-herd');
    expect(lab().storyHidden).toBe(false);
    expect(lab().scenario.meta?.title).toBe('Thundering herd');
    expect(lab().config.relay.retry.jitter).toBe('full');
    // Closed, it stays closed for this run; the next scenario brings its own story back.
    lab().hideStory();
    lab().reset();
    expect(lab().storyHidden).toBe(true);
    lab().openLink({ ...lab().linkState(), scenario: lab().scenario });
    expect(lab().storyHidden).toBe(false);
    expect(lab().preset?.id).toBe('thundering-herd');
    lab().loadScenario({});
    expect(lab().preset).toBeNull();
  });

  it('says when replayed dead letters were refused at once, and how many', () => {
    // One worker, no queue, an outage: every request dead-letters; a replay-all while the worker
    // is busy gets 429 for all but (at most) one, and they go back to the queue.
    const store = createTestLab({
      traffic: { ratePerSec: 200 },
      downstream: { outage: true },
      relay: { workers: 1, queueCapacity: 0, retry: { maxRetries: 0 } },
    }).store;
    const lab = () => store.getState();
    lab().step();
    const held = lab().summary!.deadLetters.size;
    expect(held).toBeGreaterThan(10);
    lab().replayAllDeadLetters();
    const refused = lab().summary!.deadLetters.size;
    expect(refused).toBeGreaterThanOrEqual(held - 1);
    expect(lab().notice).toEqual({
      kind: 'info',
      text: `${refused} of the ${held} dead letters replayed were refused at once (429: the relay is full, or 409: its key is in progress) and are back in the dead-letter queue: replay again once the queue has drained.`,
    });
  });
});

describe('issue 13.8: a p99 left behind by a latency that is no longer lognormal', () => {
  const lognormal: ScenarioInput = {
    downstream: { latency: { distribution: 'lognormal', meanMs: 50, p99Ms: 400 } },
  };

  it('goes when the starting latency moves away from lognormal, so the run still saves', () => {
    const { store } = createTestLab(lognormal);
    store.getState().setParam('downstream.latency.distribution', 'exponential');
    const { scenario } = store.getState();
    expect(scenario.downstream.latency).toEqual({ distribution: 'exponential', meanMs: 50 });
    expect(parseScenario(JSON.parse(JSON.stringify(scenario)))).toEqual(scenario);
  });

  it('stays in a live change, and B of a comparison may have another distribution', () => {
    const { store } = createTestLab(lognormal);
    store.getState().step();
    store.getState().setParam('downstream.latency.distribution', 'constant');
    expect(store.getState().config.downstream.latency.p99Ms).toBe(400);
    store.getState().setCompareSetting('downstream.latency.distribution', 'constant');
    expect(store.getState().notice).toBeNull();
    store.getState().runCompare();
    expect(store.getState().compareRun.status).toBe('done');
  });
});

describe('issue 13.2: a live change that would need more memory than a tab has', () => {
  it('is refused naming the setting, before and during a run, and changes nothing', () => {
    const { store } = createTestLab({
      durationMs: 600_000,
      traffic: { ratePerSec: 5000 },
      relay: { retry: { maxRetries: 10, attemptTimeoutMs: 60_000, maxDelayMs: 60_000 } },
    });
    store.getState().setParam('relay.workers', 'unbounded');
    expect(store.getState().notice?.text).toMatch(
      /^`relay.workers`: this run needs about .* GB of memory at worst.*bound the workers/,
    );
    expect(store.getState().scenario.relay.workers).toBe(8);
    store.getState().dismissNotice();
    store.getState().step();
    store.getState().setParam('relay.workers', 'unbounded');
    expect(store.getState().notice?.text).toMatch(/^`relay.workers`: this run needs about/);
    expect(store.getState().scenario.timeline).toEqual([]);
    expect(store.getState().config.relay.workers).toBe(8);
  });
});

describe('issue 13.4: a scenario file is read off the main thread, within bounds', () => {
  const file = (name: string, text: string, size = text.length) => ({
    name,
    size,
    text: async () => text,
  });

  it('loads a good file through the parse host, and names a bad one in its notice', async () => {
    const reads: string[] = [];
    const { store } = createTestLab(
      {},
      {
        parse: {
          readScenario: async (text) => {
            reads.push(text);
            return readScenarioText(text);
          },
          readLink: async (json, version) => readLinkData(json, version),
        },
      },
    );
    expect(await store.getState().importScenarioFile(file('a.json', '\uFEFF{"seed": 12}'))).toBe(
      true,
    );
    expect(store.getState().scenario.seed).toBe(12);
    const deep = `{"seed": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(await store.getState().importScenarioFile(file('deep.json', deep))).toBe(false);
    expect(store.getState().notice?.text).toMatch(
      /^deep\.json: This scenario cannot be loaded: `seed(\[0\])+`: nested more than 20 levels deep/,
    );
    expect(reads).toHaveLength(2);
    expect(store.getState().scenario.seed).toBe(12);
  });

  it('refuses a file over 32 MB without reading it', async () => {
    const { store } = createTestLab();
    const huge = {
      name: 'huge.json',
      size: MAX_SCENARIO_FILE_BYTES + 1,
      text: async () => {
        throw new Error('read');
      },
    };
    expect(await store.getState().importScenarioFile(huge)).toBe(false);
    expect(store.getState().notice?.text).toBe(
      'huge.json: This scenario cannot be loaded: the file is 32.0 MB, and scenario files are at most 32 MB.',
    );
  });
});
