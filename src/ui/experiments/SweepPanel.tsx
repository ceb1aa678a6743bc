import { useState } from 'react';
import { sweepToCsv } from '../../share/sweep-csv';
import { SWEEP_METRICS, type SweepMetricId, sweepMetric } from '../../store/compare';
import type { SweepResult } from '../../store/lab-store';
import {
  MAX_GRID_STEPS,
  MAX_SWEEP_STEPS,
  type NumberSetting,
  type SweepAxis,
  type SweepConfig,
  settingOf,
  sweepValues,
} from '../../store/settings';
import { downloadText } from '../download';
import { Progress } from '../Progress';
import { useLab, useLabActions } from '../store-context';
import { AxisFields, axisFor, field } from './AxisFields';
import { Heatmap } from './Heatmap';
import { SeriesEditor } from './SeriesEditor';
import { SweepLines } from './SweepLines';
import { SweepTable } from './SweepTable';
import { SERIES_COLOURS, SWEEP_METRIC_LIST, settingFormats } from './sweep-view';

const button =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 aria-pressed:bg-slate-200 dark:border-slate-600 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-700';

/** An axis's values in short: "1 worker to 12 workers (12 values)". */
function range(axis: SweepAxis): string {
  const values = sweepValues(axis);
  const { value } = settingFormats(settingOf(axis.path) as NumberSetting<string>);
  return `${value(values[0]!)} to ${value(values.at(-1)!)} (${values.length} values)`;
}

/** How many runs a sweep makes, in words. */
function runsText(sweep: SweepConfig): string {
  const xs = sweepValues(sweep).length;
  if (sweep.y !== undefined) {
    const ys = sweepValues(sweep.y).length;
    return `${xs} × ${ys} = ${xs * ys} runs`;
  }
  const lines = Math.max(1, sweep.series?.length ?? 0);
  return lines > 1 ? `${lines} series × ${xs} values = ${lines * xs} runs` : `${xs} runs`;
}

/** One run per value of a setting (per series, or per pair of values of two settings), charted. */
export function SweepPanel() {
  const sweep = useLab((s) => s.sweep);
  const run = useLab((s) => s.sweepRun);
  const durationMs = useLab((s) => s.scenario.durationMs);
  const { setSweep, runSweep, cancelJob } = useLabActions();
  const two = sweep.y !== undefined;
  const formats = settingFormats(settingOf(sweep.path) as NumberSetting<string>);
  const toTwo = () => {
    const other = sweep.path === 'relay.queueCapacity' ? 'relay.workers' : 'relay.queueCapacity';
    setSweep({
      steps: Math.min(sweep.steps, MAX_GRID_STEPS),
      series: undefined,
      y: axisFor(other, Math.min(10, MAX_GRID_STEPS)),
    });
  };
  return (
    <section
      id="panel-sweep"
      role="tabpanel"
      aria-labelledby="tab-sweep"
      className={`space-y-4 ${SERIES_COLOURS}`}
    >
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
        <h2 className="text-sm font-semibold">Sweep {two ? 'two settings' : 'one setting'}</h2>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          Runs the scenario on the left once per value, each for its {Math.round(durationMs / 1000)}{' '}
          s of virtual time, with the same seed, on every core of this machine.
        </p>
        <fieldset className="mt-3 flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">Sweep of</legend>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="sweep-kind"
              checked={!two}
              onChange={() => setSweep({ y: undefined })}
            />
            One setting (lines)
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="sweep-kind" checked={two} onChange={toTwo} />
            Two settings (heatmap)
          </label>
        </fieldset>
        <form
          className="mt-3 flex flex-wrap items-end gap-3 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            runSweep();
          }}
        >
          {two ? (
            <>
              <AxisFields
                axis={sweep}
                maxSteps={MAX_GRID_STEPS}
                legend="Across (columns)"
                onChange={(axis) => setSweep(axis)}
              />
              <AxisFields
                axis={sweep.y!}
                maxSteps={MAX_GRID_STEPS}
                legend="Down (rows)"
                onChange={(y) => setSweep({ y })}
              />
            </>
          ) : (
            <>
              <AxisFields
                axis={sweep}
                maxSteps={MAX_SWEEP_STEPS}
                onChange={(axis) => setSweep(axis)}
              />
              <SeriesEditor />
            </>
          )}
          <button
            type="submit"
            disabled={run.status === 'running'}
            className="rounded-md bg-teal-700 px-4 py-1.5 font-semibold text-white hover:bg-teal-800 disabled:opacity-50"
          >
            Run sweep
          </button>
        </form>
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400" data-testid="sweep-values">
          {runsText(sweep)}.{' '}
          {two
            ? `Across: ${range(sweep)}; down: ${range(sweep.y!)}.`
            : `Values: ${sweepValues(sweep).map(formats.value).join(', ')}.`}
        </p>
        {run.status === 'running' && (
          <div className="mt-3">
            <Progress label="Sweep" value={run.progress} onCancel={cancelJob} />
          </div>
        )}
        {run.status === 'failed' && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            The sweep failed: {run.message}
          </p>
        )}
      </div>
      {run.status === 'done' && run.result && <SweepOutcome result={run.result} />}
    </section>
  );
}

/** A sweep's result: skipped values, the charts or the heatmap, the table, the CSV. */
function SweepOutcome({ result }: { result: SweepResult }) {
  const metricId = useLab((s) => s.sweep.metric ?? 'success');
  const { setSweep } = useLabActions();
  const [table, setTable] = useState(false);
  const { config } = result;
  const x = settingOf(config.path);
  const formats = settingFormats(x as NumberSetting<string>);
  const metric = sweepMetric({ ...config, metric: metricId });
  const y = config.y === undefined ? null : (settingOf(config.y.path) as NumberSetting<string>);
  const skipped = result.lines.flatMap((line) =>
    line.rows.flatMap((row) => {
      if (row.error === null) return [];
      const series = line.label === '' ? '' : `${line.label}: `;
      const second = y === null ? '' : ` with ${settingFormats(y).named(line.y!)}`;
      return [`${series}${formats.named(row.value)}${second} was skipped: ${row.error}`];
    }),
  );
  const name = `sweep-${config.path}${config.y ? `-by-${config.y.path}` : ''}.csv`;
  return (
    <>
      {skipped.length > 0 && (
        <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
          {skipped.slice(0, 5).join(' ')}
          {skipped.length > 5 && ` And ${skipped.length - 5} more (see the table).`}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        {config.y !== undefined && (
          <label className="text-sm">
            <span className="block font-medium">Outcome shown</span>
            <select
              className={field}
              value={metricId}
              onChange={(e) => setSweep({ metric: e.currentTarget.value as SweepMetricId })}
            >
              {SWEEP_METRICS.map((id) => (
                <option key={id} value={id}>
                  {SWEEP_METRIC_LIST.find((m) => m.id === id)!.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className={button}
          aria-pressed={table}
          onClick={() => setTable(!table)}
        >
          Show table
        </button>
        <button
          type="button"
          className={button}
          onClick={() => downloadText(name, sweepToCsv(result), 'text/csv')}
        >
          Export CSV
        </button>
      </div>
      {config.y !== undefined ? (
        <Heatmap result={result} metric={metric} />
      ) : (
        <SweepLines result={result} />
      )}
      {table && <SweepTable result={result} metric={metric} />}
    </>
  );
}
