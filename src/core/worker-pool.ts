/**
 * The worker pool: a count of busy workers against a limit. A worker is held from the moment it
 * takes a request until the request ends, through every attempt and backoff wait.
 * Invariant: `busy` only grows while `busy < size`; lowering `size` lets busy workers finish.
 */
import type { WorkerCount } from './scenario-schema';

/** A pool of `size` workers, or an unbounded one (the relay without a pool). */
export class WorkerPool {
  #size: number;
  #busy = 0;

  /** `size`: an integer ≥ 1, or `'unbounded'`. */
  constructor(size: WorkerCount) {
    this.#size = sizeOf(size);
  }

  /** Workers in the pool (`Infinity` when unbounded). */
  get size(): number {
    return this.#size;
  }

  /** Changes the pool size; workers beyond it finish their request and then retire. */
  set size(size: WorkerCount) {
    this.#size = sizeOf(size);
  }

  /** Workers holding a request. */
  get busy(): number {
    return this.#busy;
  }

  /** True when a request can be taken at once. */
  get hasIdle(): boolean {
    return this.#busy < this.#size;
  }

  /** Takes a worker; returns false when none is idle. */
  acquire(): boolean {
    if (this.#busy >= this.#size) return false;
    this.#busy++;
    return true;
  }

  /** Gives a worker back. */
  release(): void {
    if (this.#busy === 0) throw new Error('released a worker that was not busy');
    this.#busy--;
  }
}

function sizeOf(size: WorkerCount): number {
  return size === 'unbounded' ? Number.POSITIVE_INFINITY : size;
}
