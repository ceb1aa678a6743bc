/**
 * What the sweep's views share: how a setting's values and a metric's values read, the look of
 * each series (colour, marker, dash: three cues, so no line is told apart by colour alone), and
 * the quick pick that sets up Brooker's comparison of retry strategies.
 */
import type { RunSummary, SweepConfig } from '../../core';
import {
  COMPARE_METRICS,
  type CompareMetric,
  hasLatency,
  SWEEP_METRICS,
  shownKey,
} from '../../store/compare';
import type { NumberSetting, SettablePath } from '../../store/settings';
import { formatCount, formatMs, formatPercent, formatSetting } from '../format';
import { FORMATS } from './compare-table';
import type { Look } from './SweepLineChart';

/** The look of series i: Okabe and Ito's colour-blind-safe colours (CSS variables of the panel). */
export const SERIES_LOOKS: readonly Look[] = [
  { color: 'var(--c-s1)', symbol: 'circle', dash: undefined },
  { color: 'var(--c-s2)', symbol: 'square', dash: '6 3' },
  { color: 'var(--c-s3)', symbol: 'triangle', dash: '2 2' },
  { color: 'var(--c-s4)', symbol: 'diamond', dash: '8 3 2 3' },
  { color: 'var(--c-s5)', symbol: 'cross', dash: '4 4' },
  { color: 'var(--c-s6)', symbol: 'star', dash: undefined },
];

/**
 * The series colours as Tailwind arbitrary properties, light and dark (Okabe–Ito; in the dark,
 * lighter tints of the same hues, so each keeps a 4.5:1 contrast with the page).
 */
export const SERIES_COLOURS =
  '[--c-s1:#0072b2] [--c-s2:#d55e00] [--c-s3:#009e73] [--c-s4:#cc79a7] [--c-s5:#b07800] [--c-s6:#3a8fc4] dark:[--c-s1:#56b4e9] dark:[--c-s2:#f0884a] dark:[--c-s3:#2fc79b] dark:[--c-s4:#e69bc8] dark:[--c-s5:#f0e442] dark:[--c-s6:#a9d4f5]';

/** The metrics a sweep shows, in the order of `SWEEP_METRICS`. */
export const SWEEP_METRIC_LIST: readonly CompareMetric[] = SWEEP_METRICS.map(
  (id) => COMPARE_METRICS.find((m) => m.id === id)!,
);

/**
 * A metric's value as the comparison table shows it, but a share always to one decimal: side by
 * side in a heatmap or a table, "60%" next to "58.7%" reads as a different precision.
 */
export function formatMetric(metric: CompareMetric, value: number): string {
  return metric.unit === 'share'
    ? `${(value * 100).toFixed(1)}%`
    : FORMATS[metric.unit].value(value);
}

/**
 * How a setting's values read: with their unit; short for an axis tick; after the setting's
 * name ("Workers 4", "Queue capacity 20 requests": a count whose unit ends its name goes bare);
 * and the name as an axis title.
 */
export function settingFormats(setting: NumberSetting<string>) {
  const tick = (v: number) =>
    setting.unit === '%' ? formatPercent(v) : setting.unit === 'ms' ? formatMs(v) : formatCount(v);
  const bare = setting.label.toLowerCase().endsWith(setting.unit.toLowerCase());
  const value = (v: number) => formatSetting(setting, v);
  return {
    value,
    tick,
    named: (v: number) => `${setting.label} ${bare ? tick(v) : value(v)}`,
    title: bare ? setting.label : `${setting.label} (${setting.unit})`,
  };
}

/**
 * A metric's value of a run, or null: for a value that was skipped, and for a latency of a run
 * without a 200 (it has none; a 0 would read as fast).
 */
export function metricOf(metric: CompareMetric, summary: RunSummary | null): number | null {
  if (summary === null) return null;
  if (metric.unit === 'ms' && !hasLatency(summary)) return null;
  return metric.value(summary);
}

/** What a cell without a value says: skipped (no valid scenario), or no 200s to time. */
export function noValue(summary: RunSummary | null): string {
  return summary === null ? 'skipped' : 'no 200s';
}

/**
 * Where success is highest, as the chart shows it (to 0.1 point): every value that ties for it,
 * a run of neighbours as a range ("at 9 to 20 workers"), not one picked from a plateau.
 */
export function highest(
  data: readonly { value: number; success: number }[],
  shown: (value: number) => string,
): string {
  const key = (d: { success: number }) => shownKey('share', d.success / 100);
  const top = Math.max(...data.map(key));
  const groups: { value: number }[][] = [];
  data.forEach((d, i) => {
    if (key(d) !== top) return;
    const last = groups.at(-1);
    if (last !== undefined && key(data[i - 1]!) === top) last.push(d);
    else groups.push([d]);
  });
  const at = groups
    .map((g) =>
      g.length === 1 ? shown(g[0]!.value) : `${shown(g[0]!.value)} to ${shown(g.at(-1)!.value)}`,
    )
    .join(', ');
  const all = groups.length === 1 && groups[0]!.length === data.length && data.length > 1;
  return `Highest success ${(top / 10).toFixed(1)}% ${all ? 'at every value' : `at ${at}`}.`;
}

const RETRIES: Partial<Record<SettablePath, unknown>> = { 'relay.retry.maxRetries': 3 };

/**
 * Brooker (2022), "Fixing retries with token buckets and circuit breakers": client success and
 * downstream load against the failure rate, for no retries, 3 retries, an adaptive token bucket
 * and a breaker that stops retries only.
 * @see https://brooker.co.za/blog/2022/02/28/retries.html
 */
export const RETRY_VARIANTS: Pick<SweepConfig, 'path' | 'from' | 'to' | 'steps' | 'series'> = {
  path: 'downstream.failureProbability',
  from: 0,
  to: 1,
  steps: 11,
  series: [
    { label: 'no retries', set: { 'relay.retry.maxRetries': 0 } },
    { label: '3 retries', set: RETRIES },
    { label: 'adaptive token bucket', set: { ...RETRIES, 'relay.budget.variant': 'adaptive' } },
    {
      label: 'breaker on retries',
      set: { ...RETRIES, 'relay.breaker.trip': 'rate', 'relay.breaker.scope': 'retries' },
    },
  ],
};
