import type { RunSummary } from '../../core';
import type { SweepRow } from '../../store/lab-store';
import {
  MAX_SWEEP_STEPS,
  type NumberSetting,
  type SettablePath,
  SWEEP_PATHS,
  settingOf,
  sweepValues,
} from '../../store/settings';
import { ChartCard } from '../charts/ChartCard';
import { COLORS, msAxis, roundAxis } from '../charts/chart-theme';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { formatCount, formatMs, formatPercent, formatSetting } from '../format';
import { Progress } from '../Progress';
import { useLab, useLabActions } from '../store-context';

const OUTCOME_SERIES = [
  { key: 'success', name: 'success', color: COLORS.ok },
  { key: 'rejected', name: '429', color: COLORS.rejected },
  { key: 'dead', name: '503 dead-lettered', color: COLORS.deadLettered },
];

const LATENCY_SERIES = [
  { key: 'p50', name: 'p50', color: COLORS.p50 },
  { key: 'p99', name: 'p99', color: COLORS.p99 },
];

const field =
  'mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800';

function outcomes(value: number, s: RunSummary) {
  const o = s.outcomes;
  const finished = s.requests - o.inFlight || 1;
  return {
    value,
    success: ((o.ok + o.replayed) / finished) * 100,
    rejected: (o.rejected / finished) * 100,
    dead: (o.deadLettered / finished) * 100,
    p50: s.latencyMs.p50,
    p99: s.latencyMs.p99,
    amplification: s.amplification,
  };
}

/** One run per value of a setting, fast-forwarded off the main thread, charted against it. */
export function SweepPanel() {
  const sweep = useLab((s) => s.sweep);
  const run = useLab((s) => s.sweepRun);
  const durationMs = useLab((s) => s.scenario.durationMs);
  const { setSweep, runSweep, cancelJob } = useLabActions();
  const parameter = settingOf(sweep.path) as NumberSetting<string>;
  const percent = parameter.unit === '%';
  const scale = percent ? 100 : 1;
  const shown = (v: number) => formatSetting(parameter, v);
  // Axis ticks without a count's unit (the chart titles name the setting), so they stay short.
  const tick = (v: number) =>
    percent ? formatPercent(v) : parameter.unit === 'ms' ? formatMs(v) : formatCount(v);
  return (
    <section id="panel-sweep" role="tabpanel" aria-labelledby="tab-sweep" className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
        <h2 className="text-sm font-semibold">Sweep one setting</h2>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          Runs the scenario on the left once per value, each for its {Math.round(durationMs / 1000)}{' '}
          s of virtual time, with the same seed.
        </p>
        <form
          className="mt-3 flex flex-wrap items-end gap-3 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            runSweep();
          }}
        >
          <label>
            <span className="block font-medium">Setting</span>
            <select
              className={field}
              value={sweep.path}
              onChange={(e) => {
                const path = e.currentTarget.value as SettablePath;
                const { page, unit, integer } = settingOf(path) as NumberSetting<string>;
                setSweep({
                  path,
                  from: page.min,
                  to: unit === '%' ? 0.9 : Math.min(page.max, integer ? 20 : 1000),
                });
              }}
            >
              {SWEEP_PATHS.map((path) => (
                <option key={path} value={path}>
                  {settingOf(path).label}
                </option>
              ))}
            </select>
          </label>
          {(['from', 'to'] as const).map((end) => (
            <label key={end}>
              <span className="block font-medium">
                {end === 'from' ? 'From' : 'To'} ({parameter.unit})
              </span>
              <input
                type="number"
                step="any"
                className={`${field} w-28`}
                value={Number((sweep[end] * scale).toPrecision(10))}
                onChange={(e) => setSweep({ [end]: Number(e.currentTarget.value) / scale })}
              />
            </label>
          ))}
          <label>
            <span className="block font-medium">Steps</span>
            <input
              type="number"
              min={2}
              max={MAX_SWEEP_STEPS}
              className={`${field} w-20`}
              value={sweep.steps}
              onChange={(e) => setSweep({ steps: Number(e.currentTarget.value) })}
            />
          </label>
          <button
            type="submit"
            disabled={run.status === 'running'}
            className="rounded-md bg-teal-700 px-4 py-1.5 font-semibold text-white hover:bg-teal-800 disabled:opacity-50"
          >
            Run sweep
          </button>
        </form>
        <p className="mt-2 text-xs text-slate-500">
          Values: {sweepValues(sweep).map(shown).join(', ')}
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
      {run.status === 'done' && run.result && (
        <SweepResult
          rows={run.result.lines[0]!.rows}
          label={parameter.label}
          shown={shown}
          tick={tick}
        />
      )}
    </section>
  );
}

