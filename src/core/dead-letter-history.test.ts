import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation';

/** One request into a downstream that is out, retried `maxRetries` times 10 ms apart. */
const outage = (maxRetries: number) =>
  createSimulation({
    durationMs: 60_000,
    traffic: { ratePerSec: 0, keyedRatio: 1, bursts: [{ atMs: 0, count: 1 }] },
    downstream: { outage: true, latency: { distribution: 'constant', meanMs: 5 } },
    relay: { retry: { maxRetries, baseDelayMs: 10, maxDelayMs: 10, jitter: 'none' } },
  });

describe('issue 13.2: a dead letter keeps a bounded attempt history', () => {
  it('keeps every attempt up to 8', () => {
    const simulation = outage(7);
    simulation.advanceTo(10_000);
    const [letter] = simulation.deadLetters();
    expect(letter).toMatchObject({ attemptCount: 8, omittedAttempts: 0 });
    expect(letter?.attempts.map((a) => a.startMs)).toEqual([0, 15, 30, 45, 60, 75, 90, 105]);
  });

  it('keeps the first 2 and the last 6 of 101 attempts, and counts the 93 between', () => {
    const simulation = outage(100);
    simulation.advanceTo(10_000);
    const [letter] = simulation.deadLetters();
    expect(letter).toMatchObject({ attemptCount: 101, omittedAttempts: 93 });
    expect(letter?.attempts.map((a) => a.startMs)).toEqual([
      0, 15, 1425, 1440, 1455, 1470, 1485, 1500,
    ]);
    expect(letter?.attempts.map((a) => a.backoffDelayMs)).toEqual([
      10,
      10,
      10,
      10,
      10,
      10,
      10,
      null,
    ]);
  });

  it('carries the merged, bounded history through a replay that fails again', () => {
    const simulation = outage(9);
    simulation.advanceTo(10_000);
    const [first] = simulation.deadLetters();
    expect(first).toMatchObject({ attemptCount: 10, omittedAttempts: 2 });
    simulation.replayDeadLetter(first!.id);
    simulation.advanceTo(20_000);
    const [again] = simulation.deadLetters();
    expect(again).toMatchObject({ attemptCount: 20, omittedAttempts: 12 });
    expect(again?.id).not.toBe(first?.id);
    // The first two of the first run, then the last six of the replay's run at 10 s.
    expect(again?.attempts.map((a) => a.startMs)).toEqual([
      0, 15, 10_060, 10_075, 10_090, 10_105, 10_120, 10_135,
    ]);
    expect(again?.attempts.slice(0, 2)).toEqual(first?.attempts.slice(0, 2));
  });
});
