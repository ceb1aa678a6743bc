import { useState } from 'react';
import {
  COMPARE_PATHS,
  MAX_SERIES,
  MAX_SERIES_LABEL,
  type SettablePath,
  settingOf,
  valueAt,
} from '../../store/settings';
import { formatSetting } from '../format';
import { useLab, useLabActions } from '../store-context';
import { field } from './AxisFields';
import { SettingInput } from './SettingInput';
import { SeriesMark } from './SweepLineChart';
import { RETRY_VARIANTS, SERIES_LOOKS } from './sweep-view';

const small =
  'rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';

/** The series of a sweep of one setting: one line each, each the scenario with settings held. */
export function SeriesEditor() {
  const sweep = useLab((s) => s.sweep);
  const scenario = useLab((s) => s.scenario);
  const lab = useLabActions();
  const series = sweep.series ?? [];
  const paths = COMPARE_PATHS.filter((p) => p !== sweep.path);
  const [path, setPath] = useState<SettablePath>('relay.retry.maxRetries');
  const [value, setValue] = useState<unknown>(valueAt(scenario, 'relay.retry.maxRetries'));
  const [target, setTarget] = useState(0);
  const into = Math.min(target, series.length - 1);
  return (
    <fieldset className="w-full rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <legend className="px-1 text-xs font-semibold text-slate-600 dark:text-slate-300">
        Series: one line each
      </legend>
      {series.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          One line: the scenario as it is. Add series to draw variants side by side, each the
          scenario with some settings held for the whole run (as B in a comparison).
        </p>
      ) : (
        <ul className="space-y-1" aria-label="Series">
          {series.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: series are edited in place (a label may change as it is typed) and never reordered: the index is their identity
            <li key={i} className="flex flex-wrap items-center gap-2 text-sm">
              <SeriesMark look={SERIES_LOOKS[i]!} />
              <input
                aria-label={`Series ${i + 1} label`}
                className={`${field} mt-0 w-44 text-sm`}
                maxLength={MAX_SERIES_LABEL}
                value={s.label}
                onChange={(e) => lab.renameSweepSeries(i, e.currentTarget.value)}
              />
              {Object.keys(s.set).length === 0 && (
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  the scenario as it is
                </span>
              )}
              {(Object.entries(s.set) as Array<[SettablePath, unknown]>).map(([p, v]) => (
                <span
                  key={p}
                  className="flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800"
                >
                  {settingOf(p).label}: {formatSetting(settingOf(p), v)}
                  <button
                    type="button"
                    className="font-bold"
                    aria-label={`Remove ${settingOf(p).label} from ${s.label}`}
                    onClick={() => lab.removeSweepSeriesSetting(i, p)}
                  >
                    ×
                  </button>
                </span>
              ))}
              <button
                type="button"
                className="text-xs underline"
                aria-label={`Remove series ${s.label}`}
                onClick={() => lab.removeSweepSeries(i)}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {series.length > 0 && (
        <div className="mt-2 flex flex-wrap items-end gap-2 text-sm">
          <label>
            <span className="block text-xs font-medium">Hold</span>
            <select
              aria-label="Setting to hold"
              className={field}
              value={path}
              onChange={(e) => {
                const next = e.currentTarget.value as SettablePath;
                setPath(next);
                setValue(valueAt(scenario, next));
              }}
            >
              {paths.map((p) => (
                <option key={p} value={p}>
                  {settingOf(p).label}
                </option>
              ))}
            </select>
          </label>
          <SettingInput
            setting={settingOf(path)}
            value={value}
            label={`Value of ${settingOf(path).label}`}
            onChange={setValue}
          />
          <label>
            <span className="block text-xs font-medium">in</span>
            <select
              aria-label="Series to hold it in"
              className={field}
              value={into}
              onChange={(e) => setTarget(Number(e.currentTarget.value))}
            >
              {series.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above, the index is the series' identity
                <option key={i} value={i}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={small}
            onClick={() => lab.setSweepSeriesSetting(into, path, value)}
          >
            Hold it
          </button>
        </div>
      )}
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className={small}
          disabled={series.length >= MAX_SERIES}
          onClick={() => {
            lab.addSweepSeries();
            setTarget(series.length);
          }}
        >
          Add series
        </button>
        <button
          type="button"
          className="rounded-full border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          onClick={() => lab.setSweep({ ...RETRY_VARIANTS, y: undefined })}
        >
          Retry strategies against the failure rate (Brooker 2022)
        </button>
      </div>
    </fieldset>
  );
}
