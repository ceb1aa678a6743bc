/**
 * The standard workload of DESIGN.md's budget: Poisson arrivals near capacity into 4 workers
 * and a queue of 100, a downstream failing 30% of calls, 3 retries with full jitter, every
 * request keyed. Service per request ≈ 1.417 attempts × 10 ms + 2.9 ms of backoff ≈ 17.1 ms, so
 * 4 workers serve ≈ 234 requests/s; 220/s puts them at ≈ 94% busy.
 */
import type { ScenarioInput } from '../core';

/** The standard workload, `durationMs` long (1,000 s ≈ 220,000 requests). */
export function standardWorkload(durationMs = 1_000_000, seed = 7): ScenarioInput {
  return {
    seed,
    durationMs,
    traffic: { ratePerSec: 220, arrival: 'poisson', keyedRatio: 1 },
    downstream: {
      failureProbability: 0.3,
      latency: { distribution: 'exponential', meanMs: 10 },
    },
    relay: {
      workers: 4,
      queueCapacity: 100,
      retry: {
        maxRetries: 3,
        baseDelayMs: 10,
        maxDelayMs: 1000,
        jitter: 'full',
        attemptTimeoutMs: 1000,
      },
    },
  };
}
