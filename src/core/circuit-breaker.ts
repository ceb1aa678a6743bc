/**
 * A circuit breaker on the virtual clock, following resilience4j's CircuitBreaker (failure rate
 * over a count- or time-based window, `minimumNumberOfCalls`, a wait in open, a fixed number of
 * half-open calls judged together) or, with `trip: 'consecutive'`, cockatiel's ConsecutiveBreaker.
 * Invariant: in one half-open spell at most `halfOpenProbes` calls are let through.
 * @see https://resilience4j.readme.io/docs/circuitbreaker
 * @see https://github.com/resilience4j/resilience4j/blob/master/resilience4j-circuitbreaker/src/main/java/io/github/resilience4j/circuitbreaker/internal/CircuitBreakerStateMachine.java
 * @see https://github.com/connor4312/cockatiel/blob/master/src/breaker/ConsecutiveBreaker.ts
 */
import { WindowCounts } from './window-counts';

/** Closed: calls flow. Open: calls refused. Half-open: a few probe calls decide. */
export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** Settings of the breaker; times in virtual ms. */
export interface CircuitBreakerConfig {
  /** What opens it: the failure rate over the window, or N failures in a row. @default 'rate' */
  readonly trip: 'consecutive' | 'rate';
  /** `consecutive`: failures in a row that open it (cockatiel's example: 5). @default 5 */
  readonly consecutiveFailures: number;
  /** `rate`: failure rate in [0, 1] at or above which it opens (resilience4j: 50%). @default 0.5 */
  readonly failureRateThreshold: number;
  /** `rate`: the last `windowCalls` calls, or the calls of the last `windowMs`. @default 'count' */
  readonly window: 'count' | 'time';
  /** `count` window: calls kept (`slidingWindowSize`). @default 100 */
  readonly windowCalls: number;
  /** `time` window: span kept, rounded up to whole seconds (`slidingWindowSize` s). @default 100000 */
  readonly windowMs: number;
  /** `rate`: calls the window must hold before a rate counts (`minimumNumberOfCalls`). @default 100 */
  readonly minimumCalls: number;
  /** Time open before calls are tried again (`waitDurationInOpenState`). @default 60000 */
  readonly openMs: number;
  /** Calls let through half-open (`permittedNumberOfCallsInHalfOpenState`). @default 10 */
  readonly halfOpenProbes: number;
}

/** resilience4j's defaults, and cockatiel's example threshold for the consecutive mode. */
export const circuitBreakerDefaults: CircuitBreakerConfig = {
  trip: 'rate',
  consecutiveFailures: 5,
  failureRateThreshold: 0.5,
  window: 'count',
  windowCalls: 100,
  windowMs: 100_000,
  minimumCalls: 100,
  openMs: 60_000,
  halfOpenProbes: 10,
};

/**
 * Closed: every call allowed; outcomes go to the window (or the run of failures). Open: calls
 * refused until `openMs` has passed, strictly (resilience4j's `isAfter`), then half-open.
 * Half-open: `halfOpenProbes` calls allowed; once min(minimumCalls, halfOpenProbes) results are in
 * (one, in the consecutive mode), a failure rate ≥ the threshold opens it again, else it closes
 * with its window emptied. Results reported while open are dropped, as resilience4j drops the
 * window they land in; results reported half-open count toward the probes, whoever started them.
 */
export class CircuitBreaker {
  #config: CircuitBreakerConfig;
  #state: BreakerState = 'closed';
  /** Count window: a ring of the last outcomes (1 = failure); `#ringCalls` ≤ its length. */
  #ring: Uint8Array = new Uint8Array(0);
  #ringNext = 0;
  #ringCalls = 0;
  #ringFailures = 0;
  #timeWindow: WindowCounts | null = null;
  /** Consecutive mode: failures in a row while closed. */
  #run = 0;
  #openedAtMs = 0;
  /** Half-open: calls let through, and results seen. Invariant: #probes ≤ halfOpenProbes. */
  #probes = 0;
  #probeResults = 0;
  #probeFailures = 0;
  #opened = 0;
  #refused = 0;

  constructor(config: CircuitBreakerConfig) {
    this.#config = config;
    this.#buildWindow();
  }

  /** Times the breaker opened. */
  get opened(): number {
    return this.#opened;
  }
  /** Calls refused: open, or half-open with every probe handed out. */
  get refused(): number {
    return this.#refused;
  }

