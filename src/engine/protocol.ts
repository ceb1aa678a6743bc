/**
 * The typed message protocols between the page and its Web Workers. The live engine: the page
 * sends commands; the engine answers with snapshots (at most ~10 a second while running), recorded
 * timeline entries, and errors. Batch jobs (comparisons, sweeps): a job is a list of independent
 * runs, spread over several workers (lanes). Every message is plain data (structured-clone safe).
 */
import type {
  AttemptOutcome,
  DeadLetter,
  MetricsBucket,
  RunSummary,
  Scenario,
  ScenarioInput,
  Speed,
  TimelineEntry,
} from '../core';

export type { Speed } from '../core';

export { FINE_MS, POINT_MS } from '../core';

/** Commands the page sends to the engine. */
export type EngineCommand =
  | { type: 'load'; scenario: ScenarioInput }
  /** Plays at `speed`; with `stopAtMs`, stops there exactly (a guided scenario's key moment). */
  | { type: 'play'; speed: Speed; stopAtMs?: number }
  | { type: 'pause' }
  | { type: 'setSpeed'; speed: Speed }
  | { type: 'step'; ms: number }
  | { type: 'fastForward'; ms: number }
  | { type: 'set'; changes: Record<string, unknown> }
  | { type: 'burst'; count: number }
  | { type: 'replayDeadLetter'; id: number }
  | { type: 'replayAllDeadLetters' }
  | { type: 'clearDeadLetters' }
  | { type: 'inspectDeadLetter'; id: number };

/** One row of the dead-letter table. */
export interface DeadLetterRow {
  id: number;
  key: number | null;
  attempts: number;
  lastOutcome: AttemptOutcome;
  /** Why it was given up, in words ("retries exhausted", "breaker open"…). */
  cause: string;
  arrivedAtMs: number;
  deadLetteredAtMs: number;
}

/** The engine's state, sent at most ~10 times a second while running and after each command. */
export interface EngineSnapshot {
  type: 'snapshot';
  run: number;
  nowMs: number;
  /** Virtual ms advanced per wall ms over the last second (lower than `speed` when it lags). */
  actualSpeed: number;
  /** New 1 s chart points since the last snapshot, oldest first. */
  points: MetricsBucket[];
  /** New 250 ms downstream-call counts since the last snapshot, as [startMs, calls]. */
  fineCalls: Array<[number, number]>;
  summary: RunSummary;
  /** The newest dead letters, newest first. */
  deadLetters: DeadLetterRow[];
  /** Whether the snapshot starts a new run (after load): the page drops its old points. */
  fresh: boolean;
  /** Progress of a fast-forward (0..1), or null when none is under way. */
  fastForward: number | null;
  /** Progress of a step (0..1), or null when none is under way (a light step ends at once). */
  step: number | null;
}

/**
 * Messages the engine sends to the page. Each carries `run`, the number of loads the engine had
 * handled when it was sent, so the page drops what an earlier run sent after a new load.
 */
export type EngineMessage = { run: number } & (
  | EngineSnapshot
  /**
   * The oldest points of the snapshot that comes next. A snapshot of many points (a whole
   * 15-minute window at Max, 1.4 MB) comes in parts: the page receives each message in a task of
   * its own, and one message of 900 points took it 45-52 ms.
   */
  | { type: 'points'; points: MetricsBucket[] }
  /** A live change or action, at the virtual time the engine applied it. */
  | { type: 'recorded'; entry: TimelineEntry }
  /** A command refused, with the reason; `command` names it. */
  | { type: 'rejected'; command: EngineCommand['type']; message: string }
  /** The run stopped where the last snapshot says, after a pause. */
  | { type: 'paused' }
  | { type: 'deadLetter'; entry: DeadLetter | null }
  /** Play stopped by itself at the `stopAtMs` it was given (the snapshot before it is there). */
  | { type: 'stopped'; atMs: number }
  /** Some dead letters replayed were refused at once (429 or 409) and are back in the queue. */
  | { type: 'replayRefused'; replayed: number; refused: number }
  | { type: 'failed'; message: string }
);

// Batch jobs: comparisons and sweeps.

/** Virtual time a batch run advances per step: a job's progress counts these chunks. */
export const CHUNK_MS = 5000;

/** Chunks of `CHUNK_MS` in a run of `durationMs`. */
export function chunksOf(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / CHUNK_MS));
}

/** One headless run of a batch job: the job's scenario with `set` held for the whole run. */
export interface RunSpec {
  set: Record<string, unknown>;
  /** Whose settings these are, in an error message: `B`, `Series "3 retries"`. */
  name: string;
  /** `summary`: the run summary only; `full`: its chart points and call counts too. */
  detail: 'summary' | 'full';
}

/** What one headless run gives the page. */
export interface RunResult {
  summary: RunSummary;
  /** Chart points covering the run, oldest first (none for a `summary` run). */
  points: MetricsBucket[];
  /** Downstream calls per 250 ms over the first ten minutes, as [startMs, calls]. */
  fineCalls: Array<[number, number]>;
}

/** A run's end: its result, or why its settings make no valid scenario. */
export type RunOutcome = { ok: true; result: RunResult } | { ok: false; error: string };

/** Jobs the page sends to the batch host. */
export type BatchCommand =
  | { type: 'start'; id: number; scenario: Scenario; runs: RunSpec[] }
  | { type: 'cancel'; id: number };

/**
 * What the batch host reports of a job: progress (in runs' chunks of virtual time), then the
 * outcomes in the order of its runs, or a failure. `id` -1: a worker failed, whatever it ran.
 */
export type BatchMessage =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'finished'; id: number; outcomes: RunOutcome[] }
  | { type: 'failed'; id: number; message: string };

/** What the pool sends one lane (one worker): the job's scenario once, then runs by index. */
export type LaneCommand =
  | { type: 'job'; id: number; scenario: Scenario }
  | { type: 'run'; id: number; index: number; run: RunSpec }
  | { type: 'cancel'; id: number };

/** What a lane reports: chunks done of the run it is on, a run's outcome, or a failure. */
export type LaneMessage =
  | { type: 'progress'; id: number; index: number; done: number }
  | { type: 'ran'; id: number; index: number; outcome: RunOutcome }
  | { type: 'failed'; id: number; message: string };
