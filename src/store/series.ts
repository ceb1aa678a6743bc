/**
 * Chart series derived from the store's window of 1 s points: what each chart draws, downsampled
 * to a bounded number of points, and the RED numbers of the last seconds. Pure functions; the
 * selectors in `selectors.ts` memoize them per snapshot.
 */
import {
  addCounters,
  FINE_MS,
  Histogram,
  type MetricsBucket,
  mergeBuckets,
  RETRY_SAMPLES_SHOWN,
  zeroCounters,
} from '../core';
import type { Speed } from '../engine/protocol';

export { FINE_MS };

/** Most points a chart draws. */
export const MAX_CHART_POINTS = 150;

/** How much virtual time the charts show at a speed, ms. */
export function windowMsForSpeed(speed: Speed): number {
  if (speed === 1) return 120_000;
  if (speed === 10) return 300_000;
  return 900_000;
}

/** One row of chart data; rates are per second of virtual time. */
export interface ChartRow {
  /** End of the interval, virtual ms. */
  t: number;
  arrivals: number;
  ok: number;
  replayed: number;
  rejected: number;
  conflict: number;
  deadLettered: number;
  failed: number;
  abandoned: number;
  /** 200s that reached their client before its deadline, per second. */
  goodput: number;
  /** Retrying clients' resends, per second. */
  resends: number;
  /** Effects the downstream applied a second time (or more) for one logical request, per second:
   * the double charges an idempotency key is there to prevent. */
  duplicates: number;
  calls: number;
  /** Downstream servers busy (mean), the part of them on calls nobody waited for, the servers
   * working (null when unbounded), and calls waiting for one (mean and peak). */
  downstreamBusy: number;
  downstreamWasted: number;
  servers: number | null;
  downstreamQueue: number;
  downstreamQueueMax: number;
  /** Shares of finished requests, %. */
  rejectedPct: number;
  errorPct: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  queueDepth: number;
  queueDepthMax: number;
  queueCapacity: number;
  busy: number;
  busyMax: number;
  /** Worker count, or null when unbounded. */
  workers: number | null;
  /** Downstream calls per request a client sent first (its resends counted with it). */
  amplification: number | null;
  /** 429s by cause, answers of an open breaker, and dead letters by cause, per second. */
  rejectedQueueFull: number;
  rejectedThrottled: number;
  rejectedShed: number;
  breakerRefused: number;
  deadRetriesExhausted: number;
  deadBudgetSpent: number;
  deadBreakerOpen: number;
  deadThrottled: number;
  /** Hedges sent, hedges that answered first, and twins cancelled before they ran, per second. */
  hedges: number;
  hedgeWins: number;
  cancelled: number;
  /** The cures' gauges at the interval's end (null where the cure is off). */
  budgetLevel: number | null;
  budgetCapacity: number | null;
  /** The breaker's worst state in the interval: 0 closed, 1 half-open, 2 open. */
  breakerState: number | null;
  /** Adaptive throttling's probability of refusing a call, %. */
  throttlePct: number | null;
}

