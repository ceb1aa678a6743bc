import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, withSettings } from '../core';
import type { BatchHost } from '../engine/batch-host';
import type { BatchCommand, BatchMessage } from '../engine/batch-runner';
import { findPreset } from '../share/presets';
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
    reply({ type: 'swept', id: sweep!.id, rows: [] }); // too late: ignored
    expect(lab().sweepRun.status).toBe('idle');
    reply({ type: 'progress', id: compare!.id, done: 1, total: 4 });
    expect(lab().compareRun.progress).toBe(0.25);
    expect(lab().sweepRun.progress).toBe(0);
    // A sweep run again works (it is not stuck behind the stopped one).
    lab().runSweep();
    reply({ type: 'swept', id: sent[2]!.id, rows: [] });
    expect(lab().sweepRun.status).toBe('done');
  });

  it('a failed run keeps the result it had', () => {
    const { host, sent, reply } = deferredHost();
    const store = createTestLab({}, { batch: host }).store;
    const lab = () => store.getState();
    lab().runSweep();
    reply({ type: 'swept', id: sent[0]!.id, rows: [] });
    lab().runSweep();
    reply({ type: 'failed', id: -1, message: 'The batch worker stopped.' });
    expect(lab().sweepRun).toMatchObject({
      status: 'failed',
      message: 'The batch worker stopped.',
      result: [],
    });
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
    const command = sent[0] as Extract<BatchCommand, { type: 'compare' }>;
    expect(command.a.durationMs).toBe(600_000);
    expect(command.b).toEqual({ 'relay.retry.jitter': 'full', 'relay.workers': 16 });
    expect(lab().scenario.durationMs).toBe(60_000); // A's own length is left alone
    // B changes while it runs: the result still says what ran.
    lab().setCompareSetting('relay.workers', 32);
    lab().setCompareDuration(null);
    expect(lab().compare).not.toHaveProperty('durationMs');
    const side = { summary: runScenario({ durationMs: 1000 }), points: [], fineCalls: [] };
    reply({ type: 'compared', id: command.id, a: side, b: side });
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
