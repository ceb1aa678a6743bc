/**
 * Runs a scenario in slices of virtual time, so that a long run can report progress, stop at a
 * wall-time limit and be interrupted, and still print what it simulated so far. The wall clock
 * and the event-loop yield are injected: this file reads no clock itself. Slicing never changes
 * the run: the summary of a complete sliced run is the one `runScenario` gives.
 */
import { createSimulation, type RunSummary, type Scenario } from '../core';

/** Why a run stopped before its `durationMs`. */
export type StopReason = 'time limit' | 'interrupted';

/** Where a run stopped early: the reason and the virtual time reached, ms. */
export interface PartialRun {
  readonly reason: StopReason;
  readonly atMs: number;
}

/** How far a run has come. */
export interface Progress {
  /** Virtual time simulated so far, and the run's whole duration, ms. */
  readonly virtualMs: number;
  readonly durationMs: number;
  /** Requests that have arrived so far. */
  readonly requests: number;
  /** Wall time since the run started, ms. */
  readonly wallMs: number;
}

/** Options of `runSliced`; wall times in ms of the injected `clockMs`. */
export interface SlicedRunOptions {
  /** The wall clock, ms (e.g. `performance.now`). */
  readonly clockMs: () => number;
  /** Wall time after which the run stops, partial; none when `undefined`. @default undefined */
  readonly timeLimitMs?: number | undefined;
  /** The run stops, partial, once this is aborted (checked between slices). */
  readonly signal?: AbortSignal | undefined;
  /** Called at most every `progressEveryMs` of wall time, not before the first interval. */
  readonly onProgress?: ((progress: Progress) => void) | undefined;
  /** @default 250 (at most 4 progress reports a second) */
  readonly progressEveryMs?: number;
  /** Lets other work (a signal handler) run; called about every `yieldEveryMs` of wall time. */
  readonly yieldToEventLoop?: () => Promise<void>;
  /** @default 50 */
  readonly yieldEveryMs?: number;
  /** Virtual time of the first slice, ms; later slices aim at `sliceWallMs` each. @default 5000 */
  readonly sliceMs?: number;
  /** Wall time a slice aims at, ms. @default 25 */
  readonly sliceWallMs?: number;
}

/** What `runSliced` returns: the summary up to where it stopped, and `partial` when early. */
export interface SlicedRunResult {
  readonly summary: RunSummary;
  readonly partial: PartialRun | null;
}

/** Longest slice of virtual time, ms: an hour, so even an idle 30-day run reports progress. */
const SLICE_MS_MAX = 3_600_000;
/** Shortest slice, ms: a heavy run still moves on. */
const SLICE_MS_MIN = 1;

/**
 * Runs `scenario` (already parsed) to its `durationMs` in slices, checking the clock and the
 * signal between them. A time limit of 0 stops before the first slice.
 */
export async function runSliced(
  scenario: Scenario,
  options: SlicedRunOptions,
): Promise<SlicedRunResult> {
  const { clockMs, timeLimitMs, signal, onProgress } = options;
  const progressEveryMs = options.progressEveryMs ?? 250;
  const yieldEveryMs = options.yieldEveryMs ?? 50;
  const sliceWallMs = options.sliceWallMs ?? 25;
  const simulation = createSimulation(scenario, { keepBuckets: 0 });
  const durationMs = simulation.scenario.durationMs;
  const startMs = clockMs();
  let [progressAtMs, yieldAtMs] = [startMs, startMs];
  let sliceMs = options.sliceMs ?? 5000;
  const stopped = (reason: StopReason): SlicedRunResult => ({
    summary: simulation.summary(),
    partial: { reason, atMs: simulation.nowMs },
  });
  while (simulation.nowMs < durationMs) {
    if (signal?.aborted) return stopped('interrupted');
    const before = clockMs();
    if (timeLimitMs !== undefined && before - startMs >= timeLimitMs) return stopped('time limit');
    simulation.advanceTo(Math.min(durationMs, simulation.nowMs + sliceMs));
    const after = clockMs();
    // Aim each slice at `sliceWallMs`, so a heavy run still checks the clock and signal often.
    if (after - before > 2 * sliceWallMs) sliceMs = Math.max(SLICE_MS_MIN, sliceMs / 2);
    else if (after - before < sliceWallMs / 2) sliceMs = Math.min(SLICE_MS_MAX, sliceMs * 2);
    if (onProgress !== undefined && after - progressAtMs >= progressEveryMs) {
      progressAtMs = after;
      const requests = simulation.state().counters.arrivals;
      onProgress({ virtualMs: simulation.nowMs, durationMs, requests, wallMs: after - startMs });
    }
    if (options.yieldToEventLoop !== undefined && after - yieldAtMs >= yieldEveryMs) {
      await options.yieldToEventLoop();
      yieldAtMs = clockMs();
    }
  }
  return { summary: simulation.summary(), partial: null };
}
