/**
 * What each export of the Files menu saves (its label in `exports-by-mode.ts`): loaded with the
 * first export, so the page starts without the CSV writers and the selectors they need.
 */
import type { LabState } from '../store/lab-store';
import { selectChartRows } from '../store/selectors';
import { type ExportFile, type ExportLabel, json, type Missing } from './exports-by-mode';

/** The CSV writers load with the first export. */
const csv = () => import('../share/exports');
const liveStamp = (s: LabState) => `seed-${s.scenario.seed}-t-${Math.round(s.nowMs / 1000)}s`;
const noSummary = {
  missing: 'There is no summary yet: the engine is still starting. Try again in a moment.',
};

/** The comparison's exports, loaded with the first one (they stay out of the first load). */
const compareExports = () => import('./experiments/compare-exports');

/** Each export's file, by its label in the menu (every label has one: the type says so). */
export const MAKERS: Record<ExportLabel, (state: LabState) => Promise<ExportFile | Missing>> = {
  'Export summary (CSV)': async (s) =>
    s.summary === null
      ? noSummary
      : {
          name: `summary-${liveStamp(s)}.csv`,
          text: (await csv()).summaryToCsv(s.summary),
          type: 'text/csv',
        },
  'Export summary (JSON)': async (s) =>
    s.summary === null
      ? noSummary
      : { name: `summary-${liveStamp(s)}.json`, text: json(s.summary), type: 'application/json' },
  'Export time series (CSV)': async (s) => ({
    name: `series-${liveStamp(s)}.csv`,
    text: (await csv()).seriesToCsv(selectChartRows(s)),
    type: 'text/csv',
  }),
  'Export time series (JSON)': async (s) => ({
    name: `series-${liveStamp(s)}.json`,
    text: json(selectChartRows(s)),
    type: 'application/json',
  }),
  'Export comparison table (CSV)': async (s) => (await compareExports()).compareTableCsv(s),
  'Export comparison (JSON)': async (s) => (await compareExports()).compareJson(s),
  'Export A and B time series (CSV)': async (s) => (await compareExports()).compareSeriesCsv(s),
  'Export sweep (CSV, a line per run)': async (s) => {
    const result = s.sweepRun.result;
    if (result === null) return { missing: 'There is no sweep to export yet: run one first.' };
    const { sweepToCsv } = await import('../share/sweep-csv');
    const { path, y } = result.config;
    return {
      name: `sweep-${path}${y ? `-by-${y.path}` : ''}-seed-${s.scenario.seed}.csv`,
      text: sweepToCsv(result),
      type: 'text/csv',
    };
  },
  'Export sweep (JSON)': async (s) => {
    const result = s.sweepRun.result;
    if (result === null) return { missing: 'There is no sweep to export yet: run one first.' };
    return {
      name: `sweep-${result.config.path}-seed-${s.scenario.seed}.json`,
      text: json(result),
      type: 'application/json',
    };
  },
};
