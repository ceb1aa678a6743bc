import { describe, expect, it } from 'vitest';
import { appendEntry, type SweepLine } from './lab-store';
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
    expect(store.getState().fineCalls).toHaveLength(240);
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

  it('loads a preset with its story and seed, and refuses an unknown one', () => {
    const store = createTestLab().store;
    store.getState().loadPreset('thundering-herd');
    expect(store.getState().preset?.scenario.meta?.title).toBe('Thundering herd');
    expect(store.getState().scenario.seed).toBe(3);
    store.getState().loadPreset('nope');
    expect(store.getState().notice?.text).toBe(
      'There is no guided scenario "nope"; the lab kept its current run.',
    );
    expect(store.getState().scenario.seed).toBe(3);
  });

  it('keeps the preset and its story through reset, a new seed and setting changes', () => {
    const store = createTestLab().store;
    const lab = () => store.getState();
    lab().loadPreset('thundering-herd');
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
