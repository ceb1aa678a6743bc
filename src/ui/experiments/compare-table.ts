/**
 * The comparison table: its column headers (what A and B are) and its rows. A row shows A, B and
 * B − A in one unit at one precision, and B − A is the difference of the values as shown, so
 * that A + (B − A) reads as B.
 */
import type { RunSummary } from '../../core';
import {
  COMPARE_METRICS,
  judge,
  type MetricUnit,
  type SettingDifference,
} from '../../store/compare';
import { groupedNumber } from '../../store/number-text';
import { type SettablePath, settingOf } from '../../store/settings';
import { formatCount, formatMs, formatPercent, formatRate, formatSetting } from '../format';

/** One row: a metric, A's and B's values and B − A, formatted. */
export interface DifferenceRow {
  metric: string;
  a: string;
  b: string;
  delta: string;
  /** Which side is better on this metric, when one is. */
  better: 'a' | 'b' | null;
}

/** A value of `unit` as the table shows it, and a difference of it. */
export const FORMATS: Record<
  MetricUnit,
  { value: (n: number) => string; delta: (n: number) => string }
> = {
  count: { value: formatCount, delta: formatCount },
  share: { value: formatPercent, delta: (n) => `${(n * 100).toFixed(1)} pt` },
  ms: { value: formatMs, delta: formatMs },
  ratio: { value: (n) => `${n.toFixed(2)}×`, delta: (n) => `${n.toFixed(2)}×` },
  rate: { value: formatRate, delta: formatRate },
};

/** How a row shows its numbers: value × `factor`, to `decimals`, then `suffix`. */
interface Scale {
  factor: number;
  decimals: number;
  suffix: string;
  deltaSuffix: string;
}

/** Time units by the largest value of the row: [below, factor, suffix, decimals]. */
const TIME_SCALES: ReadonlyArray<[number, number, string, number]> = [
  [1, 1000, ' µs', 1],
  [1000, 1, ' ms', 0],
  [120_000, 1 / 1000, ' s', 1],
  [7_200_000, 1 / 60_000, ' min', 1],
  [172_800_000, 1 / 3_600_000, ' h', 1],
  [Number.POSITIVE_INFINITY, 1 / 86_400_000, ' d', 1],
];

/** The one scale of a row of `unit` whose values are `x` and `y`. */
function rowScale(unit: MetricUnit, x: number, y: number): Scale {
  const largest = Math.max(Math.abs(x), Math.abs(y));
  const same = (factor: number, decimals: number, suffix: string) => ({
    factor,
    decimals,
    suffix,
    deltaSuffix: suffix,
  });
  switch (unit) {
    case 'count':
      return same(1, 0, '');
    case 'share':
      return { factor: 100, decimals: 1, suffix: '%', deltaSuffix: ' pt' };
    case 'ratio':
      return same(1, 2, '×');
    case 'rate':
      return same(1, largest < 10 ? 1 : 0, '/s');
    case 'ms': {
      const [, factor, suffix, decimals] =
        largest === 0 ? TIME_SCALES[1]! : TIME_SCALES.find(([below]) => largest < below)!;
      return same(factor, decimals, suffix);
    }
  }
}

/** `value` with exactly `decimals` decimals and thousands separators. */
function digits(value: number, decimals: number): string {
  return groupedNumber(value, decimals, decimals);
}

/** The rows for summaries `a` and `b`; the better side is the core's judgement. */
export function differenceRows(a: RunSummary, b: RunSummary): DifferenceRow[] {
  return COMPARE_METRICS.map((metric) => {
    const [x, y] = [metric.value(a), metric.value(b)];
    if (!(Number.isFinite(x) && Number.isFinite(y))) {
      // An unbounded time (∞) has no difference to show.
      const format = (n: number) => (metric.unit === 'ms' ? formatMs(n) : String(n));
      return { metric: metric.label, a: format(x), b: format(y), delta: '—', better: null };
    }
    const scale = rowScale(metric.unit, x, y);
    const power = 10 ** scale.decimals;
    const shown = (n: number) => Math.round(n * scale.factor * power) / power;
    const [sx, sy] = [shown(x), shown(y)];
    const d = sy - sx;
    const tied = Math.round(d * power) === 0;
    const sign = tied ? '±' : d > 0 ? '+' : '−';
    return {
      metric: metric.label,
      a: `${digits(sx, scale.decimals)}${scale.suffix}`,
      b: `${digits(sy, scale.decimals)}${scale.suffix}`,
      delta: `${sign}${digits(tied ? 0 : Math.abs(d), scale.decimals)}${scale.deltaSuffix}`,
      better: tied ? null : judge(metric, a, b),
    };
  });
}

/** A label with its first letter lower case (an acronym kept). */
function lowerFirst(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** A setting and its value in a few words: "16 workers", "jitter none", "attempt timeout 2 s". */
export function settingPhrase(path: SettablePath, value: unknown): string {
  const setting = settingOf(path);
  const name = lowerFirst(setting.label);
  switch (setting.type) {
    case 'switch':
      return `${name} ${value ? 'on' : 'off'}`;
    case 'choice': {
      const option = setting.options.find((o) => o.value === value);
      return `${name} ${(option?.short ?? option?.label ?? String(value)).toLowerCase()}`;
    }
    case 'number': {
      const shown = formatSetting(setting, value);
      // "8 workers" names itself; "250 ms" needs its setting's name.
      const counted =
        typeof value === 'number' && !['ms', '%', 'req/s', '×'].includes(setting.unit);
      return counted && name.includes(setting.unit) ? shown : `${name} ${shown}`;
    }
  }
}

/** The table's column headers: each side named by the settings in which B differs from A. */
export function compareHeaders(differences: readonly SettingDifference[]): {
  a: string;
  b: string;
} {
  if (differences.length === 0) return { a: 'A', b: 'B' };
  const side = (key: 'a' | 'b') => differences.map((d) => settingPhrase(d.path, d[key])).join(', ');
  return { a: `A: ${side('a')}`, b: `B: ${side('b')}` };
}
