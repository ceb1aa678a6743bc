/**
 * `npm run bench:memory`: bytes per entry of each structure a scenario's limits bound, measured
 * by filling it with N entries in a real simulation and reading the heap (V8's heap plus the
 * typed arrays outside it) after a full GC. Needs `node --expose-gc` (the npm script gives it).
 * The figures behind `src/core/memory.ts` (issue 13.2).
 */
import {
  createSimulation,
  MAX_DEAD_LETTER_CAPACITY,
  type ScenarioInput,
  type Simulation,
} from '../core';

const SIZES = (process.env.MEMORY_SIZES ?? '100000,1000000').split(',').map(Number);
/** 30 days, the longest timeout or latency a scenario accepts. */
const LONGEST_MS = 2_592_000_000;
/** Arrivals per second of virtual time where N entries arrive one by one. */
const RATE_PER_SEC = 100_000;

interface Case {
  readonly name: string;
  /** The scenario that fills the structure with `n` entries by `untilMs(n)`. */
  readonly scenario: (n: number) => ScenarioInput;
  readonly untilMs: (n: number) => number;
  /** Entries held at the end (at least `n`: a stream may let a few more in). */
  readonly count: (simulation: Simulation) => number;
  /** The most entries its range allows, when fewer than the sizes measured. */
  readonly max?: number;
}

/** All `n` (and `extra`) at once, at 0: they stay in flight. A burst is at most 1,000,000. */
const burst = (n: number, extra = 0) => ({
  ratePerSec: 0,
  keyedRatio: 0,
  bursts: [{ atMs: 0, count: n }, ...(extra > 0 ? [{ atMs: 0, count: extra }] : [])],
});
/** `n` one after another, 10 µs apart: each ends before the next arrives. */
const stream = (keyedRatio: number) =>
  ({ ratePerSec: RATE_PER_SEC, arrival: 'uniform', keyedRatio }) as const;
// 2 ms past the n-th arrival: its attempt (1 ms at most here) has ended, whatever the rounding.
const streamUntilMs = (n: number) => (n / RATE_PER_SEC) * 1000 + 2;
const hangs = { hangProbability: 1, latency: { distribution: 'constant', meanMs: 1 } } as const;
const instant = { distribution: 'constant', meanMs: 0 } as const;
/** Failed attempts retried at once, so a request ends in the instant it arrived. */
const retries = (maxRetries: number) => ({ maxRetries, baseDelayMs: 0, maxDelayMs: 0 });

