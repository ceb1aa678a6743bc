/**
 * What the page exports: the run summary and the charts' time series, as CSV or JSON (a sweep's
 * runs: `sweep-csv.ts`, loaded with the sweep).
 */
import type { RunSummary } from '../core';
import type { ChartRow } from '../store/series';

/** Columns of the time-series export, in order, with their headers (units in the names). */
export const SERIES_COLUMNS: ReadonlyArray<[keyof ChartRow, string]> = [
  ['t', 'end_ms'],
  ['arrivals', 'arrivals_per_s'],
  ['ok', 'ok_per_s'],
  ['replayed', 'replayed_per_s'],
  ['rejected', 'rejected_429_per_s'],
  ['conflict', 'conflict_409_per_s'],
  ['deadLettered', 'dead_lettered_503_per_s'],
  ['failed', 'failed_4xx_per_s'],
  ['abandoned', 'abandoned_per_s'],
  ['goodput', 'goodput_per_s'],
  ['resends', 'client_resends_per_s'],
  ['duplicates', 'duplicate_effects_per_s'],
  ['calls', 'downstream_calls_per_s'],
  ['rejectedPct', 'rejected_pct'],
  ['errorPct', 'error_pct'],
  ['p50', 'latency_p50_ms'],
  ['p95', 'latency_p95_ms'],
  ['p99', 'latency_p99_ms'],
  ['queueDepth', 'queue_depth_mean'],
  ['queueDepthMax', 'queue_depth_max'],
  ['queueCapacity', 'queue_capacity'],
  ['busy', 'busy_workers_mean'],
  ['busyMax', 'busy_workers_max'],
  ['workers', 'workers'],
  ['amplification', 'amplification'],
  ['downstreamBusy', 'downstream_busy_servers_mean'],
  ['downstreamWasted', 'downstream_wasted_servers_mean'],
  ['servers', 'downstream_servers'],
  ['downstreamQueue', 'downstream_queue_mean'],
  ['downstreamQueueMax', 'downstream_queue_max'],
  ['rejectedQueueFull', 'rejected_429_queue_full_per_s'],
  ['rejectedThrottled', 'rejected_429_throttled_per_s'],
  ['rejectedShed', 'rejected_429_shed_per_s'],
  ['breakerRefused', 'breaker_refused_per_s'],
  ['deadRetriesExhausted', 'dead_lettered_retries_exhausted_per_s'],
  ['deadBudgetSpent', 'dead_lettered_budget_spent_per_s'],
  ['deadBreakerOpen', 'dead_lettered_breaker_open_per_s'],
  ['deadThrottled', 'dead_lettered_throttled_per_s'],
  ['hedges', 'hedges_per_s'],
  ['hedgeWins', 'hedge_wins_per_s'],
  ['cancelled', 'hedge_twins_cancelled_per_s'],
  ['budgetLevel', 'retry_budget_level'],
  ['budgetCapacity', 'retry_budget_capacity'],
  ['breakerState', 'breaker_state_0_closed_1_half_open_2_open'],
  ['throttlePct', 'throttle_probability_pct'],
];

/** A CSV cell: a number to 6 decimals at most, text quoted when it must be. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The chart rows as CSV, one line per row shown. */
export function seriesToCsv(rows: readonly ChartRow[]): string {
  const header = SERIES_COLUMNS.map(([, name]) => name).join(',');
  const lines = rows.map((row) => SERIES_COLUMNS.map(([key]) => cell(row[key])).join(','));
  return `${[header, ...lines].join('\n')}\n`;
}

/** The summary flattened to dotted names, as `metric,value` CSV. */
export function summaryToCsv(summary: RunSummary): string {
  const lines: string[] = ['metric,value'];
  const walk = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value))
        walk(prefix === '' ? key : `${prefix}.${key}`, inner);
    } else {
      lines.push(`${prefix},${cell(value)}`);
    }
  };
  walk('', summary);
  return `${lines.join('\n')}\n`;
}
