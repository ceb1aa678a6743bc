/**
 * The typed message protocol between the page and the engine in its Web Worker. The page sends
 * commands; the engine answers with snapshots (at most ~10 a second while running), recorded
 * timeline entries, and errors. Every message is plain data (structured-clone safe).
 */
import type {
  AttemptOutcome,
  DeadLetter,
  MetricsBucket,
  RunSummary,
  ScenarioInput,
  Speed,
  TimelineEntry,
} from '../core';

export type { Speed } from '../core';

/** Width of a chart point, virtual ms: four engine buckets of 250 ms. */
export const POINT_MS = 1000;
/** Width of the fine buckets of downstream calls, virtual ms. */
export const FINE_MS = 250;

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