function SweepResult({
  rows,
  label,
  shown,
  tick,
}: {
  rows: SweepRow[];
  label: string;
  shown: (v: number) => string;
  tick: (v: number) => string;
}) {
  const data = rows.flatMap((r) => (r.summary === null ? [] : [outcomes(r.value, r.summary)]));
  const errors = rows.filter((r) => r.error !== null);
  const xAxis = {
    props: {
      dataKey: 'value',
      type: 'number',
      domain: ['dataMin', 'dataMax'],
      stroke: COLORS.axis,
      tick: { fontSize: 11 },
      tickFormatter: tick,
      interval: 0,
      // Room for the first and last tick labels, centred on the plot's edges.
      padding: { left: 8, right: 16 },
    },
    label: (v: number) => `${label} ${shown(v)}`,
  };
  const best = data.reduce((a, b) => (b.success > a.success ? b : a), data[0]!);
  return (
    <>
      {errors.length > 0 && (
        <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
          {errors.map((e) => `${label} ${shown(e.value)} was skipped: ${e.error}`).join(' ')}
        </p>
      )}
      {data.length > 0 && (
        <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          <ChartCard
            title={`Outcomes against ${label.toLowerCase()}`}
            unit="% of finished requests"
            testId="sweep-outcomes"
            legend={OUTCOME_SERIES}
            summary={`Highest success ${best.success.toFixed(1)}% at ${shown(best.value)}. ${data.map((d) => `${shown(d.value)}: ${d.success.toFixed(1)}% ok, ${d.rejected.toFixed(1)}% 429, ${d.dead.toFixed(1)}% 503`).join('; ')}.`}
          >
            <TimeSeriesChart
              rows={data}
              series={OUTCOME_SERIES}
              shape="line"
              format={(v) => `${v.toFixed(1)}%`}
              yAxis={{ domain: [0, 100], unit: '%' }}
              xAxis={xAxis}
            />
          </ChartCard>
          <ChartCard
            title={`Latency against ${label.toLowerCase()}`}
            unit="p50 / p99 of 200 responses"
            testId="sweep-latency"
            legend={LATENCY_SERIES}
            summary={data
              .map((d) => `${shown(d.value)}: p50 ${formatMs(d.p50)}, p99 ${formatMs(d.p99)}`)
              .join('; ')}
          >
            <TimeSeriesChart
              rows={data}
              series={LATENCY_SERIES}
              shape="line"
              format={formatMs}
              yAxis={msAxis}
              xAxis={xAxis}
            />
          </ChartCard>
          <ChartCard
            title={`Amplification against ${label.toLowerCase()}`}
            unit="downstream calls ÷ requests"
            testId="sweep-amplification"
            summary={data
              .map((d) => `${shown(d.value)}: ${d.amplification.toFixed(2)}×`)
              .join('; ')}
          >
            <TimeSeriesChart
              rows={data}
              series={[{ key: 'amplification', name: 'amplification', color: COLORS.calls }]}
              shape="line"
              format={(v) => `${v.toFixed(2)}×`}
              yAxis={{
                ...roundAxis(Math.max(1, ...data.map((d) => d.amplification))),
                unit: '×',
              }}
              xAxis={xAxis}
            />
          </ChartCard>
        </div>
      )}
    </>
  );
}
