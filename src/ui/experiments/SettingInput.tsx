import { useEffect, useState } from 'react';
import type { Setting } from '../../store/settings';

const field =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800';

/** An input for one setting's value, by its registry entry; `onChange` gets the stored value. */
export function SettingInput(props: {
  setting: Setting;
  value: unknown;
  label: string;
  onChange: (value: unknown) => void;
}) {
  const { setting, value, label, onChange } = props;
  const percent = setting.type === 'number' && setting.unit === '%';
  const [text, setText] = useState('');
  useEffect(() => {
    if (percent) setText(String(Math.round(Number(value) * 1000) / 10));
    else if (typeof value === 'number' || value === undefined) setText(String(value ?? ''));
    else setText('');
  }, [percent, value]);
  switch (setting.type) {
    case 'choice':
      return (
        <select
          aria-label={label}
          className={field}
          value={String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          {setting.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'switch':
      return (
        <label className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            aria-label={label}
            checked={Boolean(value)}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
          on
        </label>
      );
    default:
      if (setting.sentinel === undefined) {
        return (
          <span className="flex items-center gap-1 text-sm">
            <input
              type="number"
              aria-label={label}
              className={`${field} w-28`}
              step="any"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onBlur={() => onChange(percent ? Number(text) / 100 : Number(text))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.blur();
              }}
            />
            {setting.unit}
          </span>
        );
      }
      return (
        <span className="flex items-center gap-2 text-sm">
          <input
            type="number"
            aria-label={label}
            className={`${field} w-24`}
            min={1}
            value={text}
            disabled={value === setting.sentinel}
            onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => onChange(Number(text))}
          />
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={value === setting.sentinel}
              onChange={(e) =>
                onChange(
                  e.currentTarget.checked
                    ? setting.sentinel
                    : (setting.sentinelControl?.fallback ?? setting.page.min),
                )
              }
            />
            {setting.sentinel}
          </label>
        </span>
      );
  }
}
