/**
 * The clients around the relay: how long each waits for its answer (its deadline), and, for the
 * share of clients that retry, their resends after a 429, a 503 or giving up: the closed loop
 * that turns a short overload into a storm. Separate from the traffic's random double submits.
 * A client's choices are counter-based draws on its logical request, so they do not depend on
 * the relay's settings, and a resend's request id is a function of (logical request, resend).
 */
import { backoffDelayMs } from './backoff';
import { type Random, uniformAt } from './random';
import type { RelayConfig } from './scenario-schema';
import type { Scheduler } from './scheduler';
import type { LogicalRequest } from './traffic';

/** The clients' settings: `scenario.clients`. */
export type ClientsConfig = RelayConfig['clients'];

/** The first id of clients' resends: resend n of logical request l is `FROM + l · PER + n`. */
export const RESEND_IDS_FROM = 2 ** 42;
/** Ids set aside per logical request for its resends (more than the most resends allowed). */
export const RESEND_IDS_PER_REQUEST = 64;

/** Deadlines and resends of the relay's clients, on the run's scheduler. */
export class Clients {
  #config: ClientsConfig;
  readonly #random: Random;
  readonly #scheduler: Scheduler;
  readonly #send: (logical: LogicalRequest, id: number, deadlineAtMs: number) => void;

  /** `send` delivers a resend to the relay, with its deadline. */
  constructor(
    config: ClientsConfig,
    random: Random,
    scheduler: Scheduler,
    send: (logical: LogicalRequest, id: number, deadlineAtMs: number) => void,
  ) {
    this.#config = config;
    this.#random = random;
    this.#scheduler = scheduler;
    this.#send = send;
  }

  /** Applies new settings (already validated) to later requests and failures. */
  configure(config: ClientsConfig): void {
    this.#config = config;
  }

  /** When a client sending a request now gives up, ms (`Infinity`: it waits forever). */
  deadlineFor(nowMs: number): number {
    const { timeoutMs } = this.#config;
    return timeoutMs === 'off' ? Number.POSITIVE_INFINITY : nowMs + timeoutMs;
  }

  /**
   * The request of `logical` failed its client (a 429, a 503, or it gave up): a retrying client
   * with resends left sends it again after its backoff (or the `retryAfterMs` the answer carried,
   * when clients honour it), with its idempotency key if it had one.
   */
  readonly failed = (logical: LogicalRequest, retryAfterMs: number): void => {
    const config = this.#config;
    if (config.retryShare <= 0 || logical.resends >= config.maxResends) return;
    const random = this.#random;
    if (uniformAt(random.hashOf(logical.id, 0), 0) >= config.retryShare) return;
    const resend = logical.resends++;
    if (resend === 0) logical.resendDelayMs = config.baseDelayMs;
    const u = uniformAt(random.hashOf(logical.id, 1 + resend), 0);
    const backoffMs = backoffDelayMs(config, resend, logical.resendDelayMs, u);
    const delayMs = config.honourRetryAfter && retryAfterMs > 0 ? retryAfterMs : backoffMs;
    logical.resendDelayMs = backoffMs;
    this.#scheduler.schedule(delayMs, this.#onResend, logical);
  };

  readonly #onResend = (logical: LogicalRequest): void => {
    const id = RESEND_IDS_FROM + logical.id * RESEND_IDS_PER_REQUEST + logical.resendsSent++;
    const now = this.#scheduler.nowMs;
    this.#send(logical, id, this.deadlineFor(now));
  };
}
