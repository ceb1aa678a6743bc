/**
 * The traffic generator: when requests arrive and who sends them. A share of arrivals are
 * resends of a recent logical request (a client retrying or double-submitting), carrying the
 * same idempotency key when the original had one.
 */
import type { Random } from './random';
import type { RelayConfig } from './scenario-schema';

/** The traffic's settings: `scenario.traffic`. */
export type TrafficConfig = RelayConfig['traffic'];

/** A logical request: a client's original and its resends are one. */
export interface LogicalRequest {
  readonly id: number;
  /** Idempotency key, or -1 for a request without one. */
  readonly key: number;
  /** Effects the downstream has applied for it so far. */
  effects: number;
  /** Resends its client has scheduled, and sent, after failures (a retrying client). */
  resends: number;
  resendsSent: number;
  /** The client's last backoff delay before a resend, ms (for decorrelated jitter). */
  resendDelayMs: number;
  /** When its client first sent it, ms: what the client waits from, resends included. */
  readonly firstSentAtMs: number;
  /** True once its client got a 200 (a later 200 for it is a double submit's). */
  served: boolean;
}

/** How many recent logical requests a resend picks from. */
export const RECENT_REQUESTS = 256;

/** Draws arrival gaps and request identities from two seeded streams. */
export class Traffic {
  config: TrafficConfig;
  readonly #gaps: Random;
  readonly #identities: Random;
  readonly #recent: LogicalRequest[] = [];
  #recentNext = 0;
  #nextLogicalId = 0;

  constructor(config: TrafficConfig, gaps: Random, identities: Random) {
    this.config = config;
    this.#gaps = gaps;
    this.#identities = identities;
  }

  /** Time to the next arrival, ms; `Infinity` when the rate is 0. */
  nextGapMs(): number {
    const { ratePerSec, arrival } = this.config;
    if (ratePerSec <= 0) return Number.POSITIVE_INFINITY;
    const meanMs = 1000 / ratePerSec;
    return arrival === 'poisson' ? this.#gaps.exponential(meanMs) : meanMs;
  }

  /** Who sends the arrival now: a resend of a recent request, or a new one (keyed or not). */
  nextIdentity(nowMs: number): LogicalRequest {
    const random = this.#identities;
    const resend = random.next() < this.config.duplicateRatio;
    const keyed = random.next() < this.config.keyedRatio;
    const pick = random.next();
    const recent = this.#recent;
    if (resend && recent.length > 0) return recent[Math.floor(pick * recent.length)]!;
    const id = this.#nextLogicalId++;
    const logical: LogicalRequest = {
      id,
      key: keyed ? id : -1,
      effects: 0,
      resends: 0,
      resendsSent: 0,
      resendDelayMs: 0,
      firstSentAtMs: nowMs,
      served: false,
    };
    if (recent.length < RECENT_REQUESTS) recent.push(logical);
    else recent[this.#recentNext] = logical;
    // Not `% RECENT_REQUESTS`: that is an integer division per arrival.
    if (++this.#recentNext === RECENT_REQUESTS) this.#recentNext = 0;
    return logical;
  }
}
