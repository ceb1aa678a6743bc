import { useState } from 'react';
import type { RunResult } from '../../store/lab-store';
import { COMPARE_PATHS, type SettablePath, settingOf, valueAt } from '../../store/settings';
import { formatSetting } from '../format';
import { Progress } from '../Progress';
import { useLab, useLabActions } from '../store-context';
import { CompareCharts } from './CompareCharts';
import { differenceRows } from './compare-table';
import { SettingInput } from './SettingInput';

const button =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';

const QUICK: ReadonlyArray<{ label: string; set: Partial<Record<SettablePath, unknown>> }> = [
  { label: 'B: full jitter', set: { 'relay.retry.jitter': 'full' } },
  { label: 'B: no jitter', set: { 'relay.retry.jitter': 'none' } },
  { label: 'B: 8 workers', set: { 'relay.workers': 8 } },
  { label: 'B: no idempotency keys', set: { 'traffic.keyedRatio': 0 } },
  { label: 'B: no retries', set: { 'relay.retry.maxRetries': 0 } },
];

/** A against B on the same traffic: B's differences, the run, the table and the charts. */
export function ComparePanel() {
  const scenario = useLab((s) => s.scenario);
  const compare = useLab((s) => s.compare);
  const run = useLab((s) => s.compareRun);
  const { setCompareSetting, removeCompareSetting, runCompare, cancelJob } = useLabActions();
  const [path, setPath] = useState<SettablePath>('relay.workers');
  // A's settings at the start of its run (its timeline may change them later).
  const current = (p: SettablePath) => valueAt(scenario, p);
  const [value, setValue] = useState<unknown>(current('relay.workers'));
  const entries = Object.entries(compare.set) as Array<[SettablePath, unknown]>;
  // A setting B holds at A's own value (set so, or A changed since) is no difference.
  const differs = entries.filter(([p, v]) => current(p) !== v);
  return (
    <section id="panel-compare" role="tabpanel" aria-labelledby="tab-compare" className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
        <h2 className="text-sm font-semibold">A against B, on the same traffic</h2>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          A is the scenario on the left (seed {scenario.seed},{' '}
          {Math.round(scenario.durationMs / 1000)} s, its timeline included). B is A with the
          settings below changed for the whole run (where A's timeline changes one of them, B keeps
          its own). Both run with the same seed, so they get identical arrivals, keys and downstream
          fates.
        </p>
        <ul className="mt-3 space-y-1 text-sm" aria-label="B's differences">
          {differs.length === 0 && (
            <li className="text-slate-500">B is the same as A: add a setting.</li>
          )}
          {entries.map(([p, v]) => (
            <li key={p} className="flex items-center gap-2">
              {current(p) === v ? (
                <span className="text-slate-500 dark:text-slate-400">
                  <strong>{settingOf(p).label}</strong>: {formatSetting(settingOf(p), v)}, same as A
                </span>
              ) : (
                <span>
                  <strong>{settingOf(p).label}</strong>: A {formatSetting(settingOf(p), current(p))}{' '}
                  → B {formatSetting(settingOf(p), v)}
                </span>
              )}
              <button
                type="button"
                className="text-xs underline"
                onClick={() => removeCompareSetting(p)}
                aria-label={`Remove ${settingOf(p).label} from B`}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
        <div className="mt-3 flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block font-medium">Setting for B</span>
            <select
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
              value={path}
              onChange={(e) => {
                const next = e.currentTarget.value as SettablePath;
                setPath(next);
                setValue(current(next));
              }}
            >
              {COMPARE_PATHS.map((p) => (
                <option key={p} value={p}>
                  {settingOf(p).label}
                </option>
              ))}
            </select>
          </label>
          <SettingInput
            setting={settingOf(path)}
            value={value}
            label={`B's ${settingOf(path).label}`}
            onChange={setValue}
          />
          <button type="button" className={button} onClick={() => setCompareSetting(path, value)}>
            Set for B
          </button>
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          {QUICK.map((q) => (
            <button
              key={q.label}
              type="button"
              className="rounded-full border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
              onClick={() => {
                for (const [p, v] of Object.entries(q.set)) setCompareSetting(p as SettablePath, v);
              }}
            >
              {q.label}
            </button>
          ))}
        </div>
        <div className="mt-4 flex items-center gap-3">
          <button
            type="button"
            className="rounded-md bg-teal-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-50"
            onClick={runCompare}
            disabled={run.status === 'running'}
          >
            Run comparison
          </button>
          {run.status === 'running' && (
            <Progress label="Comparison" value={run.progress} onCancel={cancelJob} />
          )}
          {run.status === 'failed' && (
            <span role="alert" className="text-sm text-red-700 dark:text-red-400">
              The comparison failed: {run.message}
            </span>
          )}
        </div>
      </div>
      {run.status === 'done' && run.result && <CompareResult a={run.result.a} b={run.result.b} />}
    </section>
  );
}

function CompareResult({ a, b }: Parameters<typeof CompareCharts>[0]) {
  const rows = differenceRows(a.summary, b.summary);
  // The clients' own requests: resends and replays follow each side's failures.
  const sent = (p: RunResult['points'][number]) => p.arrivals - p.resends - p.replays;
  const same = a.points.every(
    (p, i) => b.points[i] !== undefined && sent(p) === sent(b.points[i]!),
  );
  const more = a.summary.clients.resends + b.summary.clients.resends > 0;
  return (
    <>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
        <p data-testid="same-traffic" className="text-sm">
          {same
            ? `Same traffic on both sides: ${a.summary.clients.sent.toLocaleString('en-US')} requests sent by clients, arriving at the same instants${more ? ` (their resends follow each side's failures: A ${a.summary.clients.resends.toLocaleString('en-US')}, B ${b.summary.clients.resends.toLocaleString('en-US')})` : ''}.`
            : "The two sides' clients sent different requests: their traffic settings differ."}
        </p>
        <table
          className="mt-3 w-full max-w-2xl text-left text-sm tabular-nums"
          data-testid="compare-table"
        >
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Metric</th>
              <th className="py-1 font-medium">A</th>
              <th className="py-1 font-medium">B</th>
              <th className="py-1 font-medium">B − A</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.metric} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className="py-1 font-normal">
                  {r.metric}
                </th>
                <td
                  className={`py-1 ${r.better === 'a' ? 'font-semibold text-teal-700 dark:text-teal-300' : ''}`}
                >
                  {r.a}
                </td>
                <td
                  className={`py-1 ${r.better === 'b' ? 'font-semibold text-teal-700 dark:text-teal-300' : ''}`}
                >
                  {r.b}
                </td>
                <td className="py-1">{r.delta}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CompareCharts a={a} b={b} />
    </>
  );
}
