import { describe, expect, it } from 'vitest';
import { attemptNumber, type DeadLetter, DeadLetterQueue } from './dead-letter-queue';

/** A dead letter with id `id` and one failed attempt. */
const letter = (id: number): DeadLetter => ({
  id,
  cause: 'retriesExhausted',
  requestId: id * 10,
  logicalId: id * 100,
  key: id % 2 === 0 ? id : null,
  arrivedAtMs: id,
  deadLetteredAtMs: id + 50,
  attempts: [{ startMs: id, endMs: id + 50, outcome: 'failure', backoffDelayMs: null }],
  attemptCount: 1,
  omittedAttempts: 0,
});
/** A queue of capacity `capacity` with letters `ids` added in order. */
const dlqOf = (capacity: number, ids: number[]) => {
  const dlq = new DeadLetterQueue(capacity);
  for (const id of ids) dlq.add(letter(id));
  return dlq;
};
const ids = (letters: readonly DeadLetter[]) => letters.map((l) => l.id);

describe('DeadLetterQueue', () => {
  it('keeps entries oldest first, with everything they hold', () => {
    const dlq = dlqOf(10, [3, 1, 2]);
    expect(ids(dlq.list())).toEqual([3, 1, 2]);
    expect(dlq.get(1)).toEqual(letter(1));
    expect(dlq.get(99)).toBeUndefined();
    expect([dlq.size, dlq.added, dlq.overflowed]).toEqual([3, 3, 0]);
  });

  it('take removes one entry by id, once', () => {
    const dlq = dlqOf(10, [1, 2, 3]);
    expect(dlq.take(2)).toEqual(letter(2));
    expect(dlq.take(2)).toBeUndefined();
    expect(dlq.get(2)).toBeUndefined();
    expect(ids(dlq.list())).toEqual([1, 3]);
    expect(dlq.size).toBe(2);
  });

  it('takeAll removes and returns every entry, oldest first', () => {
    const dlq = dlqOf(10, [1, 2, 3]);
    expect(ids(dlq.takeAll())).toEqual([1, 2, 3]);
    expect(dlq.size).toBe(0);
    expect(dlq.takeAll()).toEqual([]);
    expect(dlq.added).toBe(3);
  });

  it.each([
    [undefined, [1, 2, 3, 4]],
    [2, [3, 4]],
    [4, [1, 2, 3, 4]],
    [10, [1, 2, 3, 4]],
    [0, []],
  ])('list(%s) gives the newest entries, oldest first', (limit, expected) => {
    const dlq = dlqOf(10, [1, 2, 3, 4]);
    expect(ids(dlq.list(limit))).toEqual(expected);
    expect(dlq.size).toBe(4);
  });

  it('list returns a copy', () => {
    const dlq = dlqOf(10, [1, 2]);
    dlq.list().pop();
    expect(dlq.size).toBe(2);
  });

  it('when full drops the oldest entry for a new one and counts it', () => {
    const dlq = dlqOf(3, [1, 2, 3]);
    expect(dlq.overflowed).toBe(0);
    dlq.add(letter(4));
    expect(ids(dlq.list())).toEqual([2, 3, 4]);
    expect(dlq.get(1)).toBeUndefined();
    dlq.add(letter(5));
    expect(ids(dlq.list())).toEqual([3, 4, 5]);
    expect([dlq.size, dlq.added, dlq.overflowed]).toEqual([3, 5, 2]);
  });

  it('makes room by taking, with no overflow', () => {
    const dlq = dlqOf(2, [1, 2]);
    dlq.take(1);
    dlq.add(letter(3));
    expect(ids(dlq.list())).toEqual([2, 3]);
    expect(dlq.overflowed).toBe(0);
  });

  it('with capacity 0 keeps nothing and counts every entry as overflow', () => {
    const dlq = dlqOf(0, [1, 2, 3]);
    expect(dlq.size).toBe(0);
    expect(dlq.list()).toEqual([]);
    expect([dlq.added, dlq.overflowed]).toEqual([3, 3]);
  });

  it('trims the oldest entries when the capacity is lowered, and counts them', () => {
    const dlq = dlqOf(5, [1, 2, 3, 4, 5]);
    dlq.capacity = 2;
    expect(dlq.capacity).toBe(2);
    expect(ids(dlq.list())).toEqual([4, 5]);
    expect(dlq.overflowed).toBe(3);
    dlq.capacity = 4;
    dlq.add(letter(6));
    expect(ids(dlq.list())).toEqual([4, 5, 6]);
    expect(dlq.overflowed).toBe(3);
    dlq.capacity = 0;
    expect([dlq.size, dlq.overflowed]).toEqual([0, 6]);
  });
});

describe('issue 13.2: attemptNumber', () => {
  it('numbers the kept attempts among all: those after the omitted ones count past them', () => {
    const attempts = Array.from({ length: 8 }, (_, i) => ({
      startMs: i,
      endMs: i + 1,
      outcome: 'failure' as const,
      backoffDelayMs: null,
    }));
    const entry = { ...letter(1), attempts, attemptCount: 20, omittedAttempts: 12 };
    expect(attempts.map((_, i) => attemptNumber(entry, i))).toEqual([1, 2, 15, 16, 17, 18, 19, 20]);
    const whole = { ...letter(2), attempts: attempts.slice(0, 5), attemptCount: 5 };
    expect(whole.attempts.map((_, i) => attemptNumber(whole, i))).toEqual([1, 2, 3, 4, 5]);
  });
});
