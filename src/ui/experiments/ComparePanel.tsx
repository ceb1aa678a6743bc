import { useState } from 'react';
import { differingSettings } from '../../store/compare';
import { COMPARE_PATHS, type SettablePath, settingOf, valueAt } from '../../store/settings';
import { formatSetting } from '../format';
import { Progress } from '../Progress';
import { useLab, useLabActions } from '../store-context';
import { CompareResult } from './CompareResult';
import { quickPicks } from './quick-picks';
import { RunLengthField } from './RunLengthField';
import { SettingInput } from './SettingInput';

const button =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';
const chip =
  'rounded-full border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 aria-pressed:border-teal-700 aria-pressed:bg-teal-50 aria-pressed:font-semibold dark:border-slate-600 dark:hover:bg-slate-800 dark:aria-pressed:border-teal-400 dark:aria-pressed:bg-teal-950';

/** A against B on the same traffic: B's differences, the run length, the run, the results. */
export function ComparePanel() {
  const scenario = useLab((s) => s.scenario);
  const compare = useLab((s) => s.compare);
  const run = useLab((s) => s.compareRun);
  const { setCompareDuration, runCompare, cancelJob } = useLabActions();
  const [lengthValid, setLengthValid] = useState(true);
  const same = differingSettings(scenario, compare.set).length === 0;
  // Why Run is held, said beside it.
  const held = same
    ? 'B is the same as A: change a setting of B.'
    : lengthValid
      ? null
      : 'Set a run length in range to run.';
  return (
    <section id="panel-compare" role="tabpanel" aria-labelledby="tab-compare" className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
        <h2 className="text-sm font-semibold">A against B, on the same traffic</h2>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          A is the scenario on the left (seed {scenario.seed}, its timeline included). B is A with
          the settings below changed for the whole run (where A's timeline changes one of them, B
          keeps its own). Both run with the same seed for the same length, so they get identical
          arrivals, keys and downstream fates.
        </p>
        <BSettings />
        <div className="mt-4 flex flex-wrap items-start gap-x-6 gap-y-3">
          <RunLengthField
            durationMs={compare.durationMs ?? scenario.durationMs}
            onChange={(ms) => setCompareDuration(ms === scenario.durationMs ? null : ms)}
            onValidity={setLengthValid}
          />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button
            type="button"
            className="rounded-md bg-teal-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-50"
            onClick={runCompare}
            disabled={run.status === 'running' || held !== null}
            aria-describedby={held === null ? undefined : 'compare-held'}
          >
            Run comparison
          </button>
          {held !== null && run.status !== 'running' && (
            <span id="compare-held" className="text-sm text-amber-800 dark:text-amber-200">
              {held}
            </span>
          )}
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
      {run.status === 'done' && run.result && <CompareResult result={run.result} />}
    </section>
  );
}

/** B's differences from A: the list, a setting to add, and quick picks relative to A. */
function BSettings() {
  const scenario = useLab((s) => s.scenario);
  const compare = useLab((s) => s.compare);
  const { setCompareSetting, removeCompareSetting } = useLabActions();
  const [path, setPath] = useState<SettablePath>('relay.workers');
  // A's settings at the start of its run (its timeline may change them later).
  const current = (p: SettablePath) => valueAt(scenario, p);
  const [value, setValue] = useState<unknown>(current('relay.workers'));
  const entries = Object.entries(compare.set) as Array<[SettablePath, unknown]>;
  const holds = (set: Partial<Record<SettablePath, unknown>>) =>
    Object.entries(set).every(([p, v]) => compare.set[p as SettablePath] === v);
  return (
    <>
      <ul className="mt-3 space-y-1 text-sm" aria-label="B's differences">
        {entries.length === 0 && <li className="text-slate-500">B has no settings of its own.</li>}
        {entries.map(([p, v]) => (
          <li key={p} className="flex flex-wrap items-center gap-x-2">
            {current(p) === v ? (
              <span className="text-slate-600 dark:text-slate-400">
                <strong>{settingOf(p).label}</strong>: {formatSetting(settingOf(p), v)}, same as A
              </span>
            ) : (
              <span>
                <strong>{settingOf(p).label}</strong>: A {formatSetting(settingOf(p), current(p))} →
                B {formatSetting(settingOf(p), v)}
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
            className="mt-1 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
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
      <fieldset className="mt-3">
        <legend className="text-xs font-medium text-slate-600 dark:text-slate-300">
          Quick picks for B, from A's settings
        </legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {quickPicks(scenario).map((q) => (
            <button
              key={q.label}
              type="button"
              className={chip}
              aria-pressed={holds(q.set)}
              onClick={() => {
                for (const [p, v] of Object.entries(q.set)) setCompareSetting(p as SettablePath, v);
              }}
            >
              {q.label}
            </button>
          ))}
        </div>
      </fieldset>
    </>
  );
}
