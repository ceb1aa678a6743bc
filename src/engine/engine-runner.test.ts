import { describe, expect, it } from 'vitest';
import { standardWorkload } from '../bench/standard-workload';
import {
  createSimulation,
  downsample,
  type MetricsBucket,
  RETRY_SAMPLES_PER_BUCKET,
  RETRY_SAMPLES_SHOWN,
} from '../core';
import { retryDelays } from '../store/series';
import {
  EngineRunner,
  keepNewestSamples,
  MAX_POINTS,
  POINTS_PER_MESSAGE,
  snapshotEveryMs,
} from './engine-runner';
import type { EngineMessage, EngineSnapshot, Speed } from './protocol';

/**
 * A runner whose wall clock moves `msPerRead` each time it is read: every advance looks heavy,
 * as on a link whose second of virtual time takes seconds of work.
 */
function heavyRunner(msPerRead: number) {
  const messages: EngineMessage[] = [];
  let wallMs = 0;
  const runner = new EngineRunner(
    (message) => messages.push(message),
    () => (wallMs += msPerRead),
  );
  const snapshots = () =>
    messages.filter((m): m is EngineSnapshot & { run: number } => m.type === 'snapshot');
  return { runner, messages, snapshots };
}

const load = { type: 'load', scenario: { traffic: { ratePerSec: 2000 } } } as const;

describe('issue 13.3: a step on a heavy run shows it is working and can be stopped', () => {
  it('runs a step in slices, with its progress in the snapshots, to exactly 1 s', () => {
    const { runner, snapshots } = heavyRunner(20);
    runner.handle(load);
    runner.handle({ type: 'step', ms: 1000 });
    // Each advance took 20 ms of wall time: the step stops at its 30 ms budget, under way.
    const first = snapshots().at(-1)!;
    expect(first.nowMs).toBeGreaterThan(0);
    expect(first.nowMs).toBeLessThan(1000);
    expect(first.step).toBeCloseTo(first.nowMs / 1000, 9);
    expect(first.fastForward).toBeNull();
    const seen = new Set<number>();
    for (let tick = 0; tick < 1000 && snapshots().at(-1)!.step !== null; tick++) {
      runner.tick();
      seen.add(snapshots().at(-1)!.nowMs);
    }
    const last = snapshots().at(-1)!;
    expect(last).toMatchObject({ nowMs: 1000, step: null });
    // Progress came in many snapshots, each further on.
    expect(seen.size).toBeGreaterThan(5);
  });

  it('stops a step under way at a pause, where it is, and goes no further', () => {
    const { runner, messages, snapshots } = heavyRunner(20);
    runner.handle(load);
    runner.handle({ type: 'step', ms: 1000 });
    runner.tick();
    runner.handle({ type: 'pause' });
    const stoppedAt = snapshots().at(-1)!;
    expect(stoppedAt.step).toBeNull();
    expect(stoppedAt.nowMs).toBeLessThan(1000);
    expect(messages.at(-1)?.type).toBe('paused');
    for (let tick = 0; tick < 20; tick++) runner.tick();
    expect(snapshots().at(-1)!.nowMs).toBe(stoppedAt.nowMs);
  });

  it('ends a light step within the command, as before (no progress shown)', () => {
    const { runner, snapshots } = heavyRunner(0);
    runner.handle(load);
    runner.handle({ type: 'step', ms: 1000 });
    expect(snapshots().at(-1)).toMatchObject({ nowMs: 1000, step: null });
  });

  it('slices a fast-forward the same way: small slices while the work is heavy', () => {
    const { runner, snapshots } = heavyRunner(20);
    runner.handle(load);
    runner.handle({ type: 'fastForward', ms: 60_000 });
    for (let tick = 0; tick < 10 && !(snapshots().at(-1)!.fastForward! > 0); tick++) runner.tick();
    const slow = snapshots().at(-1)!;
    expect(slow.fastForward).toBeGreaterThan(0);
    // Heavy advances shrink the slice: one tick covers far less than the old 5 s chunks.
    expect(slow.nowMs).toBeLessThan(5000);
  });
});

/** A light run (1 request/s) playing at `speed`, its wall clock moving 2 ms at each read. */
function playingRunner(speed: Speed) {
  const clock = { nowMs: 0 };
  const messages: EngineMessage[] = [];
  const runner = new EngineRunner(
    (message) => messages.push(message),
    () => (clock.nowMs += 2),
  );
  runner.handle({ type: 'load', scenario: { traffic: { ratePerSec: 1 } } });
  runner.handle({ type: 'play', speed });
  return { runner, messages, clock };
}

