/**
 * The retry policy: how many times a failed attempt is tried again, how long one attempt may
 * take, and which outcomes count as retryable. The waiting itself is `backoff.ts`.
 */
import { type BackoffOptions, resolveBackoffOptions } from './backoff';

/** How one downstream attempt ended. */
export type AttemptOutcome = 'success' | 'failure' | 'timeout';

/** Options of the retry policy; all times in virtual ms. */
export interface RetryOptions extends BackoffOptions {
  /** Retries after the first attempt; 0 means one attempt only. @default 3 */
  readonly maxRetries: number;
  /** How long the relay waits for one attempt before giving up on it. @default 1000 */
  readonly attemptTimeoutMs: number;
}

/** Defaults of `RetryOptions`. */
export const retryDefaults: RetryOptions = {
  maxRetries: 3,
  attemptTimeoutMs: 1000,
  ...resolveBackoffOptions(),
};

/** Fills defaults and checks ranges; throws a `RangeError` naming the bad option. */
export function resolveRetryOptions(options: Partial<RetryOptions> = {}): RetryOptions {
  const resolved = { ...retryDefaults, ...options };
  resolveBackoffOptions(resolved);
  if (!(Number.isInteger(resolved.maxRetries) && resolved.maxRetries >= 0)) {
    throw new RangeError(
      `Expected \`maxRetries\` to be an integer ≥ 0, got ${resolved.maxRetries}`,
    );
  }
  if (!(resolved.attemptTimeoutMs > 0)) {
    throw new RangeError(
      `Expected \`attemptTimeoutMs\` to be > 0, got ${resolved.attemptTimeoutMs}`,
    );
  }
  return resolved;
}

/** Failures and timeouts are retried; a success ends the request. */
export function isRetryable(outcome: AttemptOutcome): boolean {
  return outcome !== 'success';
}

/**
 * True when a request whose attempt number `attemptsMade` (1 for the first) just ended in
 * `outcome` gets another attempt. Attempts never exceed `maxRetries + 1`.
 */
export function shouldRetry(
  options: Pick<RetryOptions, 'maxRetries'>,
  outcome: AttemptOutcome,
  attemptsMade: number,
): boolean {
  return isRetryable(outcome) && attemptsMade <= options.maxRetries;
}
