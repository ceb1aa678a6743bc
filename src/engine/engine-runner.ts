/**
 * The engine host's logic, independent of how it is hosted (a Web Worker in the page, the same
 * thread in tests): it owns the simulation, paces live mode by wall time × speed within a work
 * budget per tick, and posts snapshots at a bounded rate. A step and a fast-forward are jobs run
 * in slices within the same budget, with their progress in the snapshots, so a heavy scenario
 * still answers a pause between slices (issue 13.3). Every advance is a slice of virtual time
 * sized to take about `SLICE_WALL_MS` of work.
 */
import {
  createSimulation,
  DEAD_LETTER_CAUSES,
  type DeadLetter,
  downsample,
  type MetricsBucket,
  RETRY_SAMPLES_SHOWN,
  ScenarioError,
  type Simulation,
  type TimelineEntry,
} from '../core';
import {
  type DeadLetterRow,
  type EngineCommand,
  type EngineMessage,
  FINE_MS,
  POINT_MS,
  type Speed,
} from './protocol';

/** Most chart points sent at once: 15 minutes of virtual time. */
export const MAX_POINTS = 900;
/** Most fine call buckets sent at once: 15 minutes of virtual time, as the chart points. */
const MAX_FINE = 3600;
/** Wall ms between two snapshots of a step or a fast-forward under way (its progress). */
const SNAPSHOT_EVERY_MS = 100;

/**
 * Wall ms between two snapshots while playing at `speed`: 100 at 1× and 10×, 250 at 100×, 1000
 * at Max. The charts redraw each every 1.2 s at 100× and 2.4 s at Max (see `pacing.tsx`) and
 * show the newest 15 minutes: a snapshot at Max carries 15 minutes of points however often it
 * comes (more comes in between than the window holds), so sending it more often only costs both
 * threads the copy (a 900-point snapshot is 1.4 MB; it comes in parts, `POINTS_PER_MESSAGE`) and
 * the garbage.
 */
export function snapshotEveryMs(speed: Speed): number {
  if (speed === 'max') return 1000;
  if (speed === 100) return 250;
  return 100;
}
const WORK_BUDGET_MS = 30;
/** Wall time one advance aims at: the slice of virtual time halves or doubles to stay near it. */
const SLICE_WALL_MS = 8;
/** Bounds of a slice of virtual time, ms. */
const SLICE_MS_MIN = 1;
const SLICE_MS_MAX = 5000;
/** The first slice of a run: small, in case its scenario is heavy; it doubles within a few. */
const SLICE_MS_FIRST = 16;
const MAX_TICK_MS = 250;
/** Bounds one tick's work even where wall time does not move (the test host). */
const MAX_CHUNKS_PER_TICK = 200;
const DEAD_LETTER_ROWS = 50;
/** Most points in one message: more go ahead of the snapshot in `points` messages. */
export const POINTS_PER_MESSAGE = 150;

/** Runs one simulation for the page. `now` reads wall time in ms; `post` sends a message. */
export class EngineRunner {
  #simulation: Simulation | null = null;
  #running = false;
  #speed: Speed = 1;
  #targetMs = 0;
  #lastTickMs = 0;
  #lastSnapshotMs = Number.NEGATIVE_INFINITY;
  /** Loads handled: every message says which run it belongs to. */
  #run = 0;
  #pending: MetricsBucket[] = [];
  #fresh = true;
  #speedWindow: Array<[number, number]> = [];
  /** Where play stops by itself, if anywhere. */
  #stopAtMs = Number.POSITIVE_INFINITY;
  /** A step or a fast-forward under way: it runs from `fromMs` to `toMs`, the run paused. */
  #job: { kind: 'step' | 'fastForward'; fromMs: number; toMs: number } | null = null;
  /** Virtual ms of the next advance, adapted to the work it took (see `#advance`). */
  #sliceMs = SLICE_MS_FIRST;
  readonly #send: (message: EngineMessage) => void;
  readonly #now: () => number;

  constructor(post: (message: EngineMessage) => void, now: () => number) {
    this.#send = post;
    this.#now = now;
  }

