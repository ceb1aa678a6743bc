/**
 * Two counts over a trailing time window, kept in one-second buckets aligned to the virtual clock:
 * bucket k holds the events of [k·1000, (k+1)·1000) ms, as resilience4j's time-based sliding window
 * keeps one partial aggregation per epoch second. Used by the circuit breaker's time window (calls,
 * failures) and the adaptive throttle (requests, accepts). No allocation after construction.
 * @see https://resilience4j.readme.io/docs/circuitbreaker (time-based sliding window)
 */

/** Width of one bucket, ms. */
export const WINDOW_BUCKET_MS = 1000;

/** Events, and how many of them were marked, over the last `buckets` seconds. */
export class WindowCounts {
  /** Buckets kept: the current one and the `buckets − 1` before it, so the window spans
   *  between `buckets − 1` and `buckets` seconds. */
  readonly buckets: number;
  readonly #counts: Float64Array;
  readonly #marked: Float64Array;
  /**
   * Index (⌊t / 1000⌋) of the newest bucket. Invariant: every slot that does not hold one of the
   * buckets `#newest − buckets + 1 … #newest` is zero, and `#countSum`/`#markedSum` are the sums of
   * all slots (exact: the counts are integers).
   */
  #newest = 0;
  #countSum = 0;
  #markedSum = 0;

  /** `windowMs`: the span to keep, rounded up to whole seconds (at least one bucket). */
  constructor(windowMs: number) {
    this.buckets = Math.max(1, Math.ceil(windowMs / WINDOW_BUCKET_MS));
    this.#counts = new Float64Array(this.buckets);
    this.#marked = new Float64Array(this.buckets);
  }

  /** Adds `count` events at `nowMs`, `marked` of them marked. `nowMs` never decreases. */
  add(nowMs: number, count: number, marked: number): void {
    const slot = this.#advance(nowMs);
    this.#counts[slot]! += count;
    this.#marked[slot]! += marked;
    this.#countSum += count;
    this.#markedSum += marked;
  }

  /** Events in the window ending at `nowMs`. */
  count(nowMs: number): number {
    this.#advance(nowMs);
    return this.#countSum;
  }

  /** Marked events in the window ending at `nowMs`. */
  marked(nowMs: number): number {
    this.#advance(nowMs);
    return this.#markedSum;
  }

  /** Forgets every event. */
  clear(): void {
    this.#counts.fill(0);
    this.#marked.fill(0);
    this.#countSum = 0;
    this.#markedSum = 0;
  }

  /** Moves the window to `nowMs`, zeroing the buckets that left it; returns the current slot. */
  #advance(nowMs: number): number {
    const index = Math.floor(nowMs / WINDOW_BUCKET_MS);
    const steps = index - this.#newest;
    if (steps >= this.buckets) {
      this.clear();
      this.#newest = index;
    } else if (steps > 0) {
      for (let k = 1; k <= steps; k++) {
        const slot = (this.#newest + k) % this.buckets;
        this.#countSum -= this.#counts[slot]!;
        this.#markedSum -= this.#marked[slot]!;
        this.#counts[slot] = 0;
        this.#marked[slot] = 0;
      }
      this.#newest = index;
    }
    // A time before the newest bucket (never, on the virtual clock) counts in the newest.
    return this.#newest % this.buckets;
  }
}
