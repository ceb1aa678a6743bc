/**
 * How long a call may take before it is hedged: a fixed delay, or a percentile of the latency
 * recent calls took (Dean and Barroso, "The Tail at Scale": hedge at the p95). Recent latency is
 * the last two windows of 10 s of virtual time, so the delay follows a downstream that slows down.
 * @see https://research.google/pubs/the-tail-at-scale/
 */
import { Histogram } from './histogram';
import type { RelayConfig } from './scenario-schema';

/** Width of a window of recent latency, virtual ms. */
export const HEDGE_WINDOW_MS = 10_000;
/** Fewest latencies a percentile is taken from; before that, no hedge. */
const MIN_SAMPLES = 20;

/** The hedging delay of the relay's settings, from the latencies recorded so far. */
export class HedgeDelay {
  #config: RelayConfig['relay']['hedge'];
  #current = new Histogram();
  #previous = new Histogram();
  #windowEndMs = HEDGE_WINDOW_MS;
  /** The last percentile computed, and until when it holds (a quarter second). */
  #cachedMs = Number.POSITIVE_INFINITY;
  #cachedUntilMs = -1;

  constructor(config: RelayConfig['relay']['hedge']) {
    this.#config = config;
  }

  /** True while hedging is on. */
  get on(): boolean {
    return this.#config.mode !== 'off';
  }

  /** Applies new settings (already validated). */
  configure(config: RelayConfig['relay']['hedge']): void {
    this.#config = config;
    this.#cachedUntilMs = -1;
  }

  /** Records that a call answered after `latencyMs`, at `nowMs`. */
  record(latencyMs: number, nowMs: number): void {
    this.#roll(nowMs);
    this.#current.record(latencyMs);
  }

  /** The delay after which a call sent now is hedged, ms (`Infinity`: not yet, or off). */
  delayMs(nowMs: number): number {
    const config = this.#config;
    if (config.mode === 'off') return Number.POSITIVE_INFINITY;
    if (config.mode === 'fixed') return config.delayMs;
    if (nowMs < this.#cachedUntilMs) return this.#cachedMs;
    this.#roll(nowMs);
    const source = this.#current.count >= MIN_SAMPLES ? this.#current : this.#previous;
    this.#cachedMs =
      source.count >= MIN_SAMPLES ? source.quantile(config.percentile) : Number.POSITIVE_INFINITY;
    this.#cachedUntilMs = nowMs + 250;
    return this.#cachedMs;
  }

  #roll(nowMs: number): void {
    if (nowMs < this.#windowEndMs) return;
    const spare = this.#previous;
    spare.clear();
    this.#previous = this.#current;
    this.#current = spare;
    // A long quiet spell leaves no recent latency at all.
    if (nowMs >= this.#windowEndMs + HEDGE_WINDOW_MS) this.#previous.clear();
    this.#windowEndMs = (Math.floor(nowMs / HEDGE_WINDOW_MS) + 1) * HEDGE_WINDOW_MS;
  }
}
