import { describe, expect, it } from 'vitest';
import { WorkerPool } from './worker-pool';

/** Acquires `n` workers, returning how many acquisitions succeeded. */
const acquire = (pool: WorkerPool, n: number) =>
  Array.from({ length: n }, () => pool.acquire()).filter(Boolean).length;

describe('WorkerPool', () => {
  it('hands out workers until none is idle, and takes them back', () => {
    const pool = new WorkerPool(3);
    expect(pool.size).toBe(3);
    expect(acquire(pool, 3)).toBe(3);
    expect(pool.busy).toBe(3);
    expect(pool.hasIdle).toBe(false);
    expect(pool.acquire()).toBe(false);
    expect(pool.busy).toBe(3);
    pool.release();
    expect(pool.busy).toBe(2);
    expect(pool.hasIdle).toBe(true);
    expect(pool.acquire()).toBe(true);
  });

  it('is never exhausted when unbounded', () => {
    const pool = new WorkerPool('unbounded');
    expect(pool.size).toBe(Number.POSITIVE_INFINITY);
    expect(acquire(pool, 10_000)).toBe(10_000);
    expect(pool.hasIdle).toBe(true);
  });

  it('lets busy workers finish when the size is lowered, and only then hands out new ones', () => {
    const pool = new WorkerPool(4);
    acquire(pool, 4);
    pool.size = 2;
    expect(pool.busy).toBe(4);
    expect(pool.hasIdle).toBe(false);
    pool.release();
    pool.release();
    expect(pool.acquire()).toBe(false);
    pool.release();
    expect(pool.busy).toBe(1);
    expect(pool.acquire()).toBe(true);
    expect(pool.acquire()).toBe(false);
  });

  it('hands out more workers at once when the size is raised or made unbounded', () => {
    const pool = new WorkerPool(1);
    acquire(pool, 1);
    pool.size = 3;
    expect(acquire(pool, 5)).toBe(2);
    pool.size = 'unbounded';
    expect(acquire(pool, 5)).toBe(5);
    expect(pool.busy).toBe(8);
  });

  it('throws when a worker is released that was not busy', () => {
    const pool = new WorkerPool(2);
    expect(() => pool.release()).toThrow('released a worker that was not busy');
    pool.acquire();
    pool.release();
    expect(() => pool.release()).toThrow();
    expect(pool.busy).toBe(0);
  });
});
