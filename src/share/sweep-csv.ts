/** A sweep's runs as CSV: loaded with the sweep panel, apart from the page's other exports. */
import { COMPARE_METRICS, hasLatency, type MetricUnit, type SweepResult } from '../core';
import { cell } from './exports';

/** A metric's column: its id with its unit (a share as a percentage). */
const METRIC_SUFFIX: Record<MetricUnit, string> = {
  count: '',
  share: '_pct',
  ms: '_ms',
  ratio: '_x',
  rate: '_per_s',
};

/**
 * A sweep's runs as CSV, one line per run in the order they ran: its series (with series), the
 * swept setting's value, the second setting's (a grid), every metric of the comparison table,
 * and why a value was skipped (a latency is empty for a run without a 200). Settings are named by path and written as a scenario file has them.
 */
export function sweepToCsv({ config, lines }: SweepResult): string {
  const series = (config.series ?? []).length > 0;
  const header = [
    ...(series ? ['series'] : []),
    config.path,
    ...(config.y ? [config.y.path] : []),
    ...COMPARE_METRICS.map((m) => `${m.id}${METRIC_SUFFIX[m.unit]}`),
    'skipped',
  ];
  const body = lines.flatMap((line) =>
    line.rows.map((row) =>
      [
        ...(series ? [cell(line.label)] : []),
        cell(row.value),
        ...(config.y ? [cell(line.y)] : []),
        ...COMPARE_METRICS.map((m) => {
          if (row.summary === null) return '';
          // No 200 to time: no latency, rather than a 0 that reads as fast.
          if (m.unit === 'ms' && !hasLatency(row.summary)) return '';
          const value = m.value(row.summary);
          return cell(m.unit === 'share' ? value * 100 : value);
        }),
        cell(row.error),
      ].join(','),
    ),
  );
  return `${[header.join(','), ...body].join('\n')}\n`;
}
