/**
 * The experiments slice: the mode, the comparison (B's settings, its run) and the sweep (its
 * settings, series or second setting, its runs), each run as one job of the batch host, which
 * spreads a job's runs over its workers and gives back their outcomes in order.
 */
import {
  checkSweepSeries,
  compareDefaults,
  compareDurationProblem,
  compareSide,
  MAX_SERIES,
  MAX_SERIES_LABEL,
  parseSettable,
  planSweep,
  ScenarioError,
  type SettablePath,
  type SweepConfig,
  sweepDefaults,
  sweepProblem,
  sweepResult,
  withSettings,
} from '../core';
import type { BatchHost } from '../engine/batch-host';
import type { RunOutcome, RunSpec } from '../engine/protocol';
import { differingSettings } from './compare';
import type { CompareResult, ExperimentsSlice, LabState, SliceSet } from './types';

const idle = { status: 'idle', progress: 0, result: null, message: null } as const;

/** `sweep` without fields set to undefined or an empty series list (so links stay short). */
function tidy(sweep: SweepConfig): SweepConfig {
  const next = { ...sweep };
  if (next.series?.length === 0) delete next.series;
  for (const key of ['series', 'y', 'metric'] as const)
    if (next[key] === undefined) delete next[key];
  return next;
}

/** Creates the experiments slice; `batch` runs the jobs. */
export function createExperimentsSlice(
  set: SliceSet<ExperimentsSlice>,
  get: () => LabState,
  batch: BatchHost,
): ExperimentsSlice {
  // The batch host runs one job at a time: the one started last. Its messages carry its id.
  type JobKey = 'compareRun' | 'sweepRun';
  let job: { id: number; key: JobKey; finish: (outcomes: RunOutcome[]) => void } | null = null;
  let lastId = 0;
  const start = (key: JobKey, finish: (outcomes: RunOutcome[]) => void): number => {
    if (job !== null && job.key !== key) {
      // The other experiment's run is replaced: it stops, and keeps what it had.
      set({ [job.key]: { ...get()[job.key], status: 'idle', progress: 0 } });
      get().notify(
        'info',
        `The ${job.key === 'compareRun' ? 'comparison' : 'sweep'} stopped: one experiment runs at a time.`,
      );
    }
    job = { id: ++lastId, key, finish };
    // The last result stays until the new one replaces it (or beside a failure).
    set({ [key]: { ...get()[key], status: 'running', progress: 0, message: null } });
    return job.id;
  };
  const fail = (key: JobKey, message: string) =>
    // A failed run keeps the last result it had, beside the message.
    set({ [key]: { ...get()[key], status: 'failed', progress: 0, message } });
  batch.listen((message) => {
    // -1: a batch worker itself failed, whatever it was running.
    if (job === null || (message.id !== job.id && message.id !== -1)) return;
    const { key, finish } = job;
    switch (message.type) {
      case 'progress':
        set({ [key]: { ...get()[key], progress: message.done / message.total } });
        return;
      case 'finished':
        job = null;
        finish(message.outcomes);
        return;
      case 'failed':
        job = null;
        fail(key, message.message);
        return;
    }
  });
  const notice = (text: string) => get().notify('error', text);
  /** Runs `change` on the sweep; a ScenarioError becomes a notice and changes nothing. */
  const checked = (change: () => SweepConfig) => {
    try {
      set({ sweep: tidy(change()) });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      notice(error.message);
    }
  };
  const withSeries = (
    index: number,
    change: (s: NonNullable<SweepConfig['series']>[number]) => void,
  ) => {
    const sweep = structuredClone(get().sweep);
    const series = sweep.series?.[index];
    if (series === undefined) return sweep;
    change(series);
    return sweep;
  };

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
      let sideA: typeof scenario;
      try {
        sideA = compareSide(scenario, compare);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        notice(`The comparison cannot run: ${error.message}`);
        return;
      }
      // The result is labelled with what ran, whatever B is by the time it lands.
      const ran: Pick<CompareResult, 'differences' | 'durationMs'> = {
        differences,
        durationMs: sideA.durationMs,
      };
      const runs: RunSpec[] = [
        { set: {}, name: 'A', detail: 'full' },
        { set: compare.set, name: 'B', detail: 'full' },
      ];
      const id = start('compareRun', ([a, b]) => {
        if (!a!.ok || !b!.ok) {
          fail(
            'compareRun',
            a!.ok ? (b as { error: string }).error : (a as { error: string }).error,
          );
          return;
        }
        set({
          compareRun: {
            status: 'done',
            progress: 1,
            result: { a: a!.result, b: b!.result, ...ran },
            message: null,
          },
        });
      });
      batch.send({ type: 'start', id, scenario: sideA, runs });
    },
    setSweep: (change) => set({ sweep: tidy({ ...get().sweep, ...change }) }),
    addSweepSeries: () => {
      const series = get().sweep.series ?? [];
      if (series.length >= MAX_SERIES) {
        notice(`A sweep has at most ${MAX_SERIES} series.`);
        return;
      }
      const labels = new Set(series.map((s) => s.label));
      let n = series.length + 1;
      while (labels.has(`Series ${n}`)) n++;
      set({
        sweep: tidy({
          ...get().sweep,
          y: undefined,
          series: [...series, { label: `Series ${n}`, set: {} }],
        }),
      });
    },
    removeSweepSeries: (index) => {
      const series = (get().sweep.series ?? []).filter((_, i) => i !== index);
      set({ sweep: tidy({ ...get().sweep, series }) });
    },
    renameSweepSeries: (index, label) =>
      set({ sweep: withSeries(index, (s) => (s.label = label.slice(0, MAX_SERIES_LABEL))) }),
    setSweepSeriesSetting: (index, path, value) =>
      checked(() => {
        const sweep = get().sweep;
        const series = sweep.series?.[index];
        const name = `Series ${JSON.stringify(series?.label ?? '')}`;
        const parsed = parseSettable(path, value, `${name}: ${path}`);
        if (path === sweep.path) {
          throw new ScenarioError(
            '',
            `${name} cannot hold ${path}: it is the setting the sweep varies.`,
          );
        }
        const next = withSeries(index, (s) => (s.set[path] = parsed));
        checkSweepSeries(get().scenario, next);
        return next;
      }),
    removeSweepSeriesSetting: (index, path) =>
      set({ sweep: withSeries(index, (s) => delete s.set[path as SettablePath]) }),
    suggestSweep: (sweep) => {
      if (sweep !== undefined) set({ sweep: tidy(structuredClone(sweep)) });
    },
    runSweep: () => {
      const { scenario, sweep } = get();
      const problem = sweepProblem(sweep);
      if (problem !== null) {
        notice(problem);
        return;
      }
      try {
        checkSweepSeries(scenario, sweep);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        notice(error.message);
        return;
      }
      const plan = planSweep(sweep);
      const id = start('sweepRun', (outcomes) => {
        const rows = plan.runs.map((run, i) => {
          const outcome = outcomes[i]!;
          return outcome.ok
            ? { value: run.value, summary: outcome.result.summary, error: null }
            : { value: run.value, summary: null, error: outcome.error };
        });
        const result = sweepResult(sweep, plan, rows);
        set({ sweepRun: { status: 'done', progress: 1, result, message: null } });
      });
      batch.send({
        type: 'start',
        id,
        scenario,
        runs: plan.runs.map(({ set, name }) => ({ set, name, detail: 'summary' })),
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
