/**
 * The Files menu's exports, keyed by mode: each mode exports what it shows (issue 11.4). The
 * live run's summary and series in live mode, the comparison's table and series in compare
 * mode; a mode with nothing to show yet says so instead of saving another mode's numbers.
 */

/** The CSV writers load with the first export. */
const csv = () => import('../share/exports');

import type { Mode } from '../share/link';
import type { LabState } from '../store/lab-store';
import { selectChartRows } from '../store/selectors';

/** A file to save. */
export interface ExportFile {
  name: string;
  text: string;
  type: string;
}

/** Why there is no file to save, in a sentence. */
export interface Missing {
  missing: string;
}

/** One export of the Files menu: its label, and the file it saves now or why there is none. */
export interface ExportChoice {
  label: string;
  make: (state: LabState) => Promise<ExportFile | Missing>;
}

/** Pretty JSON with a final newline. */
export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const liveStamp = (s: LabState) => `seed-${s.scenario.seed}-t-${Math.round(s.nowMs / 1000)}s`;
const noSummary = {
  missing: 'There is no summary yet: the engine is still starting. Try again in a moment.',
};

const LIVE: readonly ExportChoice[] = [
  {
    label: 'Export summary (CSV)',
    make: async (s) =>
      s.summary === null
        ? noSummary
        : {
            name: `summary-${liveStamp(s)}.csv`,
            text: (await csv()).summaryToCsv(s.summary),
            type: 'text/csv',
          },
  },
  {
    label: 'Export summary (JSON)',
    make: async (s) =>
      s.summary === null
        ? noSummary
        : { name: `summary-${liveStamp(s)}.json`, text: json(s.summary), type: 'application/json' },
  },
  {
    label: 'Export time series (CSV)',
    make: async (s) => ({
      name: `series-${liveStamp(s)}.csv`,
      text: (await csv()).seriesToCsv(selectChartRows(s)),
      type: 'text/csv',
    }),
  },
  {
    label: 'Export time series (JSON)',
    make: async (s) => ({
      name: `series-${liveStamp(s)}.json`,
      text: json(selectChartRows(s)),
      type: 'application/json',
    }),
  },
];

/** The comparison's exports, loaded with the first one (they stay out of the first load). */
const compareExports = () => import('./experiments/compare-exports');

const COMPARE: readonly ExportChoice[] = [
  {
    label: 'Export comparison table (CSV)',
    make: async (s) => (await compareExports()).compareTableCsv(s),
  },
  {
    label: 'Export comparison (JSON)',
    make: async (s) => (await compareExports()).compareJson(s),
  },
  {
    label: 'Export A and B time series (CSV)',
    make: async (s) => (await compareExports()).compareSeriesCsv(s),
  },
];

const SWEEP: readonly ExportChoice[] = [
  {
    label: 'Export sweep (CSV, a line per run)',
    make: async (s) => {
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
  },
  {
    label: 'Export sweep (JSON)',
    make: async (s) => {
      const result = s.sweepRun.result;
      if (result === null) return { missing: 'There is no sweep to export yet: run one first.' };
      return {
        name: `sweep-${result.config.path}-seed-${s.scenario.seed}.json`,
        text: json(result),
        type: 'application/json',
      };
    },
  },
];

/** The exports of each mode: what the mode shows. */
export const EXPORTS_BY_MODE: Record<Mode, readonly ExportChoice[]> = {
  live: LIVE,
  compare: COMPARE,
  sweep: SWEEP,
};
