import { useEffect, useId, useState } from 'react';

/** How a slider's position maps to its value. */
export type SliderScale = 'linear' | 'log';

const LOG_STEPS = 1000;

/** The smallest positive value of a log slider: its minimum, or one step above a minimum of 0. */
function logLow(min: number, step: number): number {
  return min > 0 ? min : step;
}

function toPosition(value: number, min: number, max: number, scale: SliderScale, step: number) {
  if (scale === 'linear') return value;
  // A log slider keeps its first position for the minimum (which may be 0).
  const low = logLow(min, step);
  if (value <= min) return 0;
  const share = Math.log(Math.max(value, low) / low) / Math.log(max / low);
  return Math.max(min < low ? 1 : 0, Math.round(share * LOG_STEPS));
}

function toValue(position: number, min: number, max: number, scale: SliderScale, step: number) {
  if (scale === 'linear') return position;
  if (position <= 0) return min;
  const low = logLow(min, step);
  const raw = low * (max / low) ** (position / LOG_STEPS);
  const rounded = Math.round(raw / step) * step;
  return Math.min(max, Math.max(min, rounded));
}

/**
 * What an arrow key adds to a log slider's value: one step, growing with the value in 1-2-5
 * steps (at most a hundredth of it), so 5, 6 or 12 workers are a press away and 24 h is not
 * 86 million presses.
 */
export function arrowStep(value: number, step: number): number {
  const raw = Math.abs(value) / 100;
  if (raw <= step) return step;
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [5, 2, 1].map((m) => m * power).find((s) => s <= raw) ?? power;
  return Math.max(step, Math.round(nice / step) * step);
}

/** `value` moved by `direction` arrow presses on a log slider, kept within [min, max]. */
export function arrowed(value: number, direction: number, min: number, max: number, step: number) {
  const from = Math.min(max, Math.max(min, value));
  const by = arrowStep(direction < 0 ? from - step : from, step);
  const next = Number((Math.round((from + direction * by) / by) * by).toPrecision(12));
  return Math.min(max, Math.max(min, next));
}

const ARROWS: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };

/** The value as text that can be typed over: Enter or leaving it applies, Escape restores. */
function TypedValue(props: {
  label: string;
  shown: string;
  parse: (text: string) => unknown;
  onTyped: (value: unknown) => void;
  controls: string;
}) {
  const { shown } = props;
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setText(shown);
  }, [shown, editing]);
  const errorId = `${props.controls}-typed-error`;
  const apply = () => {
    setEditing(false);
    if (text.trim() === shown) return;
    const parsed = props.parse(text);
    if (parsed !== null && typeof parsed === 'object' && 'error' in parsed) {
      setError(String(parsed.error));
      return;
    }
    setError(null);
    props.onTyped(parsed);
  };
  return (
    <span className="flex flex-col items-end">
      <input
        type="text"
        value={text}
        aria-label={`${props.label}: type a value`}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : errorId}
        onFocus={(e) => {
          setEditing(true);
          e.currentTarget.select();
        }}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setText(shown);
            setError(null);
            setEditing(false);
          }
        }}
        className="w-32 rounded border border-transparent bg-transparent px-1 text-right text-sm tabular-nums text-slate-700 hover:border-slate-300 focus:border-slate-400 focus:bg-white aria-invalid:border-red-500 dark:text-slate-200 dark:hover:border-slate-600 dark:focus:bg-slate-800"
      />
      {error !== null && (
        <span id={errorId} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </span>
  );
}

/** A labelled range input with its value and unit, and a one-line explanation. */
export function Slider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  scale?: SliderScale;
  /** Shows the value with its unit. */
  format: (value: number) => string;
  hint: string;
  disabled?: boolean;
  onChange: (value: number) => void;
  /** Reads a typed value (a number, a word, or `{ error }`), and applies what it read. */
  parse?: (text: string) => unknown;
  onTyped?: (value: unknown) => void;
}) {
  const { label, value, min, max, step = 1, scale = 'linear', format, hint, disabled } = props;
  const id = useId();
  const hintId = `${id}-hint`;
  const position = toPosition(Math.min(max, Math.max(min, value)), min, max, scale, step);
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {props.parse !== undefined && props.onTyped !== undefined ? (
          <TypedValue
            label={label}
            shown={format(value)}
            parse={props.parse}
            onTyped={props.onTyped}
            controls={id}
          />
        ) : (
          <output htmlFor={id} className="text-sm tabular-nums text-slate-700 dark:text-slate-200">
            {format(value)}
          </output>
        )}
      </div>
      <input
        id={id}
        type="range"
        className="w-full accent-teal-700 disabled:cursor-not-allowed disabled:opacity-40 dark:accent-teal-400"
        min={scale === 'linear' ? min : 0}
        max={scale === 'linear' ? max : LOG_STEPS}
        step={scale === 'linear' ? step : 1}
        value={position}
        aria-valuetext={format(value)}
        aria-describedby={hintId}
        disabled={disabled}
        onKeyDown={(event) => {
          // A log slider's positions are too fine for the arrows: they move the value instead.
          const direction = ARROWS[event.key];
          if (scale !== 'log' || direction === undefined) return;
          event.preventDefault();
          const next = arrowed(value, direction, min, max, step);
          if (next !== value) props.onChange(next);
        }}
        onChange={(event) =>
          props.onChange(toValue(Number(event.currentTarget.value), min, max, scale, step))
        }
      />
      <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
        {hint}
      </p>
    </div>
  );
}
