/**
 * Retry budgets: one interface over the published ways a client caps its retries (AWS SDK retry
 * quota, gRPC retry throttling, Envoy's retry budget, Finagle's RetryBudget, the adaptive token
 * bucket). Each variant is a few numbers updated in place: no call allocates. Token counts that
 * grow by fractions are kept in integer thousandths, so 10 × 0.1 is exactly 1.
 * Invariant of every variant: 0 ≤ `level(t)` ≤ `capacity`.
 */
import { FinagleRetryBudget } from './finagle-retry-budget';

/** The variants, in the order a menu lists them. */
export const RETRY_BUDGET_VARIANTS = [
  'off',
  'aws',
  'grpc',
  'envoy',
  'finagle',
  'adaptive',
] as const;
/** Which budget: none, or the system whose semantics it follows. */
export type RetryBudgetVariant = (typeof RETRY_BUDGET_VARIANTS)[number];

/**
 * A retry budget, told of the client's requests and attempts. Times are virtual ms. Call order for
 * a retry: `attemptFailed` for the failed attempt, then `tryRetry`; when it is true the retry runs
 * and `retryEnded` follows when its attempt ends (after `attemptSucceeded`/`attemptFailed`).
 */
export interface RetryBudget {
  /** A request (its first attempt) starts / ends now. */
  requestStarted(nowMs: number): void;
  requestEnded(nowMs: number): void;
  /**
   * May a retry start now? When true the budget is charged. `afterTimeout`: the failure being
   * retried was a timeout (AWS charges it more).
   */
  tryRetry(nowMs: number, afterTimeout: boolean): boolean;
  /** A retry (one allowed by `tryRetry`) ended. */
  retryEnded(nowMs: number): void;
  /**
   * An attempt (first or retry) succeeded. `retryAfterTimeout`: for a retry, the `afterTimeout`
   * its `tryRetry` was charged with (AWS refunds exactly that charge); default false.
   */
  attemptSucceeded(nowMs: number, wasRetry: boolean, retryAfterTimeout?: boolean): void;
  /** An attempt failed in a way worth retrying (not a permanent 4xx). */
  attemptFailed(nowMs: number): void;
  /** What the budget holds now, for a chart: tokens, or retries allowed now. */
  level(nowMs: number): number;
  /** Most `level` can be; Infinity where there is no cap. */
  readonly capacity: number;
}

/** Settings of every variant, flat (only the chosen variant's fields are read). */
export interface RetryBudgetConfig {
  readonly variant: RetryBudgetVariant;
  /** AWS: tokens in the quota, which starts full. @default 500 (`INITIAL_RETRY_TOKENS`) */
  readonly awsCapacity: number;
  /** AWS: tokens a retry costs. @default 5 (`RETRY_COST`) */
  readonly awsRetryCost: number;
  /** AWS: tokens a retry after a timeout costs. @default 10 (`TIMEOUT_RETRY_COST`) */
  readonly awsTimeoutRetryCost: number;
  /** AWS: tokens a success at the first attempt returns. @default 1 (`NO_RETRY_INCREMENT`) */
  readonly awsSuccessIncrement: number;
  /** gRPC: `maxTokens`, an integer in (0, 1000]; the count starts there. @default 10 */
  readonly grpcMaxTokens: number;
  /** gRPC: `tokenRatio`, tokens a success adds (3 decimals kept). @default 0.1 */
  readonly grpcTokenRatio: number;
  /** Envoy: `budget_percent`, active retries as a percent of active requests. @default 20 */
  readonly envoyBudgetPercent: number;
  /** Envoy: `min_retry_concurrency`, active retries always allowed. @default 3 */
  readonly envoyMinRetryConcurrency: number;
  /** Finagle: `ttl`, how long a deposit lasts, ms in [1000, 60000]. @default 10000 */
  readonly finagleTtlMs: number;
  /** Finagle: `minRetriesPerSec`, the reserve, retries per second ≥ 0. @default 10 */
  readonly finagleMinRetriesPerSec: number;
  /** Finagle: `percentCanRetry`, a ratio in [0, 1000] (0.2 = a fifth of requests). @default 0.2 */
  readonly finaglePercentCanRetry: number;
  /** Adaptive: tokens the bucket holds; it starts full. @default 10 (our choice) */
  readonly adaptiveCapacity: number;
  /** Adaptive: tokens each success deposits. @default 0.1 */
  readonly adaptiveDepositPerSuccess: number;
  /** Adaptive: tokens a retry costs; a retry needs that many. @default 1 */
  readonly adaptiveRetryCost: number;
}

