import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_DEAD_LETTER,
  BYTES_PER_DOWNSTREAM_CALL,
  BYTES_PER_IDEMPOTENCY_KEY,
  BYTES_PER_QUEUED_REQUEST,
  BYTES_PER_REQUEST_IN_FLIGHT,
  DOWNSTREAM_QUEUE_MAX_CALLS,
  estimateMemoryBytes,
  FIXED_BYTES,
  type MemoryEstimate,
} from './memory';
import { MEMORY_BUDGET_BYTES, memoryProblem } from './memory-budget';
import { parseScenario, ScenarioError } from './scenario';
import type { ScenarioInput } from './scenario-schema';
import {
  MAX_CAPACITY,
  MAX_DEAD_LETTER_CAPACITY,
  MAX_DURATION_MS,
  MAX_RATE_PER_SEC,
  MAX_WORKERS,
} from './settings';

const estimate = (scenario: ScenarioInput) => estimateMemoryBytes(parseScenario(scenario));
const counts = (e: MemoryEstimate) => Object.fromEntries(e.parts.map((p) => [p.name, p.count]));

describe('issue 13.2: estimateMemoryBytes', () => {
  it('multiplies each capacity of the default scenario by its bytes per entry', () => {
    const e = estimate({});
    // 8 workers, queue 100, 100,000 keys, 1,000 dead letters; 50/s × 4 attempts × 50 ms = 10
    // downstream calls on average, but 8 workers waiting 1 s at most start 8 × 1.05 of them.
    expect(counts(e)).toEqual({
      queue: 100,
      inFlight: 8,
      idempotencyKeys: 100_000,
      keysBeyondMaxKeys: 0,
      deadLetters: 1000,
      downstreamCalls: 9,
    });
    expect(e.boundedBytes).toBe(
      FIXED_BYTES +
        100 * BYTES_PER_QUEUED_REQUEST +
        8 * BYTES_PER_REQUEST_IN_FLIGHT +
        100_000 * BYTES_PER_IDEMPOTENCY_KEY +
        1000 * BYTES_PER_DEAD_LETTER,
    );
    expect(e.bytes).toBe(e.boundedBytes + 9 * BYTES_PER_DOWNSTREAM_CALL);
    expect(e.unbounded).toEqual([expect.stringMatching(/^downstream calls: unbounded servers/)]);
  });

  it('bounds the downstream calls by its servers and queue when both are finite', () => {
    const e = estimate({ downstream: { servers: 40, queueCapacity: 10 } });
    expect(e.parts.find((p) => p.name === 'downstreamCalls')).toMatchObject({
      count: 50,
      boundedBy: 'capacity',
    });
    expect(e.unbounded).toEqual([]);
    expect(e.bytes).toBe(e.boundedBytes);
  });

  it('counts the largest capacity any timeline entry sets', () => {
    const e = estimate({
      relay: { queueCapacity: 10, deadLetter: { capacity: 5 } },
      timeline: [
        { atMs: 1, set: { 'relay.queueCapacity': 5000, 'relay.workers': 64 } },
        { atMs: 2, set: { 'relay.queueCapacity': 20, 'relay.deadLetter.capacity': 70 } },
      ],
    });
    expect(counts(e)).toMatchObject({ queue: 5000, inFlight: 64, deadLetters: 70 });
  });

  it('with unbounded workers counts requests in flight from the rate and says so', () => {
    const e = estimate({
      traffic: { ratePerSec: 100, bursts: [{ atMs: 0, count: 500 }] },
      relay: {
        workers: 'unbounded',
        retry: { maxRetries: 2, attemptTimeoutMs: 1000, maxDelayMs: 5000 },
        deadLetter: { capacity: 30 },
      },
      timeline: [{ atMs: 5, action: 'burst', count: 70 }],
    });
    // 100/s × (3 attempts × 1 s + 2 waits × 5 s) + 570 in bursts + 30 dead letters replayed.
    expect(e.parts.find((p) => p.name === 'inFlight')).toMatchObject({
      count: 1300 + 570 + 30,
      boundedBy: 'rate',
    });
    expect(e.unbounded[0]).toMatch(/^requests in flight: workers are unbounded, so up to 1900 /);
    // 100/s × 3 attempts × 50 ms = 15 downstream calls on average.
    const rateBound = 1900 * BYTES_PER_REQUEST_IN_FLIGHT + 15 * BYTES_PER_DOWNSTREAM_CALL;
    expect(e.boundedBytes).toBe(e.bytes - rateBound);
  });

  it('counts an unbounded downstream queue as every call of the run, up to its hard maximum', () => {
    const short = estimate({ durationMs: 10_000, downstream: { servers: 20 } });
    // 50/s × 4 attempts × 10 s wait at worst, beside the 20 servers' calls.
    expect(short.parts.find((p) => p.name === 'downstreamCalls')).toMatchObject({
      count: 20 + 2000,
      boundedBy: 'rate',
    });
    const month = estimate({ durationMs: MAX_DURATION_MS, downstream: { servers: 20 } });
    expect(month.parts.find((p) => p.name === 'downstreamCalls')).toMatchObject({
      count: 20 + DOWNSTREAM_QUEUE_MAX_CALLS,
      boundedBy: 'capacity',
    });
    expect(month.unbounded).toEqual([]);
  });

  it('counts calls at unbounded servers by what bounded workers can have started', () => {
    // 100,000/s × 4 attempts × 10 s is 4 M calls offered, but 8 workers waiting 1 s for each
    // start at most 8 × (1 + 10 s / 1 s) of them in the time one lasts.
    const e = estimate({
      traffic: { ratePerSec: 100_000 },
      downstream: { latency: { distribution: 'constant', meanMs: 10_000 } },
    });
    expect(counts(e).downstreamCalls).toBe(88);
    const unbounded = estimate({
      traffic: { ratePerSec: 100 },
      downstream: { latency: { distribution: 'constant', meanMs: 10_000 } },
      relay: { workers: 'unbounded' },
    });
    expect(counts(unbounded).downstreamCalls).toBe(100 * 4 * 10);
  });

  it('counts no keys when no request has one', () => {
    const e = estimate({ traffic: { keyedRatio: 0 }, relay: { idempotency: { maxKeys: 500 } } });
    expect(counts(e)).toMatchObject({ idempotencyKeys: 0, keysBeyondMaxKeys: 0 });
  });

  it('counts no more downstream calls than the run makes, however slow the downstream', () => {
    const e = estimate({
      durationMs: 10_000,
      traffic: { ratePerSec: 100 },
      downstream: { latency: { distribution: 'constant', meanMs: 2_592_000_000 } },
      relay: { workers: 'unbounded', retry: { maxRetries: 1 } },
    });
    expect(counts(e).downstreamCalls).toBe(100 * 2 * 10); // 200 attempts/s for 10 s
  });

  it('counts keys beyond maxKeys while more requests than that are admitted', () => {
    const e = estimate({
      relay: { workers: 300, queueCapacity: 1000, idempotency: { maxKeys: 500 } },
    });
    expect(counts(e)).toMatchObject({ idempotencyKeys: 500, keysBeyondMaxKeys: 800 });
    const unbounded = estimate({
      traffic: { ratePerSec: 1000 },
      relay: { workers: 'unbounded', queueCapacity: 0, idempotency: { maxKeys: 10 } },
    });
    expect(unbounded.parts.find((p) => p.name === 'keysBeyondMaxKeys')).toMatchObject({
      count: counts(unbounded).inFlight! - 10,
      boundedBy: 'rate',
    });
  });

  it('a timeline that unbounds the workers unbounds the estimate', () => {
    const e = estimate({ timeline: [{ atMs: 1, set: { 'relay.workers': 'unbounded' } }] });
    expect(e.parts.find((p) => p.name === 'inFlight')?.boundedBy).toBe('rate');
  });
});

