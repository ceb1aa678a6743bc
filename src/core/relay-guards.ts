/**
 * The cures that guard the relay's calls, in one place: the retry budget (may this failure be
 * retried?), the circuit breaker (may this call go out?), and client-side adaptive throttling
 * (should the relay refuse this call itself?). The relay asks before each attempt and retry, and
 * tells them how each attempt ended. Each is off unless its settings turn it on.
 */
import { type Random, uniformAt } from './random';
import type { RelayConfig } from './scenario-schema';

/** An attempt may go out. */
export const ADMITTED = 0;
/** The breaker is open (or half-open with every probe out): the call is refused at once. */
export const BREAKER_OPEN = 1;
/** Adaptive throttling refused the call locally. */
export const THROTTLED = 2;

/** How an attempt ended, for the guards: answered (success or failure), or not (timeout, overload). */
export const ANSWERED_OK = 0;
export const ANSWERED_FAILURE = 1;
export const NOT_ANSWERED = 2;

/** The relay's guards, on the run's virtual clock. */
export class RelayGuards {
  readonly #random: Random;

  /** `random`: the stream throttling draws from, keyed on (request, attempt). */
  constructor(config: RelayConfig, random: Random) {
    this.#random = random;
    this.configure(config);
  }

  /** Applies new settings (already validated). */
  configure(_config: RelayConfig): void {}

  /** May attempt `attempt` of request `requestId` go out now? `ADMITTED` or why not. */
  admit(_requestId: number, _attempt: number, _isRetry: boolean, _nowMs: number): number {
    void uniformAt;
    void this.#random;
    return ADMITTED;
  }

  /** May a failed request be retried now? When true the retry budget is charged. */
  allowRetry(_nowMs: number, _afterTimeout: boolean): boolean {
    return true;
  }

  /** May a hedge go out now (hedges that spend the retry budget ask it)? */
  allowHedge(_nowMs: number): boolean {
    return true;
  }

  /** A request's first attempt starts; the request leaves the relay. */
  requestStarted(_nowMs: number): void {}
  requestEnded(_nowMs: number): void {}

  /** An attempt let through by `admit` ended: `ANSWERED_OK`, `ANSWERED_FAILURE` or `NOT_ANSWERED`. */
  attemptEnded(_nowMs: number, _how: number, _isRetry: boolean): void {}
}
