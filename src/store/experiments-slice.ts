/**
 * The store's experiments: the mode, the comparison (B's settings, its run) and the sweep (its
 * setting and range, its runs), run by the batch host.
 */
import { parseSettable, ScenarioError, type SettablePath } from '../core';
import type { BatchHost } from '../engine/batch-host';
import type { RunResult, SweepRow } from '../engine/batch-runner';
import {
  type CompareConfig,
  compareDefaults,
  type Mode,
  type SweepConfig,
  sweepDefaults,
  sweepProblem,
  sweepValues,
  withSettings,
} from './experiments';
import type { LabState } from './lab-store';

/** A job's state. */
export interface JobState<R> {
  status: 'idle' | 'running' | 'done' | 'failed';
  /** 0..1 while running. */
  progress: number;
  result: R | null;
  message: string | null;
}

const idle = { status: 'idle', progress: 0, result: null, message: null } as const;

/** The experiments part of the lab state. */
export interface ExperimentsState {
  mode: Mode;
  compare: CompareConfig;
  compareRun: JobState<{ a: RunResult; b: RunResult }>;
  sweep: SweepConfig;
  sweepRun: JobState<SweepRow[]>;
  setMode(mode: Mode): void;
  /** Sets one of B's differences from A (checked; a bad value gives a notice). */
  setCompareSetting(path: SettablePath, value: unknown): void;
  removeCompareSetting(path: SettablePath): void;
  runCompare(): void;
  setSweep(change: Partial<SweepConfig>): void;
  runSweep(): void;
  cancelJob(): void;
}

type Set = (partial: Partial<LabState> | ((state: LabState) => Partial<LabState>)) => void;

/** Creates the experiments slice; `batch` runs the jobs. */
export function createExperimentsSlice(set: Set, get: () => LabState, batch: BatchHost) {
  // The batch host runs one job at a time: the one started last. Its messages carry its id.
  type JobKey = 'compareRun' | 'sweepRun';
  let job: { id: number; key: JobKey } | null = null;
  let lastId = 0;
  const start = (key: JobKey): number => {
    if (job !== null && job.key !== key) {
      // The other experiment's run is replaced: it stops, and keeps what it had.
      set({ [job.key]: { ...get()[job.key], status: 'idle', progress: 0 } });
      set({
        notice: {
          kind: 'info',
          text: `The ${job.key === 'compareRun' ? 'comparison' : 'sweep'} stopped: one experiment runs at a time.`,
        },
      });
    }
    job = { id: ++lastId, key };
    // The last result stays until the new one replaces it (or beside a failure).
    set({ [key]: { ...get()[key], status: 'running', progress: 0, message: null } });
    return job.id;
  };
  batch.listen((message) => {
    // -1: the batch worker itself failed, whatever it was running.
    if (job === null || (message.id !== job.id && message.id !== -1)) return;
    const { key } = job;
    switch (message.type) {
      case 'progress':
        set({ [key]: { ...get()[key], progress: message.done / message.total } });
        return;
      case 'compared':
        job = null;
        set({
          compareRun: {
            status: 'done',
            progress: 1,
            result: { a: message.a, b: message.b },
            message: null,
          },
        });
        return;
      case 'swept':
        job = null;
        set({ sweepRun: { status: 'done', progress: 1, result: message.rows, message: null } });
        return;
      case 'failed':
        job = null;
        // A failed run keeps the last result it had, beside the message.
        set({ [key]: { ...get()[key], status: 'failed', progress: 0, message: message.message } });
        return;
    }
  });
  const notice = (text: string) => set({ notice: { kind: 'error', text } });

  const slice: ExperimentsState = {
    mode: 'live',
    compare: compareDefaults,
    compareRun: idle,
    sweep: sweepDefaults,
    sweepRun: idle,
    setMode: (mode) => set({ mode }),
    setCompareSetting: (path, value) => {
      try {
        const parsed = parseSettable(path, value, `B: ${path}`);
        withSettings(get().scenario, { ...get().compare.set, [path]: parsed });
        set({ compare: { set: { ...get().compare.set, [path]: parsed } } });
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        notice(error.message);
      }
    },
    removeCompareSetting: (path) => {
      const { [path]: _, ...rest } = get().compare.set;
      set({ compare: { set: rest } });
    },
    runCompare: () => {
      const { scenario, compare } = get();
      if (Object.keys(compare.set).length === 0) {
        notice('B is the same as A: choose at least one setting for B to change.');
        return;
      }
      batch.send({ type: 'compare', id: start('compareRun'), a: scenario, b: compare.set });
    },
    setSweep: (change) => set({ sweep: { ...get().sweep, ...change } }),
    runSweep: () => {
      const { scenario, sweep } = get();
      const problem = sweepProblem(sweep);
      if (problem !== null) {
        notice(problem);
        return;
      }
      batch.send({
        type: 'sweep',
        id: start('sweepRun'),
        scenario,
        path: sweep.path,
        values: sweepValues(sweep),
      });
    },
    cancelJob: () => {
      if (job === null) return;
      batch.send({ type: 'cancel', id: job.id });
      set({ [job.key]: idle });
      job = null;
    },
  };
  return slice;
}