function toRow(b: MetricsBucket): ChartRow {
  const seconds = (b.endMs - b.startMs) / 1000;
  const failures = b.rejected + b.conflict + b.deadLettered + b.failed + b.abandoned;
  const finished = b.ok + b.replayed + failures;
  const perSec = (n: number) => n / seconds;
  const widthMs = b.endMs - b.startMs;
  const firsts = b.arrivals - b.resends;
  const hasLatency = b.latencyMs.count > 0;
  return {
    t: b.endMs,
    arrivals: perSec(b.arrivals),
    ok: perSec(b.ok),
    replayed: perSec(b.replayed),
    rejected: perSec(b.rejected),
    conflict: perSec(b.conflict),
    deadLettered: perSec(b.deadLettered),
    failed: perSec(b.failed),
    abandoned: perSec(b.abandoned),
    goodput: perSec(b.goodput),
    resends: perSec(b.resends),
    duplicates: perSec(b.effectsDuplicate),
    calls: perSec(b.calls),
    downstreamBusy: b.downstreamBusyMs / widthMs,
    downstreamWasted: b.wastedMs / widthMs,
    servers: b.servers,
    downstreamQueue: b.downstreamQueueMean,
    downstreamQueueMax: b.downstreamQueueMax,
    rejectedPct: finished > 0 ? (b.rejected / finished) * 100 : 0,
    errorPct: finished > 0 ? (failures / finished) * 100 : 0,
    p50: hasLatency ? b.latencyMs.p50 : null,
    p95: hasLatency ? b.latencyMs.p95 : null,
    p99: hasLatency ? b.latencyMs.p99 : null,
    queueDepth: b.queueDepthMean,
    queueDepthMax: b.queueDepthMax,
    queueCapacity: b.queueCapacity,
    busy: b.busyMean,
    busyMax: b.busyMax,
    workers: b.workers,
    amplification: firsts > 0 ? b.calls / firsts : null,
    rejectedQueueFull: perSec(b.rejectedQueueFull),
    rejectedThrottled: perSec(b.rejectedThrottled),
    rejectedShed: perSec(b.rejectedShed),
    breakerRefused: perSec(b.breakerRefused),
    deadRetriesExhausted: perSec(b.deadRetriesExhausted),
    deadBudgetSpent: perSec(b.deadBudgetSpent),
    deadBreakerOpen: perSec(b.deadBreakerOpen),
    deadThrottled: perSec(b.deadThrottled),
    hedges: perSec(b.hedges),
    hedgeWins: perSec(b.hedgeWins),
    cancelled: perSec(b.cancelled),
    budgetLevel: b.budgetLevel,
    budgetCapacity: b.budgetCapacity,
    breakerState: b.breakerState,
    throttlePct: b.throttleProbability === null ? null : b.throttleProbability * 100,
  };
}

/** Which cures were on at some time in `points`: what their charts would have to show. */
export function curesSeen(points: readonly MetricsBucket[]) {
  const seen = { budget: false, breaker: false, throttle: false, hedging: false };
  for (const p of points) {
    seen.budget ||= p.budgetLevel !== null;
    seen.breaker ||= p.breakerState !== null;
    seen.throttle ||= p.throttleProbability !== null;
    seen.hedging ||= p.hedges > 0;
  }
  return seen;
}

/** The points within the last `windowMs` before `nowMs`. */
export function visiblePoints(points: readonly MetricsBucket[], nowMs: number, windowMs: number) {
  const from = nowMs - windowMs;
  let start = points.length;
  while (start > 0 && points[start - 1]!.endMs > from) start--;
  return points.slice(start);
}

// Rows of whole groups, by the group's first point and group size: a group of points never
// changes once complete, so each snapshot merges only the points it brought.
const groupRows = new WeakMap<MetricsBucket, { size: number; row: ChartRow }>();

/**
 * Chart rows for `points`, merged so that there are at most `maxRows`. Groups are aligned to
 * absolute time (not to the window's start), so a complete group's row is computed once.
 */
export function chartRows(
  points: readonly MetricsBucket[],
  maxRows = MAX_CHART_POINTS,
): ChartRow[] {
  const first = points[0];
  if (first === undefined) return [];
  const size = Math.max(1, Math.ceil(points.length / maxRows));
  const groupMs = size * (first.endMs - first.startMs);
  const rows: ChartRow[] = [];
  let start = 0;
  while (start < points.length) {
    const groupIndex = Math.floor(points[start]!.startMs / groupMs);
    let end = start + 1;
    while (end < points.length && Math.floor(points[end]!.startMs / groupMs) === groupIndex) end++;
    const head = points[start]!;
    const complete = end - start === size;
    const cached = complete ? groupRows.get(head) : undefined;
    if (cached !== undefined && cached.size === size) {
      rows.push(cached.row);
    } else {
      const row = toRow(mergeBuckets(points.slice(start, end)));
      if (complete) groupRows.set(head, { size, row });
      rows.push(row);
    }
    start = end;
  }
  return rows;
}