  /**
   * Applies new settings at once: the open wait counts from when it opened; a changed window
   * (kind, size or trip) starts empty; half-open probes already let through still count.
   */
  configure(config: CircuitBreakerConfig): void {
    const old = this.#config;
    this.#config = config;
    if (
      config.trip !== old.trip ||
      config.window !== old.window ||
      config.windowCalls !== old.windowCalls ||
      config.windowMs !== old.windowMs
    ) {
      this.#buildWindow();
    }
  }

  /** May a call start now? True lets it through (a probe, when half-open). */
  tryAcquire(nowMs: number): boolean {
    this.#advance(nowMs);
    if (this.#state === 'closed') return true;
    if (this.#state === 'halfOpen' && this.#probes < this.#config.halfOpenProbes) {
      this.#probes++;
      return true;
    }
    this.#refused++;
    return false;
  }

  /** A call let through by `tryAcquire` succeeded / failed now. */
  onSuccess(nowMs: number): void {
    this.#record(nowMs, false);
  }
  onFailure(nowMs: number): void {
    this.#record(nowMs, true);
  }

  /** The state at `nowMs`: open turns half-open once `openMs` has passed. Changes nothing. */
  state(nowMs: number): BreakerState {
    return this.#state === 'open' && this.#waitOver(nowMs) ? 'halfOpen' : this.#state;
  }

  #waitOver(nowMs: number): boolean {
    return nowMs > this.#openedAtMs + this.#config.openMs;
  }

  #advance(nowMs: number): void {
    if (this.#state !== 'open' || !this.#waitOver(nowMs)) return;
    this.#state = 'halfOpen';
    this.#probes = 0;
    this.#probeResults = 0;
    this.#probeFailures = 0;
  }

  #record(nowMs: number, failed: boolean): void {
    this.#advance(nowMs);
    if (this.#state === 'closed') this.#recordClosed(nowMs, failed);
    else if (this.#state === 'halfOpen') this.#recordHalfOpen(nowMs, failed);
  }

  #recordClosed(nowMs: number, failed: boolean): void {
    const c = this.#config;
    if (c.trip === 'consecutive') {
      this.#run = failed ? this.#run + 1 : 0;
      if (this.#run >= c.consecutiveFailures) this.#open(nowMs);
      return;
    }
    let calls: number;
    let failures: number;
    let minimum = c.minimumCalls;
    if (this.#timeWindow !== null) {
      this.#timeWindow.add(nowMs, 1, failed ? 1 : 0);
      calls = this.#timeWindow.count(nowMs);
      failures = this.#timeWindow.marked(nowMs);
    } else {
      this.#pushOutcome(failed);
      calls = this.#ringCalls;
      failures = this.#ringFailures;
      // resilience4j caps the minimum at a count window's size.
      minimum = Math.min(minimum, this.#ring.length);
    }
    if (calls >= Math.max(1, minimum) && failures / calls >= c.failureRateThreshold) {
      this.#open(nowMs);
    }
  }

  #recordHalfOpen(nowMs: number, failed: boolean): void {
    const c = this.#config;
    this.#probeResults++;
    if (failed) this.#probeFailures++;
    const needed = c.trip === 'consecutive' ? 1 : Math.min(c.minimumCalls, c.halfOpenProbes);
    if (this.#probeResults < Math.max(1, needed)) return;
    const reopen =
      c.trip === 'consecutive'
        ? failed
        : this.#probeFailures / this.#probeResults >= c.failureRateThreshold;
    if (reopen) this.#open(nowMs);
    else this.#close();
  }

  #pushOutcome(failed: boolean): void {
    const ring = this.#ring;
    if (ring.length === 0) return;
    if (this.#ringCalls === ring.length) this.#ringFailures -= ring[this.#ringNext]!;
    else this.#ringCalls++;
    ring[this.#ringNext] = failed ? 1 : 0;
    if (failed) this.#ringFailures++;
    this.#ringNext = (this.#ringNext + 1) % ring.length;
  }

  #open(nowMs: number): void {
    this.#state = 'open';
    this.#openedAtMs = nowMs;
    this.#opened++;
  }

  #close(): void {
    this.#state = 'closed';
    this.#clearWindow();
  }

  /** A fresh window for the current settings (allocates: only on construction or a change). */
  #buildWindow(): void {
    const c = this.#config;
    const time = c.trip === 'rate' && c.window === 'time';
    this.#timeWindow = time ? new WindowCounts(c.windowMs) : null;
    this.#ring = new Uint8Array(c.trip === 'rate' && !time ? c.windowCalls : 0);
    this.#clearWindow();
  }

  #clearWindow(): void {
    this.#ring.fill(0);
    this.#ringNext = 0;
    this.#ringCalls = 0;
    this.#ringFailures = 0;
    this.#timeWindow?.clear();
    this.#run = 0;
  }
}