  #post(message: DistributiveOmit<EngineMessage, 'run'>): void {
    this.#send({ ...message, run: this.#run } as EngineMessage);
  }

  /** Handles one command from the page; unexpected errors are reported, never thrown. */
  handle(command: EngineCommand): void {
    try {
      this.#handle(command);
    } catch (error) {
      if (error instanceof ScenarioError) {
        this.#post({ type: 'rejected', command: command.type, message: error.message });
      } else {
        this.#post({ type: 'failed', message: (error as Error).message ?? String(error) });
      }
    }
    this.#snapshot();
    if (command.type === 'pause') this.#post({ type: 'paused' });
  }

  /**
   * Whether the runner has work to do at once: playing at Max, or a step or fast-forward under
   * way. The host then ticks again as soon as the page's messages are handled, rather than on
   * its next timer, so the engine is busy all the time it may be (Max is the engine's speed).
   */
  get busy(): boolean {
    return (
      this.#simulation !== null && (this.#job !== null || (this.#running && this.#speed === 'max'))
    );
  }

  /** Advances live time; call it every animation frame or so, and again at once while `busy`. */
  tick(): void {
    const simulation = this.#simulation;
    const now = this.#now();
    const elapsed = Math.min(MAX_TICK_MS, Math.max(0, now - this.#lastTickMs));
    this.#lastTickMs = now;
    if (simulation === null) return;
    if (this.#job !== null) {
      this.#jobSlice(simulation, now);
      return;
    }
    if (!this.#running) return;
    try {
      const before = simulation.nowMs;
      this.#targetMs += this.#speed === 'max' ? Number.POSITIVE_INFINITY : elapsed * this.#speed;
      this.#targetMs = Math.min(this.#targetMs, this.#stopAtMs);
      const deadline = now + WORK_BUDGET_MS;
      for (
        let chunks = 0;
        chunks < MAX_CHUNKS_PER_TICK && simulation.nowMs < this.#targetMs && this.#now() < deadline;
        chunks++
      ) {
        this.#advance(simulation, this.#targetMs, this.#speed === 'max' ? SLICE_MS_MAX : 1000);
      }
      // Behind schedule: drop the lag instead of piling it up.
      if (simulation.nowMs < this.#targetMs) this.#targetMs = simulation.nowMs;
      this.#speedWindow.push([now, simulation.nowMs - before]);
      if (simulation.nowMs >= this.#stopAtMs) {
        this.#running = false;
        this.#stopAtMs = Number.POSITIVE_INFINITY;
        this.#snapshot();
        this.#post({ type: 'stopped', atMs: simulation.nowMs });
      } else if (now - this.#lastSnapshotMs >= snapshotEveryMs(this.#speed)) {
        this.#snapshot();
      }
    } catch (error) {
      this.#running = false;
      this.#post({ type: 'failed', message: (error as Error).message ?? String(error) });
    }
  }

  /**
   * Advances one slice of virtual time toward `targetMs` (at most `maxMs`), sized so that it
   * takes about `SLICE_WALL_MS` of work: a heavy scenario moves in small slices, a light one in
   * large ones. Slicing never changes the run.
   */
  #advance(simulation: Simulation, targetMs: number, maxMs = SLICE_MS_MAX): void {
    const before = this.#now();
    const toMs = Math.min(targetMs, simulation.nowMs + Math.min(this.#sliceMs, maxMs));
    simulation.advanceTo(Number.isFinite(toMs) ? Math.floor(toMs) : toMs);
    this.#collect();
    const took = this.#now() - before;
    if (took > 2 * SLICE_WALL_MS) {
      this.#sliceMs = Math.max(SLICE_MS_MIN, Math.floor(this.#sliceMs / 2));
    } else if (took < SLICE_WALL_MS / 2) this.#sliceMs = Math.min(SLICE_MS_MAX, this.#sliceMs * 2);
  }

  /** Advances a step or a fast-forward for one work budget; the run stays paused meanwhile. */
  #jobSlice(simulation: Simulation, now: number): void {
    const target = this.#job!.toMs;
    const deadline = now + WORK_BUDGET_MS;
    for (let chunks = 0; chunks < MAX_CHUNKS_PER_TICK && simulation.nowMs < target; chunks++) {
      this.#advance(simulation, target);
      if (this.#now() >= deadline) break;
    }
    if (simulation.nowMs >= target) {
      this.#job = null;
      this.#targetMs = simulation.nowMs;
      this.#snapshot();
    } else if (now - this.#lastSnapshotMs >= SNAPSHOT_EVERY_MS) {
      this.#snapshot();
    }
  }

  #handle(command: EngineCommand): void {
    const simulation = this.#simulation;
    if (command.type === 'load') {
      this.#run++;
      this.#running = false;
      this.#job = null;
      this.#sliceMs = SLICE_MS_FIRST;
      this.#simulation = createSimulation(command.scenario, { keepBuckets: 4 * MAX_POINTS });
      this.#pending = [];
      this.#fresh = true;
      this.#targetMs = 0;
      return;
    }
    if (simulation === null) throw new Error('No scenario is loaded yet.');
    switch (command.type) {
      case 'play':
        this.#running = true;
        this.#speed = command.speed;
        this.#stopAtMs =
          command.stopAtMs !== undefined && command.stopAtMs > simulation.nowMs
            ? command.stopAtMs
            : Number.POSITIVE_INFINITY;
        this.#targetMs = simulation.nowMs;
        this.#lastTickMs = this.#now();
        this.#speedWindow = [];
        return;
      case 'pause':
        this.#running = false;
        this.#job = null;
        return;
      case 'fastForward':
      case 'step':
        if (!(command.ms > 0))
          throw new Error(`Expected a ${command.type} of more than 0 ms, got ${command.ms}`);
        this.#running = false;
        this.#job = {
          kind: command.type,
          fromMs: simulation.nowMs,
          toMs: simulation.nowMs + command.ms,
        };
        // A light step ends here, before its snapshot; a heavy one goes on in the next ticks.
        if (command.type === 'step') this.#jobSlice(simulation, this.#now());
        return;
      case 'setSpeed':
        this.#speed = command.speed;
        this.#targetMs = simulation.nowMs;
        this.#speedWindow = [];
        return;
      case 'inspectDeadLetter':
        this.#post({ type: 'deadLetter', entry: simulation.deadLetter(command.id) ?? null });
        return;
      default:
        this.#record(this.#live(simulation, command));
    }
  }

  #live(simulation: Simulation, command: EngineCommand): TimelineEntry | null {
    switch (command.type) {
      case 'set':
        return simulation.set(command.changes);
      case 'burst':
        return simulation.burst(command.count);
      case 'replayDeadLetter': {
        const entry = simulation.replayDeadLetter(command.id);
        if (entry !== null && simulation.deadLetter(command.id) !== undefined) {
          this.#post({ type: 'replayRefused', replayed: 1, refused: 1 });
        }
        return entry;
      }
      case 'replayAllDeadLetters': {
        // A replay refused at once (429 or 409) is back in the queue when this returns.
        const replayed = simulation.summary().deadLetters.size;
        const entry = simulation.replayAllDeadLetters();
        const refused = simulation.summary().deadLetters.size;
        if (refused > 0) this.#post({ type: 'replayRefused', replayed, refused });
        return entry;
      }
      case 'clearDeadLetters':
        return simulation.clearDeadLetters();
      default:
        return null;
    }
  }

  #record(entry: TimelineEntry | null): void {
    if (entry !== null) this.#post({ type: 'recorded', entry });
    this.#collect();
  }

  /** Moves closed buckets into the pending list, bounded to what the page can keep. */
  #collect(): void {
    const simulation = this.#simulation;
    if (simulation === null) return;
    const buckets = simulation.takeBuckets();
    if (buckets.length === 0) return;
    this.#pending.push(...buckets);
    const keep = MAX_POINTS * (POINT_MS / FINE_MS);
    if (this.#pending.length > 2 * keep) this.#pending.splice(0, this.#pending.length - keep);
  }

  #snapshot(): void {
    const simulation = this.#simulation;
    if (simulation === null) return;
    this.#lastSnapshotMs = this.#now();
    const perPoint = POINT_MS / FINE_MS;
    // Whole points only; a partial second waits for its remaining buckets.
    const whole = this.#pending.length - (this.#pending.length % perPoint);
    const ready = this.#pending.splice(0, whole).slice(-MAX_POINTS * perPoint);
    const fineCalls = ready.slice(-MAX_FINE).map((b): [number, number] => [b.startMs, b.calls]);
    const points = downsample(ready, perPoint);
    keepNewestSamples(points);
    while (points.length > POINTS_PER_MESSAGE) {
      this.#post({ type: 'points', points: points.splice(0, POINTS_PER_MESSAGE) });
    }
    this.#post({
      type: 'snapshot',
      nowMs: simulation.nowMs,
      actualSpeed: this.#actualSpeed(),
      points,
      fineCalls,
      summary: simulation.summary(),
      deadLetters: simulation.deadLetters(DEAD_LETTER_ROWS).reverse().map(toRow),
      fresh: this.#fresh,
      fastForward: this.#progress(simulation, 'fastForward'),
      step: this.#progress(simulation, 'step'),
    });
    this.#fresh = false;
  }

  #progress(simulation: Simulation, kind: 'step' | 'fastForward'): number | null {
    const job = this.#job;
    if (job?.kind !== kind) return null;
    return (simulation.nowMs - job.fromMs) / (job.toMs - job.fromMs);
  }

  #actualSpeed(): number {
    const now = this.#now();
    this.#speedWindow = this.#speedWindow.filter(([at]) => now - at <= 1000);
    if (!this.#running || this.#speedWindow.length < 2) return 0;
    const spanMs = now - this.#speedWindow[0]![0];
    const virtualMs = this.#speedWindow.slice(1).reduce((sum, [, ms]) => sum + ms, 0);
    return spanMs > 0 ? virtualMs / spanMs : 0;
  }
}

/**
 * Empties the backoff samples of `points` (oldest first) older than the newest `shown`: the
 * retry-timing chart bins only the newest `RETRY_SAMPLES_SHOWN` of its window, and the samples
 * were most of what a snapshot cost to copy (at Max, 900 points of up to 64 pairs each). The
 * point that reaches `shown` keeps all of its own, so the chart visits the same points as before
 * and draws the same thing.
 */
export function keepNewestSamples(points: MetricsBucket[], shown = RETRY_SAMPLES_SHOWN): void {
  let kept = 0;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    if (kept >= shown) point.retryDelaySamples = [];
    else kept += point.retryDelaySamples.length;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function toRow(entry: DeadLetter): DeadLetterRow {
  const last = entry.attempts.at(-1);
  return {
    id: entry.id,
    key: entry.key,
    attempts: entry.attemptCount,
    lastOutcome: last?.outcome ?? 'failure',
    cause: DEAD_LETTER_CAUSES[entry.cause],
    arrivedAtMs: entry.arrivedAtMs,
    deadLetteredAtMs: entry.deadLetteredAtMs,
  };
}
