import type { CompareMetric } from '../../store/compare';
import type { SweepResult } from '../../store/lab-store';
import { type NumberSetting, settingOf } from '../../store/settings';
import { formatMetric, metricOf, noValue, SWEEP_METRIC_LIST, settingFormats } from './sweep-view';

const th = 'px-2 py-1 font-medium';
const td = 'px-2 py-1';

/**
 * A sweep's runs as a table, the text alternative of its charts: for a grid, the outcome shown
 * with the first setting across and the second down; otherwise a row per run with every outcome.
 */
export function SweepTable({ result, metric }: { result: SweepResult; metric: CompareMetric }) {
  const { config, lines } = result;
  const x = settingOf(config.path) as NumberSetting<string>;
  const fx = settingFormats(x);
  const cell = (m: CompareMetric, summary: Parameters<typeof metricOf>[1]) => {
    const v = metricOf(m, summary);
    return v === null ? noValue(summary) : formatMetric(m, v);
  };
  const frame =
    'mt-3 max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900';
  if (config.y !== undefined) {
    const y = settingOf(config.y.path) as NumberSetting<string>;
    const fy = settingFormats(y);
    return (
      <div className={frame}>
        <table className="text-left text-xs tabular-nums" data-testid="sweep-table">
          <caption className="p-2 text-left text-sm font-semibold">
            {metric.label}: {y.label.toLowerCase()} down, {x.label.toLowerCase()} across
          </caption>
          <thead className="sticky top-0 bg-white dark:bg-slate-900">
            <tr>
              <th scope="col" className={th}>
                {y.label} \ {x.label}
              </th>
              {lines[0]!.rows.map((row) => (
                <th key={row.value} scope="col" className={th}>
                  {fx.value(row.value)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.y} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className={th}>
                  {fy.value(line.y!)}
                </th>
                {line.rows.map((row) => (
                  <td key={row.value} className={td}>
                    {cell(metric, row.summary)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  const series = (config.series ?? []).length > 0;
  return (
    <div className={frame}>
      <table className="text-left text-xs tabular-nums" data-testid="sweep-table">
        <caption className="p-2 text-left text-sm font-semibold">
          The sweep's runs{series ? ', series by series' : ''}
        </caption>
        <thead className="sticky top-0 bg-white dark:bg-slate-900">
          <tr>
            {series && (
              <th scope="col" className={th}>
                Series
              </th>
            )}
            <th scope="col" className={th}>
              {x.label}
            </th>
            {SWEEP_METRIC_LIST.map((m) => (
              <th key={m.id} scope="col" className={th}>
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.flatMap((line) =>
            line.rows.map((row) => (
              <tr
                key={`${line.label}-${row.value}`}
                className="border-t border-slate-200 dark:border-slate-700"
              >
                {series && <td className={td}>{line.label}</td>}
                <th scope="row" className={th}>
                  {fx.value(row.value)}
                </th>
                {SWEEP_METRIC_LIST.map((m) => (
                  <td key={m.id} className={td}>
                    {cell(m, row.summary)}
                  </td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