describe('snapshots while playing come at a rate set by the speed', () => {
  /** Snapshots sent while playing at `speed` for `wallMs` of wall time. */
  function snapshotsOver(speed: Speed, wallMs: number) {
    const { runner, messages, clock } = playingRunner(speed);
    const from = clock.nowMs;
    const before = messages.length;
    while (clock.nowMs - from < wallMs) runner.tick();
    return messages.slice(before).filter((m) => m.type === 'snapshot').length;
  }

  it.each([
    [1, 100],
    [10, 100],
    [100, 250],
    ['max', 1000],
  ] as const)('at %s×, one every %i ms of wall time', (speed, everyMs) => {
    expect(snapshotEveryMs(speed)).toBe(everyMs);
    const count = snapshotsOver(speed, 5000);
    // A snapshot waits for the end of the tick where its time comes (ticks of up to ~30 ms).
    expect(count).toBeLessThanOrEqual(5000 / everyMs);
    expect(count).toBeGreaterThanOrEqual((5000 / everyMs) * 0.75);
  });

  it('is busy (ticks again at once) only while playing at Max or running a job', () => {
    const { runner } = heavyRunner(1);
    expect(runner.busy).toBe(false);
    runner.handle(load);
    runner.handle({ type: 'play', speed: 100 });
    expect(runner.busy).toBe(false);
    runner.handle({ type: 'setSpeed', speed: 'max' });
    expect(runner.busy).toBe(true);
    runner.handle({ type: 'pause' });
    expect(runner.busy).toBe(false);
    runner.handle({ type: 'fastForward', ms: 600_000 });
    expect(runner.busy).toBe(true);
    runner.handle({ type: 'pause' });
    expect(runner.busy).toBe(false);
  });
});

describe('a snapshot sends only the backoff samples the retry-timing chart can show', () => {
  it('keeps the newest samples, whole points of them, and the chart draws the same', () => {
    const simulation = createSimulation(standardWorkload(600_000), { keepBuckets: 4000 });
    simulation.advanceTo(600_000);
    const points = downsample(simulation.takeBuckets(), 4);
    const sent = structuredClone(points);
    keepNewestSamples(sent);
    const count = (ps: MetricsBucket[]) => ps.reduce((n, p) => n + p.retryDelaySamples.length, 0);
    // The run has far more samples than the chart bins: most are left out, enough are kept.
    expect(count(points)).toBeGreaterThan(4 * RETRY_SAMPLES_SHOWN);
    expect(count(sent)).toBeGreaterThanOrEqual(RETRY_SAMPLES_SHOWN);
    expect(count(sent)).toBeLessThan(RETRY_SAMPLES_SHOWN + 2 * RETRY_SAMPLES_PER_BUCKET);
    expect(sent.at(0)!.retryDelaySamples).toEqual([]);
    expect(sent.at(-1)!.retryDelaySamples).toEqual(points.at(-1)!.retryDelaySamples);
    for (const windowPoints of [sent, sent.slice(-120), sent.slice(-30)]) {
      const all = points.slice(-windowPoints.length);
      expect(retryDelays(windowPoints)).toEqual(retryDelays(all));
    }
  });
});

describe('a snapshot of many points comes in parts', () => {
  it('sends the oldest points ahead in messages of at most POINTS_PER_MESSAGE, in order', () => {
    const { runner, messages, clock } = playingRunner('max');
    while (clock.nowMs < 5000) runner.tick();
    // The last snapshot and the parts just ahead of it: the points since the last, oldest first.
    const last = messages.findLastIndex((m) => m.type === 'snapshot');
    let first = last;
    while (messages[first - 1]?.type === 'points') first--;
    const parts = messages.slice(first, last) as Array<{ points: MetricsBucket[] }>;
    const snapshot = messages[last] as EngineSnapshot;
    for (const part of parts) expect(part.points).toHaveLength(POINTS_PER_MESSAGE);
    expect(snapshot.points.length).toBeLessThanOrEqual(POINTS_PER_MESSAGE);
    const points = [...parts.flatMap((part) => part.points), ...snapshot.points];
    expect(points.length).toBeGreaterThan(4 * POINTS_PER_MESSAGE);
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(parts).toHaveLength(Math.ceil(points.length / POINTS_PER_MESSAGE) - 1);
    points.forEach((point, i) => {
      if (i > 0) expect(point.startMs).toBe(points[i - 1]!.endMs);
    });
    // Parts always lead to a snapshot; a snapshot that fits in one message comes alone.
    messages.forEach((message, i) => {
      const next = messages[i + 1]?.type;
      if (message.type === 'points') expect(['points', 'snapshot']).toContain(next);
      if (message.type === 'snapshot' && messages[i - 1]?.type !== 'points') {
        expect(message.points.length).toBeLessThanOrEqual(POINTS_PER_MESSAGE);
      }
    });
  });
});