/** The scenario that crashed the CLI (issue 13.2), with a dead-letter queue of `capacity`. */
const crash = (capacity: number): ScenarioInput => ({
  durationMs: 120_000,
  traffic: { ratePerSec: 100_000 },
  downstream: { outage: true },
  relay: { workers: 'unbounded', retry: { maxRetries: 10 }, deadLetter: { capacity } },
});

/** The error `parseScenario` throws for `input`. */
function refusal(input: ScenarioInput): ScenarioError {
  try {
    parseScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('issue 13.2: ranges and a budget that fit a browser tab', () => {
  it('refuses the scenario that crashed the CLI: its 10 M dead letters by range', () => {
    expect(refusal(crash(10_000_000)).message).toBe(
      '`relay.deadLetter.capacity`: expected an integer from 0 to 100000, got 10000000',
    );
  });

  it('refuses it within the ranges by its memory, saying why and what would fit', () => {
    const error = refusal(crash(MAX_DEAD_LETTER_CAPACITY));
    expect(error.path).toBe('relay.workers');
    expect(error.message).toBe(
      '`relay.workers`: this run needs about 4.1 GB of memory at worst, 4.0 GB of it for 6.2 M requests in flight (workers are unbounded at 100,000/s, and a request can stay 61 s) and the idempotency keys of 6.1 M of the requests admitted, beyond the 100,000 kept; at most 1.5 GB fits in a browser tab: bound the workers, or lower the rate (32,000/s would fit) or the timeouts',
    );
    // What it says would fit does.
    const fits = crash(MAX_DEAD_LETTER_CAPACITY);
    expect(parseScenario({ ...fits, traffic: { ratePerSec: 32_000 } }).traffic.ratePerSec).toBe(
      32_000,
    );
    expect(() => parseScenario({ ...fits, traffic: { ratePerSec: 34_000 } })).toThrow(
      ScenarioError,
    );
    expect(parseScenario({ ...fits, relay: { ...fits.relay, workers: MAX_WORKERS } })).toBeTruthy();
  });

  it('names the downstream when its unbounded servers hold the most', () => {
    const error = refusal({
      durationMs: 600_000,
      traffic: { ratePerSec: 50_000 },
      downstream: { latency: { distribution: 'constant', meanMs: 60_000 } },
      relay: { workers: 'unbounded', retry: { attemptTimeoutMs: 10 } },
    });
    expect(error.path).toBe('downstream.servers');
    expect(error.message).toMatch(
      /for 12\.0 M calls at the downstream at once on average: its servers are unbounded, and 200,000 attempts\/s take 60 s on average; .*: bound its servers, or lower the rate \(\d[\d,]*\/s would fit\), the retries or the latency$/,
    );
  });

  it('accepts every scenario at the range limits that a capacity bounds', () => {
    const limits: ScenarioInput = {
      durationMs: MAX_DURATION_MS,
      traffic: { ratePerSec: MAX_RATE_PER_SEC },
      downstream: { servers: MAX_WORKERS, queueCapacity: MAX_CAPACITY },
      relay: {
        workers: MAX_WORKERS,
        queueCapacity: MAX_CAPACITY,
        retry: { maxRetries: 100, attemptTimeoutMs: MAX_DURATION_MS },
        idempotency: { maxKeys: MAX_CAPACITY },
        deadLetter: { capacity: MAX_DEAD_LETTER_CAPACITY },
      },
    };
    const e = estimateMemoryBytes(parseScenario(limits));
    expect(e.unbounded).toEqual([]);
    expect(e.bytes).toBe(e.boundedBytes);
    expect(e.bytes).toBeLessThan(MEMORY_BUDGET_BYTES * 0.75); // about 1.09 GB
    // The same with an unbounded downstream queue: its hard maximum bounds it.
    const downstream = { servers: MAX_WORKERS, queueCapacity: 'unbounded' as const };
    expect(parseScenario({ ...limits, downstream }).downstream.queueCapacity).toBe('unbounded');
  });

  it('accepts 30 days of default traffic, with or without finite servers, and {}', () => {
    expect(parseScenario({ durationMs: MAX_DURATION_MS }).durationMs).toBe(MAX_DURATION_MS);
    const servers = { durationMs: MAX_DURATION_MS, downstream: { servers: 20 } };
    expect(memoryProblem(parseScenario(servers))).toBeNull();
    expect(memoryProblem(parseScenario({}))).toBeNull();
  });

  it('checks the largest value a timeline sets, naming the setting', () => {
    const error = refusal({
      ...crash(0),
      relay: { retry: { maxRetries: 10 } },
      timeline: [{ atMs: 1000, set: { 'relay.workers': 'unbounded' } }],
    });
    expect(error.path).toBe('relay.workers');
    // A timeline that sets the rate: no fitting rate is offered, the rest is said.
    const withRate = refusal({
      ...crash(0),
      traffic: { ratePerSec: 10 },
      timeline: [{ atMs: 1000, set: { 'traffic.ratePerSec': 100_000 } }],
    });
    expect(withRate.message).toMatch(/: bound the workers, or lower the rate or the timeouts$/);
  });
});
