import { useId } from 'react';

/** A labelled native select with a one-line explanation. */
export function Select<T extends string>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  hint: string;
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {props.hint}
      </p>
    </div>
  );
}
