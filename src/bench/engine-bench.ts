/**
 * `npm run bench`: simulated requests and events per second of wall time for the standard
 * workload, next to a bare binary-heap event loop measured in the same run, and their ratio;
 * plus the heap used after runs of growing length (it must not grow with the requests).
 * Wall time is read here, in the harness, never in the core.
 */
import { createSimulation } from '../core';
import { runBareLoop } from './bare-loop';
import { standardWorkload } from './standard-workload';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 1_000_000);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeEngine(durationMs: number): { requests: number; events: number; ms: number } {
  const simulation = createSimulation(standardWorkload(durationMs), { keepBuckets: 0 });
  const start = performance.now();
  simulation.advanceTo(durationMs);
  const ms = performance.now() - start;
  return { requests: simulation.summary().requests, events: simulation.eventsRun, ms };
}

function timeBare(events: number): number {
  const start = performance.now();
  runBareLoop(events, 8);
  return performance.now() - start;
}

function heapAfter(durationMs: number): number {
  globalThis.gc?.();
  const simulation = createSimulation(standardWorkload(durationMs), { keepBuckets: 0 });
  simulation.advanceTo(durationMs);
  globalThis.gc?.();
  const used = process.memoryUsage().heapUsed;
  if (simulation.summary().requests < 0) throw new Error('unreachable: keeps the run alive');
  return used;
}

function main(): void {
  timeEngine(DURATION_MS / 4); // warm up the JIT for both loops
  timeBare(500_000);
  const engine: number[] = [];
  const events: number[] = [];
  const bare: number[] = [];
  let requests = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so both see the same machine load.
    const run = timeEngine(DURATION_MS);
    requests = run.requests;
    engine.push(run.requests / (run.ms / 1000));
    events.push(run.events / (run.ms / 1000));
    bare.push(run.events / (timeBare(run.events) / 1000));
  }
  const m = (values: number[]) => (median(values) / 1e6).toFixed(2);
  console.log(`standard workload: ${requests} requests per run, median of ${ROUNDS} rounds`);
  console.log(`engine:    ${m(engine)} M simulated requests/s, ${m(events)} M events/s`);
  console.log(`bare loop: ${m(bare)} M events/s`);
  console.log(
    `ratio:     engine events/s ÷ bare loop events/s = ${(median(events) / median(bare)).toFixed(2)}`,
  );
  if (globalThis.gc === undefined) {
    console.log('memory:    run with `node --expose-gc` (npm run bench does) to measure the heap');
    return;
  }
  const sizes = [DURATION_MS / 4, DURATION_MS, DURATION_MS * 4];
  const heaps = sizes.map((durationMs) => heapAfter(durationMs));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `memory:    heap after ${sizes.map((d, i) => `${(d * 0.22).toFixed(0)} requests: ${mb(heaps[i]!)}`).join(', ')}`,
  );
}

main();
