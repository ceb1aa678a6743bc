/**
 * The Files menu's exports, keyed by mode: each mode exports what it shows (issue 11.4). The
 * live run's summary and series in live mode, the comparison's table and series in compare
 * mode; a mode with nothing to show yet says so instead of saving another mode's numbers.
 */

import { seriesToCsv, summaryToCsv } from '../share/exports';
import { compareSeriesToCsv, compareToCsv } from '../share/exports-compare';
import type { Mode } from '../share/link';
import type { LabState } from '../store/lab-store';
import { selectChartRows } from '../store/selectors';
import { chartRows } from '../store/series';
import { compareHeaders } from './experiments/compare-table';

/** A file to save. */
export interface ExportFile {
  name: string;
  text: string;
  type: string;
}

/** One export of the Files menu: its label, and the file it saves now or why there is none. */
export interface ExportChoice {
  label: string;
  make: (state: LabState) => ExportFile | { missing: string };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const liveStamp = (s: LabState) => `seed-${s.scenario.seed}-t-${Math.round(s.nowMs / 1000)}s`;
const noSummary = {
  missing: 'There is no summary yet: the engine is still starting. Try again in a moment.',
};

const LIVE: readonly ExportChoice[] = [
  {
    label: 'Export summary (CSV)',
    make: (s) =>
      s.summary === null
        ? noSummary
        : { name: `summary-${liveStamp(s)}.csv`, text: summaryToCsv(s.summary), type: 'text/csv' },
  },
  {
    label: 'Export summary (JSON)',
    make: (s) =>
      s.summary === null
        ? noSummary
        : { name: `summary-${liveStamp(s)}.json`, text: json(s.summary), type: 'application/json' },
  },
  {
    label: 'Export time series (CSV)',
    make: (s) => ({
      name: `series-${liveStamp(s)}.csv`,
      text: seriesToCsv(selectChartRows(s)),
      type: 'text/csv',
    }),
  },
  {
    label: 'Export time series (JSON)',
    make: (s) => ({
      name: `series-${liveStamp(s)}.json`,
      text: json(selectChartRows(s)),
      type: 'application/json',
    }),
  },
];

/** The comparison shown, or why none is. */
function shownComparison(s: LabState) {
  const run = s.compareRun;
  if (run.status === 'done' && run.result !== null) return run.result;
  return {
    missing:
      run.status === 'running'
        ? 'The comparison is still running: export it once its table shows.'
        : 'There is no comparison to export yet: press Run comparison first.',
  };
}

function compareFile(
  s: LabState,
  extension: 'csv' | 'json',
  what: 'table' | 'series',
  text: (result: NonNullable<LabState['compareRun']['result']>) => string,
): ExportFile | { missing: string } {
  const result = shownComparison(s);
  if ('missing' in result) return result;
  const minutes = Number((result.durationMs / 60_000).toPrecision(6));
  return {
    name: `compare-${what}-seed-${s.scenario.seed}-${minutes}min.${extension}`,
    text: text(result),
    type: extension === 'csv' ? 'text/csv' : 'application/json',
  };
}

const COMPARE: readonly ExportChoice[] = [
  {
    label: 'Export comparison table (CSV)',
    make: (s) =>
      compareFile(s, 'csv', 'table', (r) =>
        compareToCsv(r.a.summary, r.b.summary, compareHeaders(r.differences)),
      ),
  },
  {
    label: 'Export comparison (JSON)',
    make: (s) =>
      compareFile(s, 'json', 'table', (r) =>
        json({
          durationMs: r.durationMs,
          differences: r.differences,
          a: r.a.summary,
          b: r.b.summary,
        }),
      ),
  },
  {
    label: 'Export A and B time series (CSV)',
    make: (s) =>
      compareFile(s, 'csv', 'series', (r) =>
        compareSeriesToCsv(chartRows(r.a.points), chartRows(r.b.points)),
      ),
  },
];

/**
 * The exports of each mode. The sweep has none of its own yet: it exports the live run, as
 * before (its export plugs in here).
 */
export const EXPORTS_BY_MODE: Record<Mode, readonly ExportChoice[]> = {
  live: LIVE,
  compare: COMPARE,
  sweep: LIVE,
};
