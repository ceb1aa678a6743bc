/**
 * `npm run bench`: simulated requests and events per second of wall time for the standard
 * workload, next to a bare binary-heap event loop measured in the same run, and their ratio;
 * the same for a long outage with keyed requests (issue 13.1), with its ratio to the standard
 * workload; plus the heap used after runs of growing length (it must not grow with the requests).
 * Wall time is read here, in the harness, never in the core.
 */
import { createSimulation, type ScenarioInput } from '../core';
import { runBareLoop } from './bare-loop';
import { outageWorkload } from './outage-workload';
import { standardWorkload } from './standard-workload';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 1_000_000);
const OUTAGE_DURATION_MS = Number(process.env.BENCH_OUTAGE_DURATION_MS ?? 450_000);
/** `BENCH_OUTAGE=0` skips the outage case (e.g. to time the standard workload on an old index). */
const OUTAGE = process.env.BENCH_OUTAGE !== '0';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The median of `values`, in millions, as text. */
function m(values: number[]): string {
  return (median(values) / 1e6).toFixed(2);
}

interface Timed {
  requests: number;
  events: number;
  ms: number;
}

function timeEngine(scenario: ScenarioInput, durationMs: number): Timed {
  const simulation = createSimulation(scenario, { keepBuckets: 0 });
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

/** Per-round rates of one case, in simulated requests/s and events/s. */
class Rates {
  requests = 0;
  readonly perSec: number[] = [];
  readonly eventsPerSec: number[] = [];
  add(run: Timed): void {
    this.requests = run.requests;
    this.perSec.push(run.requests / (run.ms / 1000));
    this.eventsPerSec.push(run.events / (run.ms / 1000));
  }
}

function main(): void {
  // Warm up the JIT for every loop.
  timeEngine(standardWorkload(DURATION_MS / 4), DURATION_MS / 4);
  if (OUTAGE) timeEngine(outageWorkload(OUTAGE_DURATION_MS / 2), OUTAGE_DURATION_MS / 2);
  timeBare(500_000);
  const standard = new Rates();
  const outage = new Rates();
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so every case sees the same machine load.
    const run = timeEngine(standardWorkload(DURATION_MS), DURATION_MS);
    standard.add(run);
    bare.push(run.events / (timeBare(run.events) / 1000));
    if (OUTAGE) outage.add(timeEngine(outageWorkload(OUTAGE_DURATION_MS), OUTAGE_DURATION_MS));
  }
  console.log(
    `standard workload: ${standard.requests} requests per run, median of ${ROUNDS} rounds`,
  );
  console.log(
    `engine:    ${m(standard.perSec)} M simulated requests/s, ${m(standard.eventsPerSec)} M events/s`,
  );
  console.log(`bare loop: ${m(bare)} M events/s`);
  console.log(
    `ratio:     engine events/s ÷ bare loop events/s = ${(median(standard.eventsPerSec) / median(bare)).toFixed(2)}`,
  );
  if (OUTAGE) reportOutage(outage, standard);
  reportMemory();
}

function reportOutage(outage: Rates, standard: Rates): void {
  const outageRatio = median(outage.perSec) / median(standard.perSec);
  console.log(
    `long outage, keyed requests: ${outage.requests} requests per run (1,000/s, 100 workers, out from 150 s)`,
  );
  console.log(
    `engine:    ${m(outage.perSec)} M simulated requests/s, ${m(outage.eventsPerSec)} M events/s`,
  );
  console.log(
    `ratio:     outage requests/s ÷ standard workload requests/s = ${outageRatio.toFixed(2)}${outageRatio < 0.25 ? '  SLOW: an outage should not slow the engine (issue 13.1)' : ''}`,
  );
}

function reportMemory(): void {
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
