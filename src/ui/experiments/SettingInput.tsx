import { useEffect, useState } from 'react';
import type { SettingInfo } from '../settings-catalog';

const field =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800';

/** An input for one setting's value, by its kind; `onChange` gets the stored value. */
export function SettingInput(props: {
  info: SettingInfo;
  value: unknown;
  label: string;
  onChange: (value: unknown) => void;
}) {
  const { info, value, label, onChange } = props;
  const [text, setText] = useState('');
  useEffect(() => {
    if (info.kind === 'percent') setText(String(Math.round(Number(value) * 1000) / 10));
    else if (info.kind === 'number' || info.kind === 'limit')
      setText(value === 'unbounded' ? '' : String(value));
  }, [info.kind, value]);
  switch (info.kind) {
    case 'choice':
      return (
        <select
          aria-label={label}
          className={field}
          value={String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          {info.options.map((o) => (
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
    case 'limit':
      return (
        <span className="flex items-center gap-2 text-sm">
          <input
            type="number"
            aria-label={label}
            className={`${field} w-24`}
            min={1}
            value={text}
            disabled={value === 'unbounded'}
            onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => onChange(Number(text))}
          />
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={value === 'unbounded'}
              onChange={(e) => onChange(e.currentTarget.checked ? 'unbounded' : 8)}
            />
            {info.unbounded}
          </label>
        </span>
      );
    default:
      return (
        <span className="flex items-center gap-1 text-sm">
          <input
            type="number"
            aria-label={label}
            className={`${field} w-28`}
            step="any"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => onChange(info.kind === 'percent' ? Number(text) / 100 : Number(text))}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }}
          />
          {info.kind === 'percent' ? '%' : info.unit}
        </span>
      );
  }
}
