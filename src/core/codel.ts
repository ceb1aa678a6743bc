/**
 * CoDel (Controlled Delay) for a queue of requests, following RFC 8289's pseudocode: decisions at
 * dequeue time from the head item's sojourn time. Once the sojourn has stayed at or above `target`
 * for an `interval`, CoDel enters the dropping state and drops one item, then the next one at
 * `interval / √count` after the previous drop time, until a sojourn below target ends the state.
 * Re-entering soon after leaving (within 16 intervals) starts from the drop rate that last worked.
 * @see https://www.rfc-editor.org/rfc/rfc8289 (section 5, pseudocode)
 */

/** Settings of CoDel; times in virtual ms. */
export interface CoDelConfig {
  /** Acceptable standing sojourn time (`TARGET`). @default 5 */
  readonly targetMs: number;
  /** How long the sojourn must stay above target before dropping, and the drop spacing's base
   *  (`INTERVAL`). @default 100 */
  readonly intervalMs: number;
}

/** RFC 8289's defaults (also Facebook's for request queues, "Fail at Scale"). */
export const coDelDefaults: CoDelConfig = { targetMs: 5, intervalMs: 100 };

/**
 * CoDel's state for one queue. At each dequeue the caller asks `shouldDrop` for the head item;
 * on true it drops that item and asks again, at the same time, for the next head, until false
 * (deliver it) or the queue is empty. Nothing is allocated per call.
 */
export class CoDel {
  #targetMs: number;
  #intervalMs: number;
  /** True once a sojourn at or above target was seen and none below since; then
   *  `#firstAboveMs` is when dropping may start (the first such dequeue + interval). */
  #above = false;
  #firstAboveMs = 0;
  #dropping = false;
  /** Drops in this dropping state (`count`), its value when the state was last entered, and
   *  when the next drop is due. Kept after leaving: re-entry reads them. */
  #count = 0;
  #lastCount = 0;
  #dropNextMs = 0;
  /**
   * Set when a call dropped its item: the next call, at the same time, is the RFC's dequeue of
   * the item after the dropped one. `#afterEntry`: that drop entered the dropping state, so the
   * next item is delivered whatever its sojourn.
   */
  #afterDrop = false;
  #afterEntry = false;
  #afterDropAtMs = 0;

  constructor(config: CoDelConfig) {
    this.#targetMs = config.targetMs;
    this.#intervalMs = config.intervalMs;
  }

  /** Applies new settings at once; the state (dropping, count, next drop) is kept. */
  configure(config: CoDelConfig): void {
    this.#targetMs = config.targetMs;
    this.#intervalMs = config.intervalMs;
  }

  /** True while in the dropping state. */
  get dropping(): boolean {
    return this.#dropping;
  }
  /** Drops since the dropping state was last entered (RFC 8289's `count`). */
  get count(): number {
    return this.#count;
  }

  /**
   * Should the head item, waiting `sojournMs`, be dropped at `nowMs`? `queueEmpty`: nothing waits
   * behind it; such an item is never dropped and counts as below target. (RFC 8289 treats a head
   * with at most one MTU of bytes behind it so, to keep the link busy, and resets its wait when it
   * finds the queue empty; counting items, we spare only the last one.)
   */
  shouldDrop(sojournMs: number, nowMs: number, queueEmpty = false): boolean {
    if (this.#afterDrop && nowMs !== this.#afterDropAtMs) this.#foundEmptyAfterDrop();
    const okToDrop = this.#okToDrop(sojournMs, nowMs, queueEmpty);
    if (this.#afterDrop) {
      this.#afterDrop = false;
      if (this.#afterEntry) {
        this.#afterEntry = false;
        return false;
      }
      if (!okToDrop) {
        this.#dropping = false;
        return false;
      }
      this.#dropNextMs = this.#controlLaw(this.#dropNextMs);
      return this.#dropIfDue(nowMs);
    }
    if (this.#dropping) {
      if (okToDrop) return this.#dropIfDue(nowMs);
      this.#dropping = false;
      return false;
    }
    if (!okToDrop) return false;
    // Enter the dropping state. If it was left recently, start from the rate that controlled the
    // queue then ('now − drop_next' approximates the time since the last drop; the Linux rule).
    this.#dropping = true;
    const delta = this.#count - this.#lastCount;
    this.#count = delta > 1 && nowMs - this.#dropNextMs < 16 * this.#intervalMs ? delta : 1;
    this.#dropNextMs = this.#controlLaw(nowMs);
    this.#lastCount = this.#count;
    this.#afterEntry = true;
    return this.#dropped(nowMs);
  }

  /** The RFC's `dodequeue` test: has the sojourn stayed at or above target for an interval? */
  #okToDrop(sojournMs: number, nowMs: number, queueEmpty: boolean): boolean {
    if (sojournMs < this.#targetMs || queueEmpty) {
      this.#above = false;
      return false;
    }
    if (!this.#above) {
      this.#above = true;
      this.#firstAboveMs = nowMs + this.#intervalMs;
      return false;
    }
    return nowMs >= this.#firstAboveMs;
  }

  #controlLaw(tMs: number): number {
    return tMs + this.#intervalMs / Math.sqrt(this.#count);
  }

  #dropIfDue(nowMs: number): boolean {
    if (nowMs < this.#dropNextMs) return false;
    this.#count++;
    return this.#dropped(nowMs);
  }

  #dropped(nowMs: number): true {
    this.#afterDrop = true;
    this.#afterDropAtMs = nowMs;
    return true;
  }

  /** The caller did not ask again after a drop: the RFC's dequeue found the queue empty. */
  #foundEmptyAfterDrop(): void {
    this.#above = false;
    if (!this.#afterEntry) this.#dropping = false;
    this.#afterDrop = false;
    this.#afterEntry = false;
  }
}
