import { useId } from 'react';

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
        <output htmlFor={id} className="text-sm tabular-nums text-slate-700 dark:text-slate-200">
          {format(value)}
        </output>
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