/**
 * Published defaults (the adaptive bucket's capacity is ours: the post gives none).
 * @see https://github.com/aws/aws-sdk-go-v2/blob/main/aws/retry/standard.go
 * @see https://github.com/grpc/proposal/blob/master/A6-client-retries.md#throttling-configuration
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/circuit_breaker.proto
 * @see https://github.com/twitter/finagle/blob/develop/finagle-core/src/main/scala/com/twitter/finagle/service/RetryBudget.scala
 * @see https://brooker.co.za/blog/2022/02/28/retries.html
 */
export const retryBudgetDefaults: RetryBudgetConfig = {
  variant: 'off',
  awsCapacity: 500,
  awsRetryCost: 5,
  awsTimeoutRetryCost: 10,
  awsSuccessIncrement: 1,
  grpcMaxTokens: 10,
  grpcTokenRatio: 0.1,
  envoyBudgetPercent: 20,
  envoyMinRetryConcurrency: 3,
  finagleTtlMs: 10_000,
  finagleMinRetriesPerSec: 10,
  finaglePercentCanRetry: 0.2,
  adaptiveCapacity: 10,
  adaptiveDepositPerSuccess: 0.1,
  adaptiveRetryCost: 1,
};

/** A new budget of `config.variant`, full where it has a capacity. */
export function createRetryBudget(config: RetryBudgetConfig): RetryBudget {
  switch (config.variant) {
    case 'off':
      return new UnlimitedBudget();
    case 'aws':
      return new AwsRetryQuota(config);
    case 'grpc':
      return new GrpcRetryThrottle(config.grpcMaxTokens, config.grpcTokenRatio);
    case 'envoy':
      return new EnvoyRetryBudget(config.envoyBudgetPercent, config.envoyMinRetryConcurrency);
    case 'finagle':
      return new FinagleRetryBudget(
        config.finagleTtlMs,
        config.finagleMinRetriesPerSec,
        config.finaglePercentCanRetry,
      );
    case 'adaptive':
      return new AdaptiveTokenBucket(config);
  }
}

/** Thousandths of a token: `tokens` to 3 decimals, without binary noise (0.57 → 570). */
const milli = (tokens: number) => Math.round(tokens * 1000);

