/** The comparison's exports (issue 11.4): its table, the comparison as JSON, both sides' series. */
import { compareSeriesToCsv, compareToCsv } from '../../share/exports-compare';
import type { CompareResult, LabState } from '../../store/lab-store';
import { chartRows } from '../../store/series';
import { type ExportFile, json, type Missing } from '../exports-by-mode';
import { compareHeaders } from './compare-table';

/** The comparison shown, or why none is. */
function shownComparison(s: LabState): CompareResult | Missing {
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
  text: (result: CompareResult) => string,
): ExportFile | Missing {
  const result = shownComparison(s);
  if ('missing' in result) return result;
  const minutes = Number((result.durationMs / 60_000).toPrecision(6));
  return {
    name: `compare-${what}-seed-${s.scenario.seed}-${minutes}min.${extension}`,
    text: text(result),
    type: extension === 'csv' ? 'text/csv' : 'application/json',
  };
}

/** The table as shown, as CSV, its columns headed as on the page. */
export const compareTableCsv = (s: LabState) =>
  compareFile(s, 'csv', 'table', (r) =>
    compareToCsv(r.a.summary, r.b.summary, compareHeaders(r.differences)),
  );

/** Both summaries, the settings that differed and the run length, as JSON. */
export const compareJson = (s: LabState) =>
  compareFile(s, 'json', 'table', (r) =>
    json({ durationMs: r.durationMs, differences: r.differences, a: r.a.summary, b: r.b.summary }),
  );

/** Both sides' time series as CSV. */
export const compareSeriesCsv = (s: LabState) =>
  compareFile(s, 'csv', 'series', (r) =>
    compareSeriesToCsv(chartRows(r.a.points), chartRows(r.b.points)),
  );