/** Most points the calls chart draws (one stepped path). */
export const MAX_CALL_ROWS = 240;

/** A row of the calls chart: the start of a span, and the peak of its 250 ms call counts. */
export interface CallRow {
  t: number;
  calls: number;
}

/**
 * The 250 ms call counts `fine` ([startMs, calls], oldest first) within `windowMs` of the newest
 * point's end — the window every live chart shows — merged to at most `maxRows` rows of a whole
 * number of 250 ms buckets each, aligned to absolute time. A row keeps its buckets' peak (not
 * their mean), so a retry wave narrower than a row still shows at its height; `groupMs` says how
 * wide a row is.
 */
export function callRows(
  fine: ReadonlyArray<readonly [number, number]>,
  windowMs: number,
  maxRows = MAX_CALL_ROWS,
): { rows: CallRow[]; groupMs: number } {
  const last = fine.at(-1);
  if (last === undefined) return { rows: [], groupMs: FINE_MS };
  const from = last[0] + FINE_MS - windowMs;
  let start = fine.length;
  while (start > 0 && fine[start - 1]![0] >= from) start--;
  const size = Math.max(1, Math.ceil((fine.length - start) / maxRows));
  const groupMs = size * FINE_MS;
  const rows: CallRow[] = [];
  let group = Number.NaN;
  for (let i = start; i < fine.length; i++) {
    const [t, calls] = fine[i]!;
    const g = Math.floor(t / groupMs);
    if (g !== group) {
      group = g;
      rows.push({ t: g * groupMs, calls });
    } else if (calls > rows.at(-1)!.calls) rows.at(-1)!.calls = calls;
  }
  return { rows, groupMs };
}

/** RED numbers over some points. */
export interface RedNumbers {
  spanMs: number;
  ratePerSec: number;
  errorShare: number;
  p50: number;
  p99: number;
  amplification: number;
  finished: number;
  /** 200s delivered in time, per second, and the share of finished requests abandoned. */
  goodputPerSec: number;
  abandonedShare: number;
  /** Share of the downstream's busy time spent on calls nobody waited for. */
  wastedShare: number;
  /** Responses with a latency (200 ok): p50 and p99 mean nothing when 0. */
  latencyCount: number;
}

/** Rate, errors and duration over the last `spanMs` of `points`. */
export function recentRed(points: readonly MetricsBucket[], spanMs = 10_000): RedNumbers | null {
  const last = points.at(-1);
  if (last === undefined) return null;
  const recent = visiblePoints(points, last.endMs, spanMs);
  const latency = new Histogram();
  const t = zeroCounters();
  for (const b of recent) {
    addCounters(t, b);
    latency.merge(b.latencyMs.histogram, b.latencyMs.mean * b.latencyMs.count);
  }
  const failed = t.rejected + t.conflict + t.deadLettered + t.failed + t.abandoned;
  const finished = t.ok + t.replayed + failed;
  const firsts = t.arrivals - t.resends;
  const covered = last.endMs - recent[0]!.startMs;
  return {
    spanMs: covered,
    ratePerSec: t.arrivals / (covered / 1000),
    errorShare: finished > 0 ? failed / finished : 0,
    p50: latency.quantile(0.5),
    p99: latency.quantile(0.99),
    amplification: firsts > 0 ? t.calls / firsts : 0,
    finished,
    goodputPerSec: t.goodput / (covered / 1000),
    abandonedShare: finished > 0 ? t.abandoned / finished : 0,
    wastedShare: t.downstreamBusyMs > 0 ? Math.min(1, t.wastedMs / t.downstreamBusyMs) : 0,
    latencyCount: latency.count,
  };
}

