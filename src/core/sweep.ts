/**
 * A sweep's settings: one number setting over a range, run once per value; optionally one line
 * per series (the scenario with some settings held, as compare's B), or a second number setting
 * (a grid of runs, drawn as a heatmap). Checked against the settings registry; a series' own
 * settings are checked where a scenario is at hand (`checkSweepSeries`, `parseScenario`).
 */
import { z } from 'zod/mini';
import { describeValue, expected, lazySchema, strictObject } from './messages';
import {
  isSettablePath,
  type NumberSetting,
  type SettablePath,
  SWEEP_PATHS,
  settingOf,
  whyNotSwept,
} from './settings';

/** Most values of a sweep of one setting. */
export const MAX_SWEEP_STEPS = 50;
/** Most values of each setting of a sweep of two: a grid of at most 30 × 30 = 900 runs. */
export const MAX_GRID_STEPS = 30;
/** Most series of a sweep: at most 6 × 50 = 300 runs. */
export const MAX_SERIES = 6;
/** Longest label of a series, in characters. */
export const MAX_SERIES_LABEL = 40;

/** One number setting and the values it takes: `steps` even steps from `from` to `to`. */
export interface SweepAxis {
  path: SettablePath;
  from: number;
  to: number;
  steps: number;
}

/** One line of a sweep: the scenario with `set` held for the whole run (as compare's B). */
export interface SweepSeries {
  label: string;
  set: Partial<Record<SettablePath, unknown>>;
}

/** The outcomes a sweep of two settings can show, by `COMPARE_METRICS` id. */
export const SWEEP_METRICS = [
  'success',
  'goodput',
  'p99',
  'amplification',
  'deadLettered',
] as const;
/** One of `SWEEP_METRICS`. */
export type SweepMetricId = (typeof SWEEP_METRICS)[number];

/**
 * A sweep: one setting over a range (`path` … `steps`), with a line per series when `series` is
 * given, or a grid over a second setting `y`, showing `metric` (default `success`).
 */
export interface SweepConfig extends SweepAxis {
  series?: SweepSeries[];
  y?: SweepAxis;
  metric?: SweepMetricId;
}

/** The default sweep: workers 1 to 20. */
export const sweepDefaults: SweepConfig = { path: 'relay.workers', from: 1, to: 20, steps: 20 };

const number = () => z.number({ error: expected('a number') });
const axisShape = () => ({
  path: z.string({ error: expected('a setting path') }),
  from: number(),
  to: number(),
  steps: number(),
});
const labelError = expected(`a label of 1 to ${MAX_SERIES_LABEL} characters`);

/** A sweep as a link or a scenario's `meta.sweep` carries it, checked against the registry. */
export const sweepSchema = lazySchema(() =>
  strictObject(
    {
      ...axisShape(),
      series: z.optional(
        z.array(
          strictObject(
            {
              label: z
                .string({ error: labelError })
                .check(z.maxLength(MAX_SERIES_LABEL, { error: labelError })),
              set: z.record(z.string(), z.unknown(), {
                error: expected('an object of setting paths to values'),
              }),
            },
            'an object with `label` and `set`',
          ),
          { error: expected('a list of series') },
        ),
      ),
      y: z.optional(strictObject(axisShape(), 'an object with `path`, `from`, `to` and `steps`')),
      metric: z.optional(
        z.enum(SWEEP_METRICS, {
          error: expected(`one of ${SWEEP_METRICS.map((m) => JSON.stringify(m)).join(', ')}`),
        }),
      ),
    },
    'an object with `path`, `from`, `to` and `steps`',
  ).check(
    z.superRefine((sweep, ctx) => {
      const problem = sweepProblem(sweep as SweepConfig);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: sweep });
    }),
  ),
);

/** A value of `setting` in a message, a share as a percentage. */
function shown(setting: NumberSetting<string>, value: number): string {
  return setting.unit === '%' ? `${value * 100}%` : String(value);
}

function axisProblem(axis: SweepAxis, maxSteps: number, which: string): string | null {
  const path: string = axis.path;
  if (!SWEEP_PATHS.some((p) => p === path)) {
    const why = isSettablePath(path) ? `: ${whyNotSwept(path)}` : '';
    return `A sweep cannot vary ${describeValue(path)}${why}.`;
  }
  const setting = settingOf(axis.path) as NumberSetting<string>;
  for (const [name, value] of [
    ['from', axis.from],
    ['to', axis.to],
  ] as const) {
    if (!(Number.isFinite(value) && value >= setting.min && value <= setting.max)) {
      const unit = setting.unit === '%' ? '' : ` ${setting.unit}`;
      const got = Number.isFinite(value) ? shown(setting, value) : String(value);
      return `${setting.label} ${name} must be between ${shown(setting, setting.min)} and ${shown(setting, setting.max)}${unit}, got ${got}.`;
    }
  }
  if (!(Number.isInteger(axis.steps) && axis.steps >= 2 && axis.steps <= maxSteps)) {
    return `Steps${which} must be a whole number from 2 to ${maxSteps}, got ${axis.steps}.`;
  }
  return null;
}

function seriesProblem(config: SweepConfig, series: readonly SweepSeries[]): string | null {
  if (config.y !== undefined && series.length > 0) {
    return 'A sweep has either series or a second setting, not both.';
  }
  if (series.length > MAX_SERIES) {
    return `A sweep has at most ${MAX_SERIES} series, got ${series.length}.`;
  }
  const labels = new Set<string>();
  for (const { label, set } of series) {
    if (label.trim() === '') return 'Every series needs a label.';
    if (labels.has(label))
      return `Two series are labelled ${describeValue(label)}: each needs its own.`;
    labels.add(label);
    if (Object.hasOwn(set, config.path)) {
      return `Series ${describeValue(label)} sets ${settingOf(config.path).label}, the setting the sweep varies.`;
    }
  }
  return null;
}

/** Checks a sweep's settings against the registry; returns a message naming the problem, or null. */
export function sweepProblem(config: SweepConfig): string | null {
  const { y } = config;
  const problem = axisProblem(config, y === undefined ? MAX_SWEEP_STEPS : MAX_GRID_STEPS, '');
  if (problem !== null || y === undefined) {
    return problem ?? seriesProblem(config, config.series ?? []);
  }
  const second = axisProblem(y, MAX_GRID_STEPS, ' of the second setting');
  if (second !== null) return second;
  if (y.path === config.path) {
    return `The two settings of a sweep must differ: both are ${settingOf(y.path).label}.`;
  }
  return seriesProblem(config, config.series ?? []);
}

/** The values an axis runs, from `from` to `to` in `steps` even steps (integers rounded, once each). */
export function sweepValues(axis: SweepAxis): number[] {
  const setting = settingOf(axis.path) as NumberSetting<string>;
  const steps = Math.max(1, Math.min(MAX_SWEEP_STEPS, Math.round(axis.steps)));
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    const raw = steps === 1 ? axis.from : axis.from + ((axis.to - axis.from) * i) / (steps - 1);
    const value = setting.integer ? Math.round(raw) : Number(raw.toPrecision(12));
    if (values.at(-1) !== value) values.push(value);
  }
  return values;
}
