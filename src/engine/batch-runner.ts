/**
 * Headless experiments for the page, run off the main thread in their own worker: a comparison
 * (A and B on the same seed, so the same traffic and random fates) and a sweep (one run per
 * value of a setting). Work is done in slices under a time budget, so progress is reported and a
 * job can be cancelled between slices.
 */
import {
  createSimulation,
  type MetricsBucket,
  mergeBuckets,
  type RunSummary,
  type Scenario,
  ScenarioError,
  type SettablePath,
  type Simulation,
  withSettings,
} from '../core';

/** Most chart points a run keeps; longer runs get wider points. */
export const MAX_RUN_POINTS = 600;
/** Most 250 ms call counts a run keeps (the first ten minutes). */
export const MAX_RUN_FINE = 2400;

/** What one headless run gives the page. */
export interface RunResult {
  summary: RunSummary;
  /** Chart points covering the run, oldest first. */
  points: MetricsBucket[];
  /** Downstream calls per 250 ms over the first ten minutes, as [startMs, calls]. */
  fineCalls: Array<[number, number]>;
}

/** One value of a sweep and what the run gave; `error` when the value made no valid scenario. */
export interface SweepRow {
  value: number;
  summary: RunSummary | null;
  error: string | null;
}

/** Jobs the page sends. */
export type BatchCommand =
  | { type: 'compare'; id: number; a: Scenario; b: Record<string, unknown> }
  | { type: 'sweep'; id: number; scenario: Scenario; path: SettablePath; values: number[] }
  | { type: 'cancel'; id: number };

/** What the batch worker reports. */
export type BatchMessage =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'compared'; id: number; a: RunResult; b: RunResult }
  | { type: 'swept'; id: number; rows: SweepRow[] }
  | { type: 'failed'; id: number; message: string };

const SLICE_MS = 25;

/** Collects a run's buckets into points of a width that keeps their number bounded. */
class RunRecorder {
  readonly points: MetricsBucket[] = [];
  readonly fineCalls: Array<[number, number]> = [];
  readonly #perPoint: number;
  #pending: MetricsBucket[] = [];

  constructor(durationMs: number) {
    // Whole seconds per point, four 250 ms buckets to a second.
    this.#perPoint = 4 * Math.max(1, Math.ceil(durationMs / 1000 / MAX_RUN_POINTS));
  }

  take(simulation: Simulation, final: boolean): void {
    for (const bucket of simulation.takeBuckets()) {
      if (this.fineCalls.length < MAX_RUN_FINE) this.fineCalls.push([bucket.startMs, bucket.calls]);
      this.#pending.push(bucket);
      if (this.#pending.length === this.#perPoint) this.#flush();
    }
    if (final && this.#pending.length > 0) this.#flush();
  }

  #flush(): void {
    this.points.push(mergeBuckets(this.#pending));
    this.#pending = [];
  }
}

interface Job {
  id: number;
  steps: Array<() => boolean>;
  total: number;
  done: number;
  finish: () => void;
}

/** Runs batch jobs one slice at a time. `now` reads wall time in ms; `post` reports. */
export class BatchRunner {
  #job: Job | null = null;
  readonly #post: (message: BatchMessage) => void;
  readonly #now: () => number;

  constructor(post: (message: BatchMessage) => void, now: () => number) {
    this.#post = post;
    this.#now = now;
  }

  /** True while a job has work left. */
  get busy(): boolean {
    return this.#job !== null;
  }

  handle(command: BatchCommand): void {
    if (command.type === 'cancel') {
      if (this.#job?.id === command.id) this.#job = null;
      return;
    }
    try {
      this.#job = command.type === 'compare' ? this.#compare(command) : this.#sweep(command);
    } catch (error) {
      const message =
        error instanceof ScenarioError ? error.message : String((error as Error).message ?? error);
      this.#post({ type: 'failed', id: command.id, message });
    }
  }

  /** Works on the current job for about one slice; returns true while work is left. */
  work(): boolean {
    const job = this.#job;
    if (job === null) return false;
    const deadline = this.#now() + SLICE_MS;
    try {
      while (job.steps.length > 0) {
        if (job.steps[0]!()) job.steps.shift();
        job.done++;
        if (this.#now() >= deadline) break;
      }
    } catch (error) {
      this.#job = null;
      this.#post({
        type: 'failed',
        id: job.id,
        message: String((error as Error).message ?? error),
      });
      return false;
    }
    if (job.steps.length > 0) {
      this.#post({
        type: 'progress',
        id: job.id,
        done: Math.min(job.done, job.total),
        total: job.total,
      });
      return true;
    }
    this.#job = null;
    job.finish();
    return false;
  }

  #compare(command: Extract<BatchCommand, { type: 'compare' }>): Job {
    const a = command.a;
    const b = withSettings(a, command.b);
    const runs = [a, b].map((scenario) => ({
      simulation: createSimulation(scenario, { keepBuckets: 100_000 }),
      recorder: new RunRecorder(scenario.durationMs),
    }));
    const chunkMs = 5000;
    const chunks = Math.ceil(a.durationMs / chunkMs);
    const steps = runs.map(({ simulation, recorder }) => () => {
      const target = Math.min(a.durationMs, simulation.nowMs + chunkMs);
      simulation.advanceTo(target);
      const final = target >= a.durationMs;
      recorder.take(simulation, final);
      return final;
    });
    const result = (i: number): RunResult => ({
      summary: runs[i]!.simulation.summary(),
      points: runs[i]!.recorder.points,
      fineCalls: runs[i]!.recorder.fineCalls,
    });
    return {
      id: command.id,
      steps,
      total: 2 * chunks,
      done: 0,
      finish: () => this.#post({ type: 'compared', id: command.id, a: result(0), b: result(1) }),
    };
  }

  #sweep(command: Extract<BatchCommand, { type: 'sweep' }>): Job {
    const rows: SweepRow[] = [];
    const chunkMs = 5000;
    const chunks = Math.ceil(command.scenario.durationMs / chunkMs);
    const steps = command.values.map((value) => {
      let simulation: Simulation | null = null;
      return () => {
        if (simulation === null) {
          try {
            simulation = createSimulation(
              withSettings(command.scenario, { [command.path]: value }),
              {
                keepBuckets: 0,
              },
            );
          } catch (error) {
            if (!(error instanceof ScenarioError)) throw error;
            rows.push({ value, summary: null, error: error.message });
            return true;
          }
        }
        const target = Math.min(command.scenario.durationMs, simulation.nowMs + chunkMs);
        simulation.advanceTo(target);
        if (target < command.scenario.durationMs) return false;
        rows.push({ value, summary: simulation.summary(), error: null });
        return true;
      };
    });
    return {
      id: command.id,
      steps,
      total: command.values.length * chunks,
      done: 0,
      finish: () => this.#post({ type: 'swept', id: command.id, rows }),
    };
  }
}
