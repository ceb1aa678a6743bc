import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from './dead-letter-queue';
import { Fate } from './downstream';
import { type RelayRequest, RequestPool, TIMEOUT } from './relay-request';

const logical = (id: number) => ({
  id,
  key: id,
  effects: 0,
  resends: 0,
  resendsSent: 0,
  resendDelayMs: 0,
  firstSentAtMs: 0,
  served: false,
});

describe('RelayRequest and RequestPool', () => {
  it('records failed attempts and their backoff delays, oldest first', () => {
    const request = new RequestPool().take(1, logical(1), 100, 10);
    request.addFailure(100, 110, Fate.Failure);
    request.setLastDelay(7);
    request.addFailure(117, 1117, TIMEOUT);
    expect(request.attemptRecords()).toEqual([
      { startMs: 100, endMs: 110, outcome: 'failure', backoffDelayMs: 7 },
      { startMs: 117, endMs: 1117, outcome: 'timeout', backoffDelayMs: null },
    ]);
  });

  it('round-trips attempt records (a replayed dead letter keeps its history)', () => {
    const records = [
      { startMs: 0, endMs: 5, outcome: 'failure' as const, backoffDelayMs: 3 },
      { startMs: 8, endMs: 20, outcome: 'timeout' as const, backoffDelayMs: null },
    ];
    const request = new RequestPool().take(1, logical(1), 30, 10);
    request.addAttempts({ attempts: records, omittedAttempts: 0 });
    expect(request.attemptRecords()).toEqual(records);
    expect([request.failures, request.omittedAttempts]).toEqual([2, 0]);
  });

  it('hands a retired request out again as new: no attempts, no history, its new identity', () => {
    const pool = new RequestPool();
    const first = pool.take(1, logical(1), 100, 10);
    first.attempts = 3;
    first.previousDelayMs = 40;
    first.addFailure(100, 110, Fate.Failure);
    first.addFailure(120, 130, Fate.Failure);
    pool.retire(first);
    expect(first.logical.id).toBe(-1); // it holds on to nothing

    const second = pool.take(2, logical(2), 200, 15);
    expect(second).toBe(first);
    expect(second).toMatchObject({ id: 2, arrivedAtMs: 200, attempts: 0, previousDelayMs: 15 });
    expect(second.logical.id).toBe(2);
    expect(second.attemptRecords()).toEqual([]);
    second.addFailure(200, 205, Fate.Failure);
    expect(second.attemptRecords()).toEqual([
      { startMs: 200, endMs: 205, outcome: 'failure', backoffDelayMs: null },
    ]);
    expect(pool.take(3, logical(3), 300, 10)).not.toBe(second);
  });
});

/** Failed attempt `n` (from 0): its times, a timeout every third, and a backoff after it. */
const failure = (n: number): AttemptRecord => ({
  startMs: 100 * n,
  endMs: 100 * n + 10 + (n % 7),
  outcome: n % 3 === 2 ? 'timeout' : 'failure',
  backoffDelayMs: n % 5 === 4 ? null : 50 + n,
});
/** Records `records` on `request` as its own failed attempts, with their backoff delays. */
const fail = (request: RelayRequest, records: readonly AttemptRecord[]) => {
  for (const r of records) {
    request.addFailure(r.startMs, r.endMs, r.outcome === 'timeout' ? TIMEOUT : Fate.Failure);
    if (r.backoffDelayMs !== null) request.setLastDelay(r.backoffDelayMs);
  }
};
/** What a dead letter keeps of `all`: every attempt up to 8, else the first 2 and the last 6. */
const bounded = (all: readonly AttemptRecord[]) =>
  all.length <= 8 ? [...all] : [...all.slice(0, 2), ...all.slice(-6)];
const failures = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => failure(from + i));

describe('issue 13.2: a request keeps a bounded attempt history', () => {
  it.each([0, 1, 2, 7, 8, 9, 14, 101])(
    'of %i failed attempts keeps the first 2 and the last 6, and counts the rest',
    (count) => {
      const request = new RequestPool().take(1, logical(1), 0, 10);
      fail(request, failures(0, count));
      expect(request.attemptRecords()).toEqual(bounded(failures(0, count)));
      expect(request.failures).toBe(count);
      expect(request.omittedAttempts).toBe(Math.max(0, count - 8));
      expect(request.history.length).toBeLessThanOrEqual(32);
    },
  );

  it('merges the bounded history of a replayed dead letter with the attempts of the replay', () => {
    const first = new RequestPool().take(1, logical(1), 0, 10);
    fail(first, failures(0, 20));
    const letter = { attempts: first.attemptRecords(), omittedAttempts: first.omittedAttempts };
    expect(letter.omittedAttempts).toBe(12);
    const replay = new RequestPool().take(2, logical(1), 5000, 10);
    replay.addAttempts(letter);
    fail(replay, failures(20, 3));
    expect(replay.attemptRecords()).toEqual(bounded(failures(0, 23)));
    expect([replay.failures, replay.omittedAttempts]).toEqual([23, 15]);
  });

  it('matches the whole history, bounded, through any number of replays', () => {
    // Each run through the relay fails `runs[i]` more times, then is dead-lettered and replayed.
    const runs = fc.array(fc.nat(12), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(runs, (counts) => {
        const pool = new RequestPool();
        let letter = { attempts: [] as AttemptRecord[], omittedAttempts: 0 };
        let total = 0;
        for (const count of counts) {
          const request = pool.take(total, logical(1), 0, 10);
          request.addAttempts(letter);
          fail(request, failures(total, count));
          total += count;
          letter = { attempts: request.attemptRecords(), omittedAttempts: request.omittedAttempts };
          expect(letter.attempts.length + letter.omittedAttempts).toBe(request.failures);
          pool.retire(request);
        }
        expect(letter.attempts).toEqual(bounded(failures(0, total)));
        expect(letter.omittedAttempts).toBe(Math.max(0, total - 8));
      }),
    );
  });
});
