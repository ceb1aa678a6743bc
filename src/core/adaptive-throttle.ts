/**
 * Client-side adaptive throttling from the Google SRE book ("Handling Overload"): over a trailing
 * window the client counts `requests` (every request the application attempted, including those
 * rejected locally) and `accepts` (those the backend accepted), and rejects a new request locally
 * with probability max(0, (requests − K · accepts) / (requests + 1)). Counts live in one-second
 * buckets on the virtual clock; nothing is allocated per request.
 * @see https://sre.google/sre-book/handling-overload/#eq2101
 */
import { WindowCounts } from './window-counts';

/** Settings of the throttle. */
export interface AdaptiveThrottleConfig {
  /** History kept, ms, rounded up to whole seconds ("the last two minutes"). @default 120000 */
  readonly windowMs: number;
  /** K ≥ 0: the client sends until requests reach K × accepts ("we generally prefer 2"). @default 2 */
  readonly k: number;
}

/** The SRE book's values. */
export const adaptiveThrottleDefaults: AdaptiveThrottleConfig = { windowMs: 120_000, k: 2 };

/**
 * The throttle of one client. Per request: `p = rejectProbability(now)`, then `recordRequest(now)`
 * whatever happens, then reject locally when a uniform draw u < p; else send, and
 * `recordAccept(now)` when the backend accepts it.
 */
export class AdaptiveThrottle {
  #k: number;
  #windowMs: number;
  /** Requests are the window's events; accepts its marked ones. */
  #counts: WindowCounts;

  constructor(config: AdaptiveThrottleConfig) {
    this.#k = config.k;
    this.#windowMs = config.windowMs;
    this.#counts = new WindowCounts(config.windowMs);
  }

  /** Applies new settings at once; a new window length starts the history afresh. */
  configure(config: AdaptiveThrottleConfig): void {
    this.#k = config.k;
    if (config.windowMs !== this.#windowMs) {
      this.#windowMs = config.windowMs;
      this.#counts = new WindowCounts(config.windowMs);
    }
  }

  /** Probability in [0, 1) of rejecting a request now, from the history before it. */
  rejectProbability(nowMs: number): number {
    const requests = this.#counts.count(nowMs);
    const accepts = this.#counts.marked(nowMs);
    return Math.max(0, (requests - this.#k * accepts) / (requests + 1));
  }

  /** The application attempted a request now (sent or rejected locally). */
  recordRequest(nowMs: number): void {
    this.#counts.add(nowMs, 1, 0);
  }

  /** The backend accepted a request now. */
  recordAccept(nowMs: number): void {
    this.#counts.add(nowMs, 0, 1);
  }
}
