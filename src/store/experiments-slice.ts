/**
 * The experiments slice: the mode, the comparison (B's settings, its run) and the sweep (its
 * setting and range, its runs), run by the batch host off the main thread.
 */
import {
  compareDefaults,
  compareDurationProblem,
  compareSide,
  parseSettable,
  ScenarioError,
  sweepDefaults,
  sweepProblem,
  sweepValues,
  withSettings,
} from '../core';
import type { BatchHost } from '../engine/batch-host';
import { differingSettings } from './compare';
import type { CompareResult, ExperimentsSlice, LabState, SliceSet } from './types';

const idle = { status: 'idle', progress: 0, result: null, message: null } as const;

/** Creates the experiments slice; `batch` runs the jobs. */
export function createExperimentsSlice(
  set: SliceSet<ExperimentsSlice>,
  get: () => LabState,
  batch: BatchHost,
): ExperimentsSlice {
  // The batch host runs one job at a time: the one started last. Its messages carry its id.
  type JobKey = 'compareRun' | 'sweepRun';
  let job: { id: number; key: JobKey } | null = null;
  let lastId = 0;
  // What the comparison running was: its result is labelled with it, whatever B is by then.
  let compared: Pick<CompareResult, 'differences' | 'durationMs'> = {
    differences: [],
    durationMs: 0,
  };
  const start = (key: JobKey): number => {
    if (job !== null && job.key !== key) {
      // The other experiment's run is replaced: it stops, and keeps what it had.
      set({ [job.key]: { ...get()[job.key], status: 'idle', progress: 0 } });
      get().notify(
        'info',
        `The ${job.key === 'compareRun' ? 'comparison' : 'sweep'} stopped: one experiment runs at a time.`,
      );
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
            result: { a: message.a, b: message.b, ...compared },
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
  const notice = (text: string) => get().notify('error', text);

  return {
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
        set({ compare: { ...get().compare, set: { ...get().compare.set, [path]: parsed } } });
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        notice(error.message);
      }
    },
    removeCompareSetting: (path) => {
      const { [path]: _, ...rest } = get().compare.set;
      set({ compare: { ...get().compare, set: rest } });
    },
    setCompareDuration: (durationMs) => {
      const { durationMs: _, ...rest } = get().compare;
      if (durationMs === null) {
        set({ compare: rest });
        return;
      }
      const problem = compareDurationProblem(durationMs);
      if (problem !== null) notice(problem);
      else set({ compare: { ...rest, durationMs } });
    },
    runCompare: () => {
      const { scenario, compare } = get();
      const differences = differingSettings(scenario, compare.set);
      if (differences.length === 0) {
        notice('B is the same as A: change a setting of B.');
        return;
      }
      let a: typeof scenario;
      try {
        a = compareSide(scenario, compare);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        notice(`The comparison cannot run: ${error.message}`);
        return;
      }
      compared = { differences, durationMs: a.durationMs };
      batch.send({ type: 'compare', id: start('compareRun'), a, b: compare.set });
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
    openExperiments: ({ mode, compare, sweep }) => set({ mode, compare, sweep }),
    cancelJob: () => {
      if (job === null) return;
      batch.send({ type: 'cancel', id: job.id });
      set({ [job.key]: idle });
      job = null;
    },
  };
}
