import { useEffect, useId, useState } from 'react';

/**
 * A labelled whole-number input that can be cleared and retyped freely: the value is taken as
 * soon as it is a whole number in range, and the field falls back to it when left invalid.
 */
export function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const parsed = Number(text);
  const valid =
    text.trim() !== '' && Number.isInteger(parsed) && parsed >= props.min && parsed <= props.max;
  return (
    <div className="flex-1">
      <label htmlFor={id} className="text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        min={props.min}
        max={props.max}
        value={text}
        aria-invalid={!valid}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const n = Number(next);
          if (next.trim() !== '' && Number.isInteger(n) && n >= props.min && n <= props.max)
            props.onChange(n);
        }}
        onBlur={() => setText(String(props.value))}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm tabular-nums aria-invalid:border-red-500 dark:border-slate-600 dark:bg-slate-800"
      />
    </div>
  );
}
