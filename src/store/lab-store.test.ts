import { describe, expect, it } from 'vitest';
import { createInlineHost } from './engine-host';
import { appendEntry, createLabStore } from './lab-store';

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
    const store = createLabStore(createInlineHost());
    store.getState().step();
    store.getState().setParam('relay.retry.maxDelayMs', 10);
    expect(store.getState().notice?.text).toMatch(
      /`relay.retry.maxDelayMs`: expected at least relay.retry.baseDelayMs \(100 ms\), got 10/,
    );
    expect(store.getState().config.relay.retry.maxDelayMs).toBe(5000);
    expect(store.getState().scenario.timeline).toEqual([]);
  });

  it('refuses a scenario that does not parse, and keeps the one it has', () => {
    const store = createLabStore(createInlineHost(), { seed: 8 });
    store.getState().loadScenario({ relay: { workers: -1 } });
    expect(store.getState().notice?.text).toBe(
      'This scenario cannot be loaded: `relay.workers`: expected an integer from 1 to 100000, or "unbounded", got -1',
    );
    expect(store.getState().scenario.seed).toBe(8);
  });

  it('handles queued engine messages together when given a scheduler', () => {
    const flushes: Array<() => void> = [];
    const host = createInlineHost();
    const store = createLabStore(host, {}, { schedule: (flush) => flushes.push(flush) });
    store.getState().step();
    store.getState().step();
    expect(store.getState().nowMs).toBe(0);
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    expect(store.getState().nowMs).toBe(2000);
    expect(store.getState().points).toHaveLength(2);
  });

  it('keeps a bounded window of points over a long run', () => {
    const host = createInlineHost();
    const store = createLabStore(host, { traffic: { ratePerSec: 5 } });
    store.getState().setSpeed(100);
    store.getState().play();
    for (let i = 0; i < 500; i++) host.tick(50);
    expect(store.getState().nowMs).toBe(2_500_000);
    expect(store.getState().points).toHaveLength(900);
    expect(store.getState().points.at(-1)!.endMs).toBe(2_500_000);
    expect(store.getState().fineCalls).toHaveLength(240);
  });
});