const CASES: Case[] = [
  {
    name: 'queued request (waiting for a worker)',
    scenario: (n) => ({
      durationMs: 1,
      traffic: burst(n, 1), // one for the worker, n for the queue
      downstream: hangs,
      relay: { workers: 1, queueCapacity: n, retry: { attemptTimeoutMs: LONGEST_MS } },
    }),
    untilMs: () => 1,
    count: (simulation) => simulation.state().queueDepth,
  },
  {
    name: 'request in flight (held by a worker, in an attempt)',
    scenario: (n) => ({
      durationMs: 1,
      traffic: burst(n),
      downstream: hangs,
      relay: { workers: 'unbounded', retry: { attemptTimeoutMs: LONGEST_MS } },
    }),
    untilMs: () => 1,
    count: (simulation) => simulation.state().busyWorkers,
  },
  {
    name: 'idempotency key (completed)',
    scenario: (n) => ({
      durationMs: streamUntilMs(n),
      traffic: stream(1),
      downstream: { failureProbability: 0, latency: instant },
      relay: {
        workers: 'unbounded',
        idempotency: { maxKeys: n, ttlMs: LONGEST_MS },
      },
    }),
    untilMs: streamUntilMs,
    count: (simulation) => simulation.summary().idempotency.keys,
  },
  ...[1, 4, 8, 101].map(
    (attempts): Case => ({
      name: `dead letter, ${attempts} attempt${attempts === 1 ? '' : 's'}${attempts > 8 ? ' (8 kept)' : ''}`,
      scenario: (n) => ({
        durationMs: streamUntilMs(n),
        traffic: stream(0),
        downstream: { outage: true, latency: instant },
        relay: {
          workers: 'unbounded',
          retry: retries(attempts - 1),
          deadLetter: { capacity: n },
        },
      }),
      untilMs: streamUntilMs,
      count: (simulation) => simulation.summary().deadLetters.size,
      max: MAX_DEAD_LETTER_CAPACITY,
    }),
  ),
  {
    name: 'downstream call the relay gave up on (still running)',
    scenario: (n) => ({
      durationMs: streamUntilMs(n),
      traffic: stream(0),
      downstream: {
        failureProbability: 0,
        latency: { distribution: 'constant', meanMs: LONGEST_MS },
      },
      relay: {
        workers: 'unbounded',
        retry: { ...retries(0), attemptTimeoutMs: 1 },
        deadLetter: { capacity: 0 },
      },
    }),
    untilMs: streamUntilMs,
    count: (simulation) => simulation.summary().deadLetters.overflowed,
  },
  {
    name: 'call queued at finite servers, its caller gone',
    scenario: (n) => ({
      durationMs: streamUntilMs(n),
      traffic: stream(0),
      downstream: {
        failureProbability: 0,
        latency: { distribution: 'constant', meanMs: LONGEST_MS },
        servers: 1,
        queueCapacity: n,
      },
      relay: {
        workers: 'unbounded',
        retry: { ...retries(0), attemptTimeoutMs: 1 },
        deadLetter: { capacity: 0 },
      },
    }),
    untilMs: streamUntilMs,
    count: (simulation) => simulation.state().downstreamQueued,
  },
];

/** V8's heap plus the memory of typed arrays, after a full collection. */
function bytesUsed(): number {
  globalThis.gc!();
  globalThis.gc!();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** Bytes per entry of `c` filled with `n` entries, and how many it held. */
function measure(c: Case, n: number): { perEntry: number; held: number } {
  const before = bytesUsed();
  const simulation = createSimulation(c.scenario(n), { keepBuckets: 0 });
  simulation.advanceTo(c.untilMs(n));
  const after = bytesUsed();
  const held = c.count(simulation);
  return { perEntry: (after - before) / held, held };
}

/** Bytes of a run of the default scenario, without keys, with `keepBuckets` buckets full. */
function fixedBytes(keepBuckets: number): number {
  const before = bytesUsed();
  const scenario = { durationMs: 1_100_000, traffic: { keyedRatio: 0 } }; // no keys: not fixed
  const simulation = createSimulation(scenario, { keepBuckets });
  simulation.advanceTo(1_100_000); // 4,400 buckets of 250 ms: the kept ones are full
  const after = bytesUsed();
  if (simulation.summary().requests < 0) throw new Error('unreachable: keeps the run alive');
  return after - before;
}

function main(): void {
  if (globalThis.gc === undefined) {
    console.error('Run with `node --expose-gc` (npm run bench:memory does).');
    process.exitCode = 2;
    return;
  }
  fixedBytes(16); // compile first
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(
    `fixed: a simulation of the default scenario without keys: ${mb(fixedBytes(0))} with no buckets kept (the CLI), ${mb(fixedBytes(4096))} with 4,096 (the page)`,
  );
  console.log(`bytes per entry (heap + typed arrays, after GC), N = ${SIZES.join(', ')}`);
  for (const c of CASES) {
    measure(c, 1000); // compile the paths first, so their code is not counted
    const cells = SIZES.map((size) => {
      const n = Math.min(size, c.max ?? size);
      const { perEntry, held } = measure(c, n);
      if (held < n) throw new Error(`${c.name}: held ${held} of ${n}`);
      return perEntry.toFixed(0).padStart(8);
    });
    console.log(`${c.name.padEnd(56)}${cells.join('')}`);
  }
}

main();
