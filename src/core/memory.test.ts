import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_DEAD_LETTER,
  BYTES_PER_DOWNSTREAM_CALL,
  BYTES_PER_IDEMPOTENCY_KEY,
  BYTES_PER_QUEUED_REQUEST,
  BYTES_PER_REQUEST_IN_FLIGHT,
  estimateMemoryBytes,
  FIXED_BYTES,
  type MemoryEstimate,
} from './memory';
import { parseScenario } from './scenario';
import type { ScenarioInput } from './scenario-schema';

const estimate = (scenario: ScenarioInput) => estimateMemoryBytes(parseScenario(scenario));
const counts = (e: MemoryEstimate) => Object.fromEntries(e.parts.map((p) => [p.name, p.count]));

describe('issue 13.2: estimateMemoryBytes', () => {
  it('multiplies each capacity of the default scenario by its bytes per entry', () => {
    const e = estimate({});
    // 8 workers, queue 100, 100,000 keys, 1,000 dead letters; 50/s × 4 attempts × 50 ms = 10
    // downstream calls on average.
    expect(counts(e)).toEqual({
      queue: 100,
      inFlight: 8,
      idempotencyKeys: 100_000,
      keysBeyondMaxKeys: 0,
      deadLetters: 1000,
      downstreamCalls: 10,
    });
    expect(e.boundedBytes).toBe(
      FIXED_BYTES +
        100 * BYTES_PER_QUEUED_REQUEST +
        8 * BYTES_PER_REQUEST_IN_FLIGHT +
        100_000 * BYTES_PER_IDEMPOTENCY_KEY +
        1000 * BYTES_PER_DEAD_LETTER,
    );
    expect(e.bytes).toBe(e.boundedBytes + 10 * BYTES_PER_DOWNSTREAM_CALL);
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

  it('counts no more downstream calls than the run makes, however slow the downstream', () => {
    const e = estimate({
      durationMs: 10_000,
      traffic: { ratePerSec: 100 },
      downstream: { latency: { distribution: 'constant', meanMs: 2_592_000_000 } },
      relay: { retry: { maxRetries: 1 } },
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

  it('puts the scenario that crashed the CLI (issue 13.2) far beyond a tab’s memory', () => {
    const e = estimate({
      durationMs: 120_000,
      traffic: { ratePerSec: 100_000 },
      downstream: { outage: true },
      relay: {
        workers: 'unbounded',
        retry: { maxRetries: 10 },
        deadLetter: { capacity: 10_000_000 },
      },
    });
    expect(counts(e).deadLetters).toBe(10_000_000);
    expect(e.boundedBytes).toBeGreaterThan(10e9); // 10 M dead letters alone: 11 GB
  });
});
