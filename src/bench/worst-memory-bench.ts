/**
 * `npm run bench:worst`: the peak memory of the worst valid scenarios the ranges allow (issue
 * 13.2), run in a real simulation: every capacity at its limit and filled, and a rate-bound run
 * just under the memory budget (the scenario that crashed the CLI, at the rate its refusal says
 * fits). Reads V8's heap plus typed arrays after each slice (the peak) and after a full GC at the
 * end (what the run holds), beside `estimateMemoryBytes`. Needs `node --expose-gc`.
 */
import {
  createSimulation,
  estimateMemoryBytes,
  MAX_CAPACITY,
  MAX_DEAD_LETTER_CAPACITY,
  MAX_DURATION_MS,
  MAX_WORKERS,
  parseScenario,
  type ScenarioInput,
} from '../core';

const LONG = {
  'relay.retry.baseDelayMs': MAX_DURATION_MS,
  'relay.retry.maxDelayMs': MAX_DURATION_MS,
};

/**
 * Every capacity at its limit, and full at 2.2 s: 0–1 s an outage fills the dead-letter queue
 * with 8-attempt histories; then calls take 30 days, and two bursts of 100,000 with 1 ms timeouts
 * leave 1 M calls queued at the 100,000 busy servers; from 1.02 s attempts wait 30 days, so arrivals hold every worker,
 * and a burst of 1 M at 2.1 s fills the relay's queue (each with its key in progress).
 */
const CAPACITIES: ScenarioInput = {
  durationMs: 2200,
  traffic: { ratePerSec: 100_000, arrival: 'uniform', keyedRatio: 1 },
  downstream: {
    outage: true,
    latency: { distribution: 'constant', meanMs: 0 },
    servers: MAX_WORKERS,
    queueCapacity: MAX_CAPACITY,
  },
  relay: {
    workers: MAX_WORKERS,
    queueCapacity: MAX_CAPACITY,
    retry: { maxRetries: 7, baseDelayMs: 0, maxDelayMs: 0, attemptTimeoutMs: 1 },
    idempotency: { maxKeys: MAX_CAPACITY, ttlMs: MAX_DURATION_MS },
    deadLetter: { capacity: MAX_DEAD_LETTER_CAPACITY },
  },
  timeline: [
    {
      atMs: 1000,
      set: { 'downstream.outage': false, 'downstream.latency.meanMs': MAX_DURATION_MS },
    },
    { atMs: 1000, action: 'burst', count: MAX_WORKERS },
    { atMs: 1010, action: 'burst', count: MAX_WORKERS },
    { atMs: 1020, set: { 'relay.retry.attemptTimeoutMs': MAX_DURATION_MS, ...LONG } },
    { atMs: 2100, action: 'burst', count: 1_000_000 },
  ],
};

/** The crash scenario of issue 13.2 at 32,000/s, the rate its refusal at 100,000/s says fits. */
const RATE_BOUND: ScenarioInput = {
  durationMs: 120_000,
  traffic: { ratePerSec: 32_000 },
  downstream: { outage: true },
  relay: {
    workers: 'unbounded',
    retry: { maxRetries: 10 },
    deadLetter: { capacity: MAX_DEAD_LETTER_CAPACITY },
  },
};

function bytesUsed(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

function measure(name: string, input: ScenarioInput, sliceMs: number): void {
  globalThis.gc!();
  const before = bytesUsed();
  const scenario = parseScenario(input);
  const estimate = estimateMemoryBytes(scenario);
  const simulation = createSimulation(scenario, { keepBuckets: 4096 });
  let peak = 0;
  const started = performance.now();
  while (simulation.nowMs < scenario.durationMs) {
    simulation.advanceTo(Math.min(scenario.durationMs, simulation.nowMs + sliceMs));
    peak = Math.max(peak, bytesUsed() - before);
  }
  const wallS = ((performance.now() - started) / 1000).toFixed(0);
  globalThis.gc!();
  const held = bytesUsed() - before;
  const state = simulation.state();
  const summary = simulation.summary();
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  console.log(`${name} (${wallS} s of wall time)`);
  console.log(
    `  at the end: queue ${state.queueDepth}, busy workers ${state.busyWorkers}, downstream busy ${state.downstreamBusy} + queued ${state.downstreamQueued}, keys ${summary.idempotency.keys}, dead letters ${summary.deadLetters.size}, requests ${summary.requests}`,
  );
  console.log(
    `  estimate ${mb(estimate.bytes)}; peak ${mb(peak)} (heap + typed arrays, sampled every ${sliceMs} ms of virtual time); after GC ${mb(held)}`,
  );
  if (summary.requests < 0) throw new Error('unreachable: keeps the run alive');
}

if (globalThis.gc === undefined) {
  console.error('Run with `node --expose-gc` (npm run bench:worst does).');
  process.exitCode = 2;
} else {
  measure('every capacity at its limit, filled', CAPACITIES, 10);
  if (!process.argv.includes('--capacities-only')) {
    measure(
      'unbounded workers at 32,000/s into an outage (just under the budget)',
      RATE_BOUND,
      1000,
    );
  }
}
