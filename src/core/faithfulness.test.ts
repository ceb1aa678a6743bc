import { describe, expect, it } from 'vitest';
import { runScenario } from './simulation';

/**
 * Closed forms of the M/M/c/K queue: Poisson arrivals (rate λ), exponential service (rate μ per
 * server), c servers, room for K requests in all (c serving + K − c waiting).
 * @see https://en.wikipedia.org/wiki/M/M/c_queue (finite capacity: Gross & Harris, §2.5)
 */
function mmck(lambda: number, mu: number, c: number, k: number) {
  const a = lambda / mu;
  const weights: number[] = [];
  let factorial = 1;
  for (let n = 0; n <= k; n++) {
    if (n > 0 && n <= c) factorial *= n;
    weights.push(n < c ? a ** n / factorial : a ** n / (factorial * c ** (n - c)));
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  const p = weights.map((w) => w / total);
  const blocking = p[k]!;
  const meanInSystem = p.reduce((sum, pn, n) => sum + n * pn, 0);
  const throughput = lambda * (1 - blocking);
  return { blocking, throughput, meanSojournMs: (meanInSystem / throughput) * 1000 };
}

/**
 * Erlang C: the M/M/c queue with room for all (c servers, arrival rate λ, service rate μ each):
 * the probability that a call waits, the mean number waiting and the mean wait.
 * @see https://en.wikipedia.org/wiki/Erlang_(unit)#Erlang_C_formula
 */
function erlangC(lambda: number, mu: number, c: number) {
  const a = lambda / mu;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const top = (term * a) / c / (1 - rho); // a^c / c! · 1 / (1 − ρ)
  const pWait = top / (sum + top);
  const meanQueue = (pWait * rho) / (1 - rho);
  const meanWaitMs = (pWait / (c * mu - lambda)) * 1000;
  return { pWait, meanQueue, meanWaitMs };
}

/** A relay that passes every request straight to the downstream, once, and waits for ever. */
function straightThrough(lambda: number, meanServiceMs: number, downstream: object) {
  return {
    seed: 2025,
    durationMs: 4 * 3600 * 1000,
    traffic: { ratePerSec: lambda, arrival: 'poisson' as const, keyedRatio: 0 },
    downstream: {
      failureProbability: 0,
      latency: { distribution: 'exponential' as const, meanMs: meanServiceMs },
      ...downstream,
    },
    relay: {
      workers: 'unbounded' as const,
      retry: { maxRetries: 0, attemptTimeoutMs: 1_000_000_000 },
    },
  };
}

describe('the downstream alone is a queue with servers', () => {
  it('matches Erlang C (M/M/c): the mean queue, and the mean latency (wait + service)', () => {
    const [lambda, meanServiceMs, c] = [35, 100, 4];
    const expected = erlangC(lambda, 1000 / meanServiceMs, c);
    const summary = runScenario(straightThrough(lambda, meanServiceMs, { servers: c }));
    // ~504,000 calls at ρ = 0.875: over seeds 1–10 the relative errors had standard deviations
    // of 1.4% (mean queue) and 0.8% (mean latency), at most 3.0% and 1.7%; the bounds are about
    // four of them.
    expect(expected.pWait).toBeCloseTo(0.7379, 3);
    expect(Math.abs(summary.downstream.queue.meanDepth / expected.meanQueue - 1)).toBeLessThan(
      0.06,
    );
    const meanMs = expected.meanWaitMs + meanServiceMs;
    expect(Math.abs(summary.latencyMs.mean / meanMs - 1)).toBeLessThan(0.035);
    expect(summary.downstream.utilization).toBeCloseTo(lambda / (c * (1000 / meanServiceMs)), 2);
  });

  it('matches M/M/c/K blocking when its queue is bounded: refused calls are overload', () => {
    const [lambda, meanServiceMs, c, room] = [35, 100, 4, 6];
    const expected = mmck(lambda, 1000 / meanServiceMs, c, c + room);
    const summary = runScenario(
      straightThrough(lambda, meanServiceMs, { servers: c, queueCapacity: room }),
    );
    const blocking = summary.downstream.overloaded / summary.downstream.calls;
    expect(Math.abs(blocking / expected.blocking - 1)).toBeLessThan(0.03);
    // Served calls: queue wait plus service, as the relay's M/M/c/K test measures at its side.
    expect(Math.abs(summary.latencyMs.mean / expected.meanSojournMs - 1)).toBeLessThan(0.01);
  });
});

describe('statistical faithfulness', () => {
  it('matches the M/M/c/K closed forms: blocking probability, mean latency, throughput', () => {
    const lambda = 35;
    const meanServiceMs = 100;
    const workers = 4;
    const queueCapacity = 6;
    const durationMs = 4 * 3600 * 1000;
    const expected = mmck(lambda, 1000 / meanServiceMs, workers, workers + queueCapacity);
    const summary = runScenario({
      seed: 2024,
      durationMs,
      traffic: { ratePerSec: lambda, arrival: 'poisson', keyedRatio: 0 },
      downstream: {
        failureProbability: 0,
        latency: { distribution: 'exponential', meanMs: meanServiceMs },
      },
      relay: {
        workers,
        queueCapacity,
        retry: { maxRetries: 0, attemptTimeoutMs: 1_000_000_000 },
      },
    });
    const blocking = summary.outcomes.rejected / summary.requests;
    const throughput = summary.outcomes.ok / (durationMs / 1000);
    // ~504,000 arrivals. Over seeds 1–10 the relative errors had standard deviations of 0.7%
    // (blocking), 0.18% (mean latency) and 0.15% (throughput); the bounds are about four of them.
    expect(Math.abs(blocking / expected.blocking - 1)).toBeLessThan(0.03);
    expect(Math.abs(summary.latencyMs.mean / expected.meanSojournMs - 1)).toBeLessThan(0.008);
    expect(Math.abs(throughput / expected.throughput - 1)).toBeLessThan(0.006);
  });

  it.each([
    [0.3, 3],
    [0.5, 1],
    [0.9, 0],
    [0.6, 2],
  ])('dead-letters a share p^(r+1) with failure probability %d and %d retries', (p, retries) => {
    const summary = runScenario({
      seed: 77,
      durationMs: 1_000_000,
      traffic: { ratePerSec: 200, keyedRatio: 0 },
      downstream: { failureProbability: p, latency: { distribution: 'constant', meanMs: 10 } },
      relay: {
        workers: 'unbounded',
        retry: { maxRetries: retries, baseDelayMs: 10, attemptTimeoutMs: 60_000 },
        deadLetter: { capacity: 0 },
      },
    });
    const finished = summary.requests - summary.outcomes.inFlight;
    const expected = p ** (retries + 1);
    const standardError = Math.sqrt((expected * (1 - expected)) / finished);
    expect(Math.abs(summary.outcomes.deadLettered / finished - expected)).toBeLessThan(
      4 * standardError,
    );
    expect(summary.outcomes.ok + summary.outcomes.deadLettered).toBe(finished);
  });
});
