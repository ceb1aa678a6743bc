import { describe, expect, it } from 'vitest';
import { Fate } from './downstream';
import { RequestPool, TIMEOUT } from './relay-request';

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
    request.addAttempts(records);
    expect(request.attemptRecords()).toEqual(records);
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
