/**
 * Exponential backoff with jitter, as a pure function of the retry number, the previous delay,
 * the options and one uniform random number.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
import type { JitterMode } from './scenario-schema';

/**
 * Options of the backoff (already checked by the scenario schema, with their defaults and
 * ranges in the settings registry); all times in virtual ms.
 */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  readonly baseDelayMs: number;
  /** Cap on every delay; at least `baseDelayMs`. */
  readonly maxDelayMs: number;
  /** How delays are spread. */
  readonly jitter: JitterMode;
}

/**
 * The delay before retry number `retryIndex` (0 for the first retry), in ms.
 * With `exp = min(maxDelayMs, baseDelayMs · 2^retryIndex)`:
 * none → `exp`; full → `uniform(0, exp)`; equal → `exp/2 + uniform(0, exp/2)`;
 * decorrelated → `min(maxDelayMs, uniform(baseDelayMs, previousDelayMs · 3))`, where
 * `previousDelayMs` is `baseDelayMs` before the first retry.
 * `u` is a uniform number in [0, 1); every mode takes one, so the jitter stream stays aligned
 * when the mode changes.
 */
export function backoffDelayMs(
  options: BackoffOptions,
  retryIndex: number,
  previousDelayMs: number,
  u: number,
): number {
  const { baseDelayMs, maxDelayMs } = options;
  switch (options.jitter) {
    case 'none':
      return exponentialMs(options, retryIndex);
    case 'full':
      return u * exponentialMs(options, retryIndex);
    case 'equal': {
      const half = exponentialMs(options, retryIndex) / 2;
      return half + u * half;
    }
    case 'decorrelated': {
      const upper = Math.max(baseDelayMs, previousDelayMs * 3);
      return Math.min(maxDelayMs, baseDelayMs + u * (upper - baseDelayMs));
    }
  }
}

/** The capped exponential delay before jitter: `min(maxDelayMs, baseDelayMs · 2^retryIndex)`. */
export function exponentialMs(options: BackoffOptions, retryIndex: number): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex);
}

/** The range [min, max] a delay can take, for checks and charts. */
export function backoffRangeMs(
  options: BackoffOptions,
  retryIndex: number,
  previousDelayMs: number,
): [number, number] {
  const exp = exponentialMs(options, retryIndex);
  switch (options.jitter) {
    case 'none':
      return [exp, exp];
    case 'full':
      return [0, exp];
    case 'equal':
      return [exp / 2, exp];
    case 'decorrelated':
      return [
        Math.min(options.maxDelayMs, options.baseDelayMs),
        Math.min(options.maxDelayMs, Math.max(options.baseDelayMs, previousDelayMs * 3)),
      ];
  }
}
