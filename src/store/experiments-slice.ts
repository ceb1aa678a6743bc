/**
 * The store's experiments: the mode, the comparison (B's settings, its run) and the sweep (its
 * setting and range, its runs), run by the batch host.
 */
import { parseSettable, ScenarioError, type SettablePath } from '../core';
import type { BatchHost } from './batch-host';
import type { RunResult, SweepRow } from './batch-runner';
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
  let jobId = 0;
  batch.listen((message) => {
    if (message.id !== jobId && message.id !== -1) return; // a cancelled or replaced job
    const key = get().compareRun.status === 'running' ? 'compareRun' : 'sweepRun';
    switch (message.type) {
      case 'progress':
        set({ [key]: { ...get()[key], progress: message.done / message.total } });
        return;
      case 'compared':
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
        set({ sweepRun: { status: 'done', progress: 1, result: message.rows, message: null } });
        return;
      case 'failed':
        set({ [key]: { ...idle, status: 'failed', message: message.message } });
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
      jobId++;
      set({ compareRun: { ...idle, status: 'running' } });
      batch.send({ type: 'compare', id: jobId, a: scenario, b: compare.set });
    },
    setSweep: (change) => set({ sweep: { ...get().sweep, ...change } }),
    runSweep: () => {
      const { scenario, sweep } = get();
      const problem = sweepProblem(sweep);
      if (problem !== null) {
        notice(problem);
        return;
      }
      jobId++;
      set({ sweepRun: { ...idle, status: 'running' } });
      batch.send({
        type: 'sweep',
        id: jobId,
        scenario,
        path: sweep.path,
        values: sweepValues(sweep),
      });
    },
    cancelJob: () => {
      batch.send({ type: 'cancel', id: jobId });
      jobId++;
      const { compareRun, sweepRun } = get();
      if (compareRun.status === 'running') set({ compareRun: idle });
      if (sweepRun.status === 'running') set({ sweepRun: idle });
    },
  };
  return slice;
}