/** No budget: every retry allowed. */
class UnlimitedBudget implements RetryBudget {
  readonly capacity = Number.POSITIVE_INFINITY;
  requestStarted(): void {}
  requestEnded(): void {}
  tryRetry(): boolean {
    return true;
  }
  retryEnded(): void {}
  attemptSucceeded(): void {}
  attemptFailed(): void {}
  level(): number {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * AWS SDKs' standard-mode retry quota: a retry takes its cost if the quota holds it; a success
 * returns the cost of the retry it followed, or `awsSuccessIncrement` when there was no retry.
 * @see https://github.com/boto/botocore/blob/develop/botocore/retries/standard.py (RetryQuotaChecker)
 */
class AwsRetryQuota implements RetryBudget {
  readonly capacity: number;
  readonly #config: RetryBudgetConfig;
  /** Tokens left. Invariant: 0 ≤ #available ≤ capacity (a charge never exceeds it). */
  #available: number;

  constructor(config: RetryBudgetConfig) {
    this.#config = config;
    this.capacity = config.awsCapacity;
    this.#available = config.awsCapacity;
  }
  requestStarted(): void {}
  requestEnded(): void {}
  tryRetry(_nowMs: number, afterTimeout: boolean): boolean {
    const cost = afterTimeout ? this.#config.awsTimeoutRetryCost : this.#config.awsRetryCost;
    if (cost > this.#available) return false;
    this.#available -= cost;
    return true;
  }
  retryEnded(): void {}
  attemptSucceeded(_nowMs: number, wasRetry: boolean, retryAfterTimeout = false): void {
    const c = this.#config;
    const refund = !wasRetry
      ? c.awsSuccessIncrement
      : retryAfterTimeout
        ? c.awsTimeoutRetryCost
        : c.awsRetryCost;
    this.#available = Math.min(this.capacity, this.#available + refund);
  }
  attemptFailed(): void {}
  level(): number {
    return this.#available;
  }
}

/**
 * gRPC retry throttling: a failed attempt takes one token, a success adds `tokenRatio`; retries
 * are allowed while the count is above maxTokens / 2. Charged at the failure, not at `tryRetry`.
 * @see https://github.com/grpc/proposal/blob/master/A6-client-retries.md#throttling-retry-attempts-and-hedged-rpcs
 * @see https://github.com/grpc/grpc/blob/master/src/core/client_channel/retry_throttle.cc
 */
class GrpcRetryThrottle implements RetryBudget {
  readonly capacity: number;
  readonly #maxMilli: number;
  readonly #ratioMilli: number;
  /** Thousandths of a token, as gRPC core keeps them. Invariant: 0 ≤ #milli ≤ #maxMilli. */
  #milli: number;

  constructor(maxTokens: number, tokenRatio: number) {
    this.capacity = maxTokens;
    this.#maxMilli = milli(maxTokens);
    // "Decimal places beyond 3 are ignored": truncated, after rounding away binary noise.
    this.#ratioMilli = Math.floor(Math.round(tokenRatio * 1e6) / 1000);
    this.#milli = this.#maxMilli;
  }
  requestStarted(): void {}
  requestEnded(): void {}
  tryRetry(): boolean {
    return this.#milli > this.#maxMilli / 2;
  }
  retryEnded(): void {}
  attemptSucceeded(): void {
    this.#milli = Math.min(this.#maxMilli, this.#milli + this.#ratioMilli);
  }
  attemptFailed(): void {
    this.#milli = Math.max(0, this.#milli - 1000);
  }
  level(): number {
    return this.#milli / 1000;
  }
}

/**
 * Envoy's retry budget: active retries may reach
 * max(⌊budget_percent / 100 × active requests⌋, min_retry_concurrency), where active requests
 * count retries in flight too (each retry is an upstream request of its own in Envoy).
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/resource_manager_impl.h (RetryBudgetImpl)
 */
class EnvoyRetryBudget implements RetryBudget {
  readonly capacity = Number.POSITIVE_INFINITY;
  readonly #budgetPercent: number;
  readonly #minRetryConcurrency: number;
  /** First attempts in flight, and retries allowed whose attempt has not ended. Both ≥ 0. */
  #activeRequests = 0;
  #activeRetries = 0;

  constructor(budgetPercent: number, minRetryConcurrency: number) {
    this.#budgetPercent = budgetPercent;
    this.#minRetryConcurrency = minRetryConcurrency;
  }
  #limit(): number {
    const active = this.#activeRequests + this.#activeRetries;
    return Math.max(Math.trunc((this.#budgetPercent / 100) * active), this.#minRetryConcurrency);
  }
  requestStarted(): void {
    this.#activeRequests++;
  }
  requestEnded(): void {
    this.#activeRequests--;
  }
  tryRetry(): boolean {
    if (this.#activeRetries >= this.#limit()) return false;
    this.#activeRetries++;
    return true;
  }
  retryEnded(): void {
    this.#activeRetries--;
  }
  attemptSucceeded(): void {}
  attemptFailed(): void {}
  level(): number {
    return Math.max(0, this.#limit() - this.#activeRetries);
  }
}

/**
 * The adaptive retry token bucket: each successful attempt deposits a fraction of a token, each
 * retry takes `adaptiveRetryCost` tokens and needs them whole; capped, starting full.
 * @see https://brooker.co.za/blog/2022/02/28/retries.html
 */
class AdaptiveTokenBucket implements RetryBudget {
  readonly capacity: number;
  readonly #capacityMilli: number;
  readonly #depositMilli: number;
  readonly #costMilli: number;
  /** Thousandths of a token. Invariant: 0 ≤ #milli ≤ #capacityMilli. */
  #milli: number;

  constructor(config: RetryBudgetConfig) {
    this.capacity = config.adaptiveCapacity;
    this.#capacityMilli = milli(config.adaptiveCapacity);
    this.#depositMilli = milli(config.adaptiveDepositPerSuccess);
    this.#costMilli = milli(config.adaptiveRetryCost);
    this.#milli = this.#capacityMilli;
  }
  requestStarted(): void {}
  requestEnded(): void {}
  tryRetry(): boolean {
    if (this.#milli < this.#costMilli) return false;
    this.#milli -= this.#costMilli;
    return true;
  }
  retryEnded(): void {}
  attemptSucceeded(): void {
    this.#milli = Math.min(this.#capacityMilli, this.#milli + this.#depositMilli);
  }
  attemptFailed(): void {}
  level(): number {
    return this.#milli / 1000;
  }
}
