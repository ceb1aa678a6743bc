/**
 * What a comparison exports: its table (every metric, A, B, B − A, the unit) and both sides'
 * time series, as CSV. Numbers are unrounded (to 6 decimals), a share in percent.
 */
import { COMPARE_METRICS, judge, type MetricUnit, type RunSummary } from '../core';
import type { ChartRow } from '../store/series';
import { cell, SERIES_COLUMNS } from './exports';

/** The unit a CSV line states, by the metric's unit; a share is written in percent. */
const UNITS: Record<MetricUnit, { name: string; factor: number }> = {
  count: { name: 'count', factor: 1 },
  share: { name: '%', factor: 100 },
  ms: { name: 'ms', factor: 1 },
  ratio: { name: 'x', factor: 1 },
  rate: { name: 'per s', factor: 1 },
};

/** What A and B are, as the table's headers say it ("A: 8 workers"). */
export interface SideNames {
  a: string;
  b: string;
}

/** The comparison table as CSV: `metric,unit,<A>,<B>,B - A,better`, one line per metric. */
export function compareToCsv(a: RunSummary, b: RunSummary, names: SideNames): string {
  const lines = [['metric', 'unit', names.a, names.b, 'B - A', 'better'].map(cell).join(',')];
  for (const metric of COMPARE_METRICS) {
    const { name, factor } = UNITS[metric.unit];
    const [x, y] = [metric.value(a) * factor, metric.value(b) * factor];
    const better = judge(metric, a, b);
    const values = [metric.label, name, x, y, y - x, better === null ? '' : better.toUpperCase()];
    lines.push(values.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Both sides' time series as CSV: a `side` column (A or B), then the live export's columns. */
export function compareSeriesToCsv(a: readonly ChartRow[], b: readonly ChartRow[]): string {
  const header = ['side', ...SERIES_COLUMNS.map(([, name]) => name)].join(',');
  const line = (side: string) => (row: ChartRow) =>
    [side, ...SERIES_COLUMNS.map(([key]) => cell(row[key]))].join(',');
  return `${[header, ...a.map(line('A')), ...b.map(line('B'))].join('\n')}\n`;
}
