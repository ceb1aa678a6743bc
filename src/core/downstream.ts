/**
 * The flaky downstream the relay calls. Each attempt's fate (hang, failure, latency) is a
 * counter-based draw on (request id, attempt number), so the same attempt of the same request
 * meets the same downstream in two runs that differ only in the relay's settings.
 * A failure is refused before any work (no effect); a success applies its effect when it
 * completes, even if the relay stopped waiting; a hang never answers and applies nothing.
 */

import { normalFrom, type Random, uniformAt } from './random';
import type { RelayConfig } from './scenario-schema';
import { LOGNORMAL_P99_RATIO_DEFAULT } from './settings';

/** The downstream's settings: `scenario.downstream`. */
export type DownstreamConfig = RelayConfig['downstream'];

/** Fate of an attempt, as a small integer for the hot path. */
export const Fate = { Success: 0, Failure: 1, Hang: 2, Permanent: 4 } as const;
/** One of the `Fate` values. */
export type Fate = (typeof Fate)[keyof typeof Fate];

const DISTRIBUTIONS = { constant: 0, exponential: 1, lognormal: 2 } as const;

/** z such that P(Z ≤ z) = 0.99 for a standard normal Z. */
const Z99 = 2.3263478740408408;

/** The simulated downstream. */
export class Downstream {
  #config!: DownstreamConfig;
  /** `config.latency.distribution` as a number: comparing strings was measurable per attempt. */
  #distribution: (typeof DISTRIBUTIONS)[keyof typeof DISTRIBUTIONS] = 0;
  #mu = 0;
  #sigma = 0;
  readonly #random: Random;
  /** Latency of the last drawn attempt, ms. */
  latencyMs = 0;

  constructor(config: DownstreamConfig, random: Random) {
    this.#random = random;
    this.configure(config);
  }

  /** Applies new settings (already validated) to later attempts. */
  configure(config: DownstreamConfig): void {
    this.#config = config;
    const { meanMs, p99Ms, distribution } = config.latency;
    this.#distribution = DISTRIBUTIONS[distribution];
    if (distribution === 'lognormal') {
      const ratio = (p99Ms ?? meanMs * LOGNORMAL_P99_RATIO_DEFAULT) / meanMs;
      // mean = exp(mu + sigma²/2) and p99 = exp(mu + Z99·sigma): the smaller root for sigma.
      this.#sigma = Z99 - Math.sqrt(Math.max(0, Z99 * Z99 - 2 * Math.log(ratio)));
      this.#mu = Math.log(meanMs) - (this.#sigma * this.#sigma) / 2;
    }
  }

  /** Draws the fate of attempt `attempt` of request `requestId`; its latency is in `latencyMs`. */
  draw(requestId: number, attempt: number): Fate {
    const config = this.#config;
    const base = this.#random.hashOf(requestId, attempt);
    // Counter-based draws are independent, so a draw that cannot matter is skipped.
    const { hangProbability: hang, failureProbability: failure } = config;
    this.latencyMs = this.#latency(base) * config.slowdownFactor;
    if (hang > 0 && uniformAt(base, 0) < hang) return Fate.Hang;
    // An outage's failures are transient (a 503): they are always worth a retry.
    if (config.outage) return Fate.Failure;
    if (!(failure > 0 && (failure >= 1 || uniformAt(base, 1) < failure))) return Fate.Success;
    const permanent = config.permanentFailureShare;
    return permanent > 0 && uniformAt(base, 4) < permanent ? Fate.Permanent : Fate.Failure;
  }

  #latency(base: number): number {
    const { meanMs } = this.#config.latency;
    switch (this.#distribution) {
      case DISTRIBUTIONS.constant:
        return meanMs;
      case DISTRIBUTIONS.exponential:
        return -Math.log(1 - uniformAt(base, 2)) * meanMs;
      case DISTRIBUTIONS.lognormal:
        return Math.exp(
          this.#mu + this.#sigma * normalFrom(uniformAt(base, 2), uniformAt(base, 3)),
        );
    }
  }
}
