/**
 * Finagle's RetryBudget on the virtual clock: a TokenRetryBudget over a leaky token bucket whose
 * tokens live in a WindowedAdder, ported step for step (integer token amounts, ten slices per
 * TTL, slice boundaries that restart at each expiry as `old = now()` makes them).
 * @see https://github.com/twitter/finagle/blob/develop/finagle-core/src/main/scala/com/twitter/finagle/service/RetryBudget.scala
 * @see https://github.com/twitter/util/blob/develop/util-core/src/main/scala/com/twitter/util/TokenBucket.scala (newLeakyBucket)
 * @see https://github.com/twitter/util/blob/develop/util-core/src/main/scala/com/twitter/util/WindowedAdder.scala
 */
import type { RetryBudget } from './retry-budget';

/** Finagle's `TokenRetryBudget.ScaleFactor`: a deposit is this many tokens. */
const SCALE_FACTOR = 1000;
/** Slices of the TTL window (`WindowedAdder(ttl, 10, nowMillis)`). */
const SLICES = 10;

/**
 * A time-windowed sum: the current slice (`#writer`) and `slices − 1` older ones. A slice ends
 * once `window` ms have passed since the previous expiry, not on a fixed grid.
 */
class WindowedAdder {
  readonly #windowMs: number;
  /** Older slices; `#i` is the slot the current slice goes to when it expires. */
  readonly #buf: Float64Array;
  #i = 0;
  #writer = 0;
  /** When the current slice began (the last expiry), ms. */
  #oldMs = 0;

  constructor(rangeMs: number, slices: number) {
    this.#windowMs = Math.trunc(rangeMs / slices);
    this.#buf = new Float64Array(slices - 1);
  }

  #expired(nowMs: number): void {
    const buf = this.#buf;
    const n = buf.length;
    buf[this.#i] = this.#writer;
    this.#writer = 0;
    this.#i = (this.#i + 1) % n;
    // Slices skipped while nothing happened are zeroed.
    const skip = Math.min(Math.trunc((nowMs - this.#oldMs) / this.#windowMs) - 1, n);
    if (skip > 0) {
      const r = Math.min(skip, n - this.#i);
      buf.fill(0, this.#i, this.#i + r);
      buf.fill(0, 0, skip - r);
      this.#i = (this.#i + skip) % n;
    }
    this.#oldMs = nowMs;
  }

  add(x: number, nowMs: number): void {
    if (nowMs - this.#oldMs >= this.#windowMs) this.#expired(nowMs);
    this.#writer += x;
  }

  sum(nowMs: number): number {
    if (nowMs - this.#oldMs >= this.#windowMs) this.#expired(nowMs);
    let sum = this.#writer;
    for (let k = 0; k < this.#buf.length; k++) sum += this.#buf[k]!;
    return sum;
  }
}

/**
 * `RetryBudget(ttl, minRetriesPerSec, percentCanRetry)`: each request deposits 1000 tokens, each
 * retry withdraws ⌊1000 / percentCanRetry⌋, deposits expire after about `ttl`, and a reserve of
 * minRetriesPerSec × ⌊ttl in s⌋ retries is always counted in. With percentCanRetry = 0 a request
 * deposits nothing and a retry costs 1 token (only the reserve allows retries).
 */
export class FinagleRetryBudget implements RetryBudget {
  /** No fixed cap: deposits grow with the request rate. */
  readonly capacity = Number.POSITIVE_INFINITY;
  readonly #adder: WindowedAdder;
  readonly #deposit: number;
  readonly #withdrawal: number;
  readonly #reserve: number;

  constructor(ttlMs: number, minRetriesPerSec: number, percentCanRetry: number) {
    this.#deposit = percentCanRetry === 0 ? 0 : SCALE_FACTOR;
    this.#withdrawal = percentCanRetry === 0 ? 1 : Math.trunc(SCALE_FACTOR / percentCanRetry);
    this.#reserve = minRetriesPerSec * Math.trunc(ttlMs / 1000) * this.#withdrawal;
    this.#adder = new WindowedAdder(ttlMs, SLICES);
  }

  /** Tokens now: the window's sum plus the reserve. Can go below zero (see `level`). */
  #count(nowMs: number): number {
    return this.#adder.sum(nowMs) + this.#reserve;
  }

  requestStarted(nowMs: number): void {
    this.#adder.add(this.#deposit, nowMs);
  }
  requestEnded(): void {}
  tryRetry(nowMs: number): boolean {
    if (this.#count(nowMs) < this.#withdrawal) return false;
    this.#adder.add(-this.#withdrawal, nowMs);
    return true;
  }
  retryEnded(): void {}
  attemptSucceeded(): void {}
  attemptFailed(): void {}
  /**
   * Retries allowed now: Finagle's `balance` (tokens / withdrawal), shown as 0 when negative.
   * The count dips below zero when deposits expire before the withdrawals they paid for; Finagle
   * keeps that debt, and so do we, but no chart shows negative retries.
   */
  level(nowMs: number): number {
    return Math.max(0, Math.trunc(this.#count(nowMs) / this.#withdrawal));
  }
}