/** The backoff delays seen in some points: a histogram per retry number, and their spread. */
export interface RetryDelays {
  /** Bin rows: `from`..`to` ms, and a count per retry number under the key `r1`, `r2`… */
  bins: Array<{ from: number; to: number } & Record<string, number>>;
  /** Retry numbers present, 1-based. */
  retries: number[];
  /** Per retry number: how many, smallest, median and largest delay, ms. */
  spread: Array<{ retry: number; count: number; min: number; median: number; max: number }>;
  /** Retries scheduled in the points sampled: the bins hold a capped sample of them. */
  retried: number;
}

/** The smallest of 1, 2, 2.5 or 5 × 10^k that is at least `raw`: a bin width that reads well. */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= raw - 1e-12) ?? 10 * power;
}

/**
 * Ticks for a histogram of equal bins `bins` (`from`..`to`, from 0): on bin edges, every k bins
 * for the first k of 1, 2, 4, 5, 10, 20, 40, 50… that leaves at most `maxTicks`, so each label
 * sits where a bar starts or ends, never under a bar's middle.
 */
export function binEdgeTicks(
  bins: ReadonlyArray<{ from: number; to: number }>,
  maxTicks = 7,
): number[] {
  const last = bins.at(-1);
  if (last === undefined) return [];
  const width = last.to - last.from;
  let every = 1;
  for (let power = 1; bins.length / every + 1 > maxTicks; power *= 10) {
    every =
      [1, 2, 4, 5, 10].map((m) => m * power).find((k) => bins.length / k + 1 <= maxTicks) ??
      10 * power;
  }
  const ticks: number[] = [];
  for (let i = 0; i <= bins.length; i += every) ticks.push(Number((i * width).toPrecision(12)));
  return ticks;
}

/** Most delay samples a retry-timing chart bins: the newest ones. */
export const MAX_DELAY_SAMPLES = RETRY_SAMPLES_SHOWN;

/**
 * Bins the newest delay samples of `points` (at most `MAX_DELAY_SAMPLES`) into about `bins`
 * equal bins of a round width, from 0 to the largest delay.
 */
export function retryDelays(points: readonly MetricsBucket[], bins = 24): RetryDelays {
  let binCount = bins;
  const byRetry = new Map<number, number[]>();
  let maxMs = 1;
  let taken = 0;
  let retried = 0;
  for (let i = points.length - 1; i >= 0 && taken < MAX_DELAY_SAMPLES; i--) {
    retried += points[i]!.retries;
    for (const [index, delayMs] of points[i]!.retryDelaySamples) {
      let list = byRetry.get(index + 1);
      if (list === undefined) {
        list = [];
        byRetry.set(index + 1, list);
      }
      list.push(delayMs);
      if (delayMs > maxMs) maxMs = delayMs;
      taken++;
    }
  }
  if (taken === 0) return { bins: [], retries: [], spread: [], retried };
  const retries = [...byRetry.keys()].sort((a, b) => a - b);
  const width = niceStep(maxMs / binCount);
  binCount = Math.max(1, Math.ceil(maxMs / width + 1e-9));
  const rows = Array.from({ length: binCount }, (_, i) => {
    const row = { from: i * width, to: (i + 1) * width } as { from: number; to: number } & Record<
      string,
      number
    >;
    for (const r of retries) row[`r${r}`] = 0;
    return row;
  });
  for (const [retry, delays] of byRetry) {
    const key = `r${retry}`;
    for (const d of delays) rows[Math.min(binCount - 1, Math.floor(d / width))]![key]!++;
  }
  const spread = retries.map((retry) => {
    const sorted = byRetry.get(retry)!.sort((a, b) => a - b);
    return {
      retry,
      count: sorted.length,
      min: sorted[0]!,
      median: sorted[Math.floor((sorted.length - 1) / 2)]!,
      max: sorted.at(-1)!,
    };
  });
  return { bins: rows, retries, spread, retried };
}
