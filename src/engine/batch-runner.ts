/**
 * One lane of the batch pool: the runs of a job that one worker was handed, run one after the
 * other in slices under a time budget, so progress is reported and a cancel is read between
 * slices. Each run depends only on the job's scenario and its own settings (same seed, same
 * draws), so which lane runs it, and when, never changes its outcome.
 */
import {
  createSimulation,
  type MetricsBucket,
  mergeBuckets,
  type Scenario,
  ScenarioError,
  type Simulation,
  withSettings,
} from '../core';
import {
  CHUNK_MS,
  type LaneCommand,
  type LaneMessage,
  type RunOutcome,
  type RunSpec,
} from './protocol';

export type {
  BatchCommand,
  BatchMessage,
  RunOutcome,
  RunResult,
  RunSpec,
} from './protocol';

/** Most chart points a run keeps; longer runs get wider points. */
export const MAX_RUN_POINTS = 600;
/** Most 250 ms call counts a run keeps (the first ten minutes). */
export const MAX_RUN_FINE = 2400;
/** Wall time a lane works before it reports progress and reads its messages. */
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

interface Current {
  index: number;
  simulation: Simulation;
  recorder: RunRecorder | null;
  done: number;
}

/** Runs one lane's share of a job. `now` reads wall time in ms; `post` reports to the pool. */
export class LaneRunner {
  /** The job whose runs this lane takes; runs and cancels of any other job are ignored. */
  #jobId: number | null = null;
  #scenario: Scenario | null = null;
  /** Runs handed over and not started, in the order they came. */
  readonly #queue: Array<{ index: number; run: RunSpec }> = [];
  #current: Current | null = null;
  readonly #post: (message: LaneMessage) => void;
  readonly #now: () => number;

  constructor(post: (message: LaneMessage) => void, now: () => number) {
    this.#post = post;
    this.#now = now;
  }

  /** True while a run is under way or waiting. */
  get busy(): boolean {
    return this.#current !== null || this.#queue.length > 0;
  }

  handle(command: LaneCommand): void {
    switch (command.type) {
      case 'job':
        this.#reset(command.id, command.scenario);
        return;
      case 'run':
        if (command.id === this.#jobId) this.#queue.push(command);
        return;
      case 'cancel':
        if (command.id === this.#jobId) this.#reset(null, null);
        return;
    }
  }

  /** Works for about one slice; returns true while work is left. */
  work(): boolean {
    const id = this.#jobId;
    if (id === null) return false;
    const deadline = this.#now() + SLICE_MS;
    try {
      // A message posted may bring a cancel or a new job at once (inline lanes): re-check the id.
      while (this.#jobId === id && this.busy) {
        this.#step(id);
        if (this.#now() >= deadline) break;
      }
    } catch (error) {
      // A defect, not a bad scenario (those are outcomes): the job cannot go on.
      this.#reset(null, null);
      this.#post({ type: 'failed', id, message: String((error as Error).message ?? error) });
      return false;
    }
    const current = this.#current;
    if (this.#jobId === id && current !== null) {
      this.#post({ type: 'progress', id, index: current.index, done: current.done });
    }
    return this.busy;
  }

  #reset(id: number | null, scenario: Scenario | null): void {
    this.#jobId = id;
    this.#scenario = scenario;
    this.#queue.length = 0;
    this.#current = null;
  }

  /** Starts the next run, or advances the current one by a chunk. */
  #step(id: number): void {
    const scenario = this.#scenario!;
    if (this.#current === null) {
      const { index, run } = this.#queue.shift()!;
      let simulation: Simulation;
      try {
        const own =
          Object.keys(run.set).length === 0 ? scenario : withSettings(scenario, run.set, run.name);
        simulation = createSimulation(own, { keepBuckets: run.detail === 'full' ? 100_000 : 0 });
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        this.#ran(id, index, { ok: false, error: error.message });
        return;
      }
      const recorder = run.detail === 'full' ? new RunRecorder(scenario.durationMs) : null;
      this.#current = { index, simulation, recorder, done: 0 };
      return;
    }
    const current = this.#current;
    const target = Math.min(scenario.durationMs, current.simulation.nowMs + CHUNK_MS);
    current.simulation.advanceTo(target);
    current.done++;
    const final = target >= scenario.durationMs;
    current.recorder?.take(current.simulation, final);
    if (!final) return;
    this.#current = null;
    this.#ran(id, current.index, {
      ok: true,
      result: {
        summary: current.simulation.summary(),
        points: current.recorder?.points ?? [],
        fineCalls: current.recorder?.fineCalls ?? [],
      },
    });
  }

  #ran(id: number, index: number, outcome: RunOutcome): void {
    this.#post({ type: 'ran', id, index, outcome });
  }
}
