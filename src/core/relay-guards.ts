/**
 * The cures that guard the relay's calls, in one place: the retry budget (may this failure be
 * retried?), the circuit breaker (may this call go out?) and client-side adaptive throttling
 * (should the relay refuse this call itself?). The relay asks before each attempt and retry and
 * tells them how each attempt ended; each is off unless its settings turn it on. The order of
 * the calls follows each module's contract (see "Mechanisms" in the README).
 */
import { AdaptiveThrottle } from './adaptive-throttle';
import { type BreakerState, CircuitBreaker } from './circuit-breaker';
import { type Random, uniformAt } from './random';
import { createRetryBudget, type RetryBudget, type RetryBudgetConfig } from './retry-budget';
import type { RelayConfig } from './scenario-schema';

/** An attempt may go out. */
export const ADMITTED = 0;
/** The breaker is open (or half-open with every probe out): the call is refused at once. */
export const BREAKER_OPEN = 1;
/** Adaptive throttling refused the call locally. */
export const THROTTLED = 2;

/** How an attempt ended, for the guards. */
export const Answer = {
  /** A 200. */
  Ok: 0,
  /** A failure worth a retry: an error, a timeout, a refusal for overload. */
  Failed: 1,
  /** A timeout or a refusal for overload: the downstream did not accept the call. */
  NotAccepted: 2,
  /** A permanent failure (4xx): answered, and no retry's business. */
  Permanent: 3,
} as const;

type BudgetSettings = RelayConfig['relay']['budget'];
type BreakerSettings = RelayConfig['relay']['breaker'];

const BREAKER_STATES: Record<BreakerState, number> = { closed: 0, halfOpen: 1, open: 2 };

function budgetConfig(budget: BudgetSettings): RetryBudgetConfig {
  // The registry holds Envoy's budget as a share; Envoy's own setting is a percent.
  return { ...budget, envoyBudgetPercent: budget.envoyBudgetPercent * 100 };
}

/** The relay's guards, on the run's virtual clock. */
export class RelayGuards {
  readonly #random: Random;
  #budget: RetryBudget;
  #budgetSettings = '';
  readonly #breaker: CircuitBreaker;
  #breakerOn = false;
  #retriesOnly = false;
  readonly #throttle: AdaptiveThrottle;
  #throttleOn = false;

  /** `random`: the stream throttling draws from, keyed on (request, attempt). */
  constructor(config: RelayConfig, random: Random) {
    this.#random = random;
    const { budget, breaker, throttle } = config.relay;
    this.#budget = createRetryBudget(budgetConfig(budget));
    this.#breaker = new CircuitBreaker(this.#breakerConfig(breaker));
    this.#throttle = new AdaptiveThrottle(throttle);
    this.configure(config);
  }

  #breakerConfig(breaker: BreakerSettings) {
    return { ...breaker, trip: breaker.trip === 'off' ? ('rate' as const) : breaker.trip };
  }

  /** Applies new settings (already validated). A changed budget starts again, full. */
  configure(config: RelayConfig): void {
    const { budget, breaker, throttle } = config.relay;
    const settings = JSON.stringify(budget);
    if (settings !== this.#budgetSettings) {
      this.#budget = createRetryBudget(budgetConfig(budget));
      this.#budgetSettings = settings;
    }
    this.#breakerOn = breaker.trip !== 'off';
    this.#retriesOnly = breaker.scope === 'retries';
    this.#breaker.configure(this.#breakerConfig(breaker));
    this.#throttleOn = throttle.enabled;
    this.#throttle.configure(throttle);
  }

  /**
   * May attempt `attempt` of request `requestId` go out now? `ADMITTED`, or why not. Throttling
   * counts every call it is asked about, sent or not (the SRE book's "requests").
   */
  admit(requestId: number, attempt: number, isRetry: boolean, nowMs: number): number {
    if (this.#throttleOn) {
      const p = this.#throttle.rejectProbability(nowMs);
      this.#throttle.recordRequest(nowMs);
      if (p > 0 && uniformAt(this.#random.hashOf(requestId, attempt), 0) < p) return THROTTLED;
    }
    if (this.#breakerOn && (isRetry || !this.#retriesOnly) && !this.#breaker.tryAcquire(nowMs)) {
      return BREAKER_OPEN;
    }
    return ADMITTED;
  }

  /** A request's first attempt was sent (budgets that count requests in progress). */
  requestStarted(nowMs: number): void {
    this.#budget.requestStarted(nowMs);
  }

  /** May a failed request be retried now? When true the retry budget is charged. */
  allowRetry(nowMs: number, afterTimeout: boolean): boolean {
    return this.#budget.tryRetry(nowMs, afterTimeout);
  }

  /** May a hedge go out now? It asks the retry budget as a retry would. */
  allowHedge(nowMs: number): boolean {
    if (!this.#budget.tryRetry(nowMs, false)) return false;
    // A hedge is in flight as briefly as the attempt it shadows: counted as ended at once.
    this.#budget.retryEnded(nowMs);
    return true;
  }

  /** A retry the budget allowed will not be attempted (its request was dropped in backoff). */
  retryDropped(nowMs: number): void {
    this.#budget.retryEnded(nowMs);
  }

  /**
   * An attempt that `admit` let through ended `how` (an `Answer`). `isRetry` and, for a retry,
   * whether it was charged as a retry after a timeout (AWS refunds exactly that charge).
   */
  attemptEnded(nowMs: number, how: number, isRetry: boolean, afterTimeout: boolean): void {
    const budget = this.#budget;
    if (how === Answer.Ok) budget.attemptSucceeded(nowMs, isRetry, afterTimeout);
    else if (how !== Answer.Permanent) budget.attemptFailed(nowMs);
    if (isRetry) budget.retryEnded(nowMs);
    else budget.requestEnded(nowMs);
    if (this.#breakerOn) {
      // A 4xx is the caller's fault, not the downstream's: not a failure for the breaker.
      if (how === Answer.Ok || how === Answer.Permanent) this.#breaker.onSuccess(nowMs);
      else this.#breaker.onFailure(nowMs);
    }
    // The downstream accepted the call if it answered at all (the book's "accepts").
    if (this.#throttleOn && how !== Answer.NotAccepted) this.#throttle.recordAccept(nowMs);
  }

  /** For the charts: the budget's level and capacity, the breaker's state (0 closed, 1 half-open,
   * 2 open) and how many times it opened, the throttle's rejection probability. */
  budgetLevel(nowMs: number): number {
    return this.#budget.level(nowMs);
  }
  get budgetCapacity(): number {
    return this.#budget.capacity;
  }
  breakerState(nowMs: number): number {
    return this.#breakerOn ? BREAKER_STATES[this.#breaker.state(nowMs)] : 0;
  }
  get breakerOpened(): number {
    return this.#breaker.opened;
  }
  throttleProbability(nowMs: number): number {
    return this.#throttleOn ? this.#throttle.rejectProbability(nowMs) : 0;
  }
}
