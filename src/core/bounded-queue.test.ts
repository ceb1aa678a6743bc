import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

/** A queue of capacity `capacity` holding `items`, pushed in order. */
function queueOf(capacity: number, items: number[] = []): BoundedQueue<number> {
  const queue = new BoundedQueue<number>(capacity);
  for (const item of items) expect(queue.push(item)).toBe(true);
  return queue;
}
const drain = <T>(queue: BoundedQueue<T>) =>
  Array.from({ length: queue.size }, () => queue.shift());
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('BoundedQueue', () => {
  it('hands items out first in, first out', () => {
    const queue = queueOf(10, [1, 2, 3]);
    expect(queue.toArray()).toEqual([1, 2, 3]);
    expect(queue.shift()).toBe(1);
    queue.push(4);
    expect(drain(queue)).toEqual([2, 3, 4]);
    expect(queue.shift()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('refuses a push when full, keeps nothing of it, and accepts again after a shift', () => {
    const queue = queueOf(3, [1, 2, 3]);
    expect(queue.isFull).toBe(true);
    expect(queue.push(4)).toBe(false);
    expect(queue.size).toBe(3);
    expect(queue.toArray()).toEqual([1, 2, 3]);
    queue.shift();
    expect(queue.isFull).toBe(false);
    expect(queue.push(5)).toBe(true);
    expect(queue.toArray()).toEqual([2, 3, 5]);
  });

  it('with capacity 0 refuses every push', () => {
    const queue = queueOf(0);
    expect(queue.isFull).toBe(true);
    expect(queue.push(1)).toBe(false);
    expect(queue.size).toBe(0);
  });

  it('keeps the order when it grows past 16 items while wrapped around', () => {
    const queue = queueOf(1000, range(0, 10));
    expect(drain(queue)).toEqual(range(0, 10)); // the head now sits at slot 10 of 16
    for (const item of range(10, 100)) queue.push(item); // wraps past slot 15, grows at 16, 32, 64
    expect(queue.size).toBe(90);
    expect(queue.toArray()).toEqual(range(10, 100));
    expect(drain(queue)).toEqual(range(10, 100));
  });

  it('keeps the order when it grows while the head is mid-ring and items remain', () => {
    const queue = queueOf(1000, range(0, 12));
    for (let i = 0; i < 9; i++) queue.shift();
    for (const item of range(12, 40)) queue.push(item); // wraps at 16, then grows at 16 held
    expect(drain(queue)).toEqual(range(9, 40));
  });

  it('after lowering the capacity below its size keeps the items but refuses pushes until drained', () => {
    const queue = queueOf(5, [1, 2, 3, 4]);
    queue.capacity = 2;
    expect(queue.capacity).toBe(2);
    expect(queue.size).toBe(4);
    expect(queue.isFull).toBe(true);
    expect(queue.push(5)).toBe(false);
    queue.shift();
    queue.shift();
    expect(queue.push(6)).toBe(false);
    queue.shift();
    expect(queue.push(7)).toBe(true);
    expect(queue.toArray()).toEqual([4, 7]);
    queue.capacity = 4;
    expect(queue.push(8)).toBe(true);
    expect(queue.toArray()).toEqual([4, 7, 8]);
  });

  it('toArray returns a copy', () => {
    const queue = queueOf(5, [1, 2]);
    queue.toArray().push(99);
    expect(queue.toArray()).toEqual([1, 2]);
  });

  it('behaves like an array (shift, pop, peek) with a capacity check, for any sequence', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.integer().map((value) => ({ kind: 'push' as const, value })) },
      { weight: 3, arbitrary: fc.constant({ kind: 'shift' as const }) },
      { weight: 2, arbitrary: fc.constant({ kind: 'pop' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'peek' as const }) },
      {
        weight: 1,
        arbitrary: fc.nat(60).map((capacity) => ({ kind: 'capacity' as const, capacity })),
      },
    );
    fc.assert(
      fc.property(
        fc.nat(60),
        fc.array(op, { maxLength: 400, size: 'max' }),
        (initialCapacity, ops) => {
          const queue = new BoundedQueue<number>(initialCapacity);
          const model: number[] = [];
          let capacity = initialCapacity;
          const [got, want]: [unknown[], unknown[]] = [[], []]; // one expect at the end: one per step is slow
          for (const o of ops) {
            if (o.kind === 'push') {
              const accepted = model.length < capacity;
              got.push(queue.push(o.value));
              want.push(accepted);
              if (accepted) model.push(o.value);
            } else if (o.kind === 'shift') {
              got.push(queue.shift());
              want.push(model.shift());
            } else if (o.kind === 'pop') {
              got.push(queue.pop());
              want.push(model.pop());
            } else if (o.kind === 'peek') {
              got.push(queue.peek());
              want.push(model[0]);
            } else {
              queue.capacity = capacity = o.capacity;
            }
            got.push([queue.size, queue.isFull]);
            want.push([model.length, model.length >= capacity]);
          }
          expect(got).toEqual(want);
          expect(queue.toArray()).toEqual(model);
        },
      ),
    );
  });
});
