import { useId } from 'react';
import {
  type NumberSetting,
  type SettablePath,
  SWEEP_PATHS,
  type SweepAxis,
  settingOf,
} from '../../store/settings';

export const field =
  'mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800';

/** A fresh range for `path`: the page's range, cut to a first look that runs quickly. */
export function axisFor(path: SettablePath, steps: number): SweepAxis {
  const { page, unit, integer } = settingOf(path) as NumberSetting<string>;
  const to = unit === '%' ? 0.9 : Math.min(page.max, integer ? 20 : 1000);
  return { path, from: page.min, to, steps };
}

/**
 * One swept setting: which, from, to, and how many steps. With a `legend` (a sweep of two
 * settings) the fields sit in a fieldset and their names start with it.
 */
export function AxisFields(props: {
  axis: SweepAxis;
  maxSteps: number;
  legend?: string;
  onChange: (axis: SweepAxis) => void;
}) {
  const { axis, maxSteps, legend, onChange } = props;
  const id = useId();
  const setting = settingOf(axis.path) as NumberSetting<string>;
  const scale = setting.unit === '%' ? 100 : 1;
  // In a fieldset, each field's name is the legend and its own label ("Down (rows) To (%)").
  const named = (label: string) =>
    legend === undefined ? {} : { 'aria-labelledby': `${id}-legend ${id}-${label}` };
  const fields = (
    <>
      <label>
        <span id={`${id}-setting`} className="block font-medium">
          Setting
        </span>
        <select
          className={field}
          value={axis.path}
          {...named('setting')}
          onChange={(e) => onChange(axisFor(e.currentTarget.value as SettablePath, axis.steps))}
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
          <span id={`${id}-${end}`} className="block font-medium">
            {end === 'from' ? 'From' : 'To'} ({setting.unit})
          </span>
          <input
            type="number"
            step="any"
            className={`${field} w-28`}
            {...named(end)}
            value={Number((axis[end] * scale).toPrecision(10))}
            onChange={(e) => onChange({ ...axis, [end]: Number(e.currentTarget.value) / scale })}
          />
        </label>
      ))}
      <label>
        <span id={`${id}-steps`} className="block font-medium">
          Steps
        </span>
        <input
          type="number"
          min={2}
          max={maxSteps}
          className={`${field} w-20`}
          {...named('steps')}
          value={axis.steps}
          onChange={(e) => onChange({ ...axis, steps: Number(e.currentTarget.value) })}
        />
      </label>
    </>
  );
  if (legend === undefined) return fields;
  return (
    <fieldset className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <legend
        id={`${id}-legend`}
        className="px-1 text-xs font-semibold text-slate-600 dark:text-slate-300"
      >
        {legend}
      </legend>
      {fields}
    </fieldset>
  );
}
