/**
 * RED metrics: counters, a latency histogram and time-averaged levels, per fixed time bucket and
 * in total. Levels (queue depth, busy workers) are integrated only at event times and bucket
 * boundaries, so the numbers do not depend on how a run is sliced into advance steps.
 */
import { Histogram, type SparseHistogram } from './histogram';
import type { LogicalRequest } from './traffic';

/** Counters kept per bucket and in total. */
export interface Counters {
  /** Requests that reached the relay (client requests, resends and dead-letter replays). */
  arrivals: number;
  ok: number;
  replayed: number;
  rejected: number;
  conflict: number;
  deadLettered: number;
  /** Permanent failures (4xx) passed back to their client, never retried. */
  failed: number;
  /** Requests whose client gave up (its deadline passed) before the relay answered. */
  abandoned: number;
  /** 200s (fresh or replayed) that reached their client before its deadline. */
  goodput: number;
  /** Arrivals that were a retrying client's resends (the closed loop). */
  resends: number;
  /** Arrivals that were replays from the dead-letter queue (no client waits for them). */
  replays: number;
  /** Abandoned requests the relay dropped instead of working on (shedding, deadlines). */
  shed: number;
  /** 429s by cause: the queue was full, adaptive throttling refused, CoDel shed it. */
  rejectedQueueFull: number;
  rejectedThrottled: number;
  rejectedShed: number;
  /** Dead letters by cause: retries ran out, the retry budget was spent, the breaker was open,
   * adaptive throttling refused the retry. */
  deadRetriesExhausted: number;
  deadBudgetSpent: number;
  deadBreakerOpen: number;
  deadThrottled: number;
  /** Calls the breaker refused, hedges sent, hedges whose answer won, hedges' twins cancelled
   * while they still waited at the downstream. */
  breakerRefused: number;
  hedges: number;
  hedgeWins: number;
  cancelled: number;
  /** Downstream attempts started. */
  calls: number;
  failures: number;
  timeouts: number;
  /** Calls the downstream refused at once because its queue was full. */
  overloaded: number;
  /** Calls that failed permanently (4xx). */
  permanent: number;
  /** Calls served while nobody waited for them (the relay timed out, or the client left). */
  wastedCalls: number;
  /** Downstream busy time spent on those, ms. */
  wastedMs: number;
  /** Downstream busy time of every call that ended, ms (credited when it ends). */
  downstreamBusyMs: number;
  /** Queued calls the downstream dropped unserved, their caller having stopped waiting. */
  dropped: number;
  /** Retries scheduled (each followed by one more call). */
  retries: number;
  /** Effects the downstream applied, and how many of them repeated a logical request's. */
  effectsApplied: number;
  effectsDuplicate: number;
}

/** Levels read off the relay when a bucket closes. */
export interface Gauges {
  /** Worker count, or `null` when unbounded. */
  workers: number | null;
  /** Downstream servers working, or `null` when unbounded. */
  servers: number | null;
  /** The retry budget's level and capacity (`null`: no budget, or no cap). */
  budgetLevel: number | null;
  budgetCapacity: number | null;
  /** The breaker's state: 0 closed, 1 half-open, 2 open (`null`: no breaker). */
  breakerState: number | null;
  /** Adaptive throttling's probability of refusing a call (`null`: off). */
  throttleProbability: number | null;
  queueCapacity: number;
  deadLetters: number;
  idempotencyKeys: number;
}

/** Latency of `ok` requests (arrival to response, ms). */
export interface LatencyStats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** One closed time bucket, [startMs, endMs). */
export interface MetricsBucket extends Counters, Gauges {
  startMs: number;
  endMs: number;
  latencyMs: LatencyStats & { histogram: SparseHistogram };
  queueDepthMean: number;
  queueDepthMax: number;
  busyMean: number;
  busyMax: number;
  /** Calls waiting at the downstream (time-averaged, and the peak). */
  downstreamQueueMean: number;
  downstreamQueueMax: number;
  /** Retries scheduled, by retry number (index 0 is the first retry). */
  retriesByNumber: number[];
  /** The first `RETRY_SAMPLES_PER_BUCKET` backoff delays as [retry number, delay ms]. */
  retryDelaySamples: Array<[number, number]>;
}

/** Backoff delays kept per bucket for the retry-timing chart. */
export const RETRY_SAMPLES_PER_BUCKET = 64;
/** Backoff delays the retry-timing chart bins: the newest this many of the time it shows. */
export const RETRY_SAMPLES_SHOWN = 4000;

/** Width of a chart point, virtual ms: four engine buckets of 250 ms. */
export const POINT_MS = 1000;
/** Width of the fine buckets of downstream calls, virtual ms. */
export const FINE_MS = 250;

/** Fresh zero counters. */
export function zeroCounters(): Counters {
  return {
    arrivals: 0,
    ok: 0,
    replayed: 0,
    rejected: 0,
    conflict: 0,
    deadLettered: 0,
    failed: 0,
    abandoned: 0,
    goodput: 0,
    resends: 0,
    replays: 0,
    shed: 0,
    rejectedQueueFull: 0,
    rejectedThrottled: 0,
    rejectedShed: 0,
    deadRetriesExhausted: 0,
    deadBudgetSpent: 0,
    deadBreakerOpen: 0,
    deadThrottled: 0,
    breakerRefused: 0,
    hedges: 0,
    hedgeWins: 0,
    cancelled: 0,
    calls: 0,
    failures: 0,
    timeouts: 0,
    overloaded: 0,
    permanent: 0,
    wastedCalls: 0,
    wastedMs: 0,
    downstreamBusyMs: 0,
    dropped: 0,
    retries: 0,
    effectsApplied: 0,
    effectsDuplicate: 0,
  };
}

/** Adds `from` into `into`, counter by counter. */
export function addCounters(into: Counters, from: Counters): void {
  into.arrivals += from.arrivals;
  into.ok += from.ok;
  into.replayed += from.replayed;
  into.rejected += from.rejected;
  into.conflict += from.conflict;
  into.deadLettered += from.deadLettered;
  into.failed += from.failed;
  into.abandoned += from.abandoned;
  into.goodput += from.goodput;
  into.resends += from.resends;
  into.replays += from.replays;
  into.shed += from.shed;
  into.rejectedQueueFull += from.rejectedQueueFull;
  into.rejectedThrottled += from.rejectedThrottled;
  into.rejectedShed += from.rejectedShed;
  into.deadRetriesExhausted += from.deadRetriesExhausted;
  into.deadBudgetSpent += from.deadBudgetSpent;
  into.deadBreakerOpen += from.deadBreakerOpen;
  into.deadThrottled += from.deadThrottled;
  into.breakerRefused += from.breakerRefused;
  into.hedges += from.hedges;
  into.hedgeWins += from.hedgeWins;
  into.cancelled += from.cancelled;
  into.calls += from.calls;
  into.failures += from.failures;
  into.timeouts += from.timeouts;
  into.overloaded += from.overloaded;
  into.permanent += from.permanent;
  into.wastedCalls += from.wastedCalls;
  into.wastedMs += from.wastedMs;
  into.downstreamBusyMs += from.downstreamBusyMs;
  into.dropped += from.dropped;
  into.retries += from.retries;
  into.effectsApplied += from.effectsApplied;
  into.effectsDuplicate += from.effectsDuplicate;
}

/** Latency statistics of a histogram. */
export function latencyStats(histogram: Histogram): LatencyStats {
  return {
    count: histogram.count,
    mean: histogram.mean,
    p50: histogram.quantile(0.5),
    p95: histogram.quantile(0.95),
    p99: histogram.quantile(0.99),
    max: histogram.max,
  };
}

/** What a bucket holds besides its counters and gauges. */
export type BucketDetail = Omit<MetricsBucket, keyof Counters | keyof Gauges>;

/**
 * A bucket of `c`, `g` and `d`, written out field by field (the compiler checks that none is
 * missing): V8 builds this ~55-field object from spreads (`{ ...c, ...g, startMs }`) some 50
 * times slower, which made closing and merging buckets the engine's main cost at Max.
 */
export function makeBucket(c: Counters, g: Gauges, d: BucketDetail): MetricsBucket {
  return {
    arrivals: c.arrivals,
    ok: c.ok,
    replayed: c.replayed,
    rejected: c.rejected,
    conflict: c.conflict,
    deadLettered: c.deadLettered,
    failed: c.failed,
    abandoned: c.abandoned,
    goodput: c.goodput,
    resends: c.resends,
    replays: c.replays,
    shed: c.shed,
    rejectedQueueFull: c.rejectedQueueFull,
    rejectedThrottled: c.rejectedThrottled,
    rejectedShed: c.rejectedShed,
    deadRetriesExhausted: c.deadRetriesExhausted,
    deadBudgetSpent: c.deadBudgetSpent,
    deadBreakerOpen: c.deadBreakerOpen,
    deadThrottled: c.deadThrottled,
    breakerRefused: c.breakerRefused,
    hedges: c.hedges,
    hedgeWins: c.hedgeWins,
    cancelled: c.cancelled,
    calls: c.calls,
    failures: c.failures,
    timeouts: c.timeouts,
    overloaded: c.overloaded,
    permanent: c.permanent,
    wastedCalls: c.wastedCalls,
    wastedMs: c.wastedMs,
    downstreamBusyMs: c.downstreamBusyMs,
    dropped: c.dropped,
    retries: c.retries,
    effectsApplied: c.effectsApplied,
    effectsDuplicate: c.effectsDuplicate,
    workers: g.workers,
    servers: g.servers,
    budgetLevel: g.budgetLevel,
    budgetCapacity: g.budgetCapacity,
    breakerState: g.breakerState,
    throttleProbability: g.throttleProbability,
    queueCapacity: g.queueCapacity,
    deadLetters: g.deadLetters,
    idempotencyKeys: g.idempotencyKeys,
    startMs: d.startMs,
    endMs: d.endMs,
    latencyMs: d.latencyMs,
    queueDepthMean: d.queueDepthMean,
    queueDepthMax: d.queueDepthMax,
    busyMean: d.busyMean,
    busyMax: d.busyMax,
    downstreamQueueMean: d.downstreamQueueMean,
    downstreamQueueMax: d.downstreamQueueMax,
    retriesByNumber: d.retriesByNumber,
    retryDelaySamples: d.retryDelaySamples,
  };
}

/** Collects metrics for one run. */
export class Metrics {
  readonly bucketMs: number;
  /** Counters of the bucket being filled; callers count here only (see `totals`). */
  bucket: Counters = zeroCounters();
  readonly #closedTotals: Counters = zeroCounters();
  readonly latency = new Histogram();
  /** From a logical request's first send to a 200 its client got (resends waited included). */
  readonly clientLatency = new Histogram();
  readonly #bucketLatency = new Histogram();
  #bucketIndex = 0;
  #bucketStartMs = 0;
  /** End of the bucket being filled; callers roll buckets when the clock reaches it. */
  bucketEndMs: number;
  #closed: MetricsBucket[] = [];
  readonly #keep: number;
  /** Whether closed buckets are kept: if not, nobody sees a bucket's latency or retry details. */
  readonly #detailed: boolean;
  #dropped = 0;
  /** Reads the levels as they stand at a bucket's end (some change with time alone). */
  readonly #gauges: (atMs: number) => Gauges;
  #retriesByNumber: number[] = [];
  #retrySamples: Array<[number, number]> = [];
  // Levels and their integrals: time-area since the bucket start and since the run start. The
  // run's totals are integrated from level change to level change only (never split at a bucket
  // boundary), so the summary is the same whatever the bucket width, to the last bit.
  #levelAtMs = 0;
  #totalsAtMs = 0;
  #depth = 0;
  #busy = 0;
  #depthArea = 0;
  #busyArea = 0;
  #depthMax = 0;
  #busyMax = 0;
  totalDepthArea = 0;
  totalBusyArea = 0;
  totalDepthMax = 0;
  // The downstream's queue, integrated the same way (its busy time is counted per call).
  #dsQueue = 0;
  #dsQueueArea = 0;
  #dsQueueMax = 0;
  totalDsQueueArea = 0;
  totalDsQueueMax = 0;

  /**
   * `bucketMs`: bucket width; `keep`: closed buckets held until taken. With `keep` 0 no bucket is
   * ever seen, so the per-bucket latency histogram and retry details are not collected at all.
   */
  constructor(bucketMs: number, keep: number, gauges: (atMs: number) => Gauges) {
    if (!(bucketMs > 0)) throw new RangeError(`Expected \`bucketMs\` to be > 0, got ${bucketMs}`);
    this.bucketMs = bucketMs;
    this.bucketEndMs = bucketMs;
    this.#keep = keep;
    this.#detailed = keep > 0;
    this.#gauges = gauges;
  }

  /** Closes every bucket that ends at or before `nowMs`. */
  roll(nowMs: number): void {
    while (nowMs >= this.bucketEndMs) {
      this.#integrate(this.bucketEndMs);
      this.#close();
    }
  }

  /** Records that the queue depth and busy workers changed at `nowMs` (already rolled). */
  levels(nowMs: number, depth: number, busy: number): void {
    this.#integrate(nowMs);
    this.#integrateTotals(nowMs);
    this.#depth = depth;
    this.#busy = busy;
    if (depth > this.#depthMax) this.#depthMax = depth;
    if (depth > this.totalDepthMax) this.totalDepthMax = depth;
    if (busy > this.#busyMax) this.#busyMax = busy;
  }

  /** Records that the downstream's queue changed at `nowMs` (already rolled). */
  downstreamQueue(nowMs: number, queued: number): void {
    this.#integrate(nowMs);
    this.#integrateTotals(nowMs);
    this.#dsQueue = queued;
    if (queued > this.#dsQueueMax) this.#dsQueueMax = queued;
    if (queued > this.totalDsQueueMax) this.totalDsQueueMax = queued;
  }

  /** Records the latency of an `ok` request. */
  recordLatency(latencyMs: number): void {
    this.latency.record(latencyMs);
    if (this.#detailed) this.#bucketLatency.record(latencyMs);
  }

  /**
   * Records how long the client of `logical` waited for its first 200, from its first send
   * (resends included); a later 200 for it (a double submit's) adds nothing.
   */
  recordClientLatency(logical: LogicalRequest, nowMs: number): void {
    if (logical.served) return;
    logical.served = true;
    this.clientLatency.record(nowMs - logical.firstSentAtMs);
  }

  /** Counters of the whole run: the closed buckets' plus the current one's. */
  get totals(): Counters {
    const totals = { ...this.#closedTotals };
    addCounters(totals, this.bucket);
    return totals;
  }

  /** Records a scheduled retry and its backoff delay. */
  recordRetry(retryIndex: number, delayMs: number): void {
    this.bucket.retries++;
    if (!this.#detailed) return;
    this.#retriesByNumber[retryIndex] = (this.#retriesByNumber[retryIndex] ?? 0) + 1;
    if (this.#retrySamples.length < RETRY_SAMPLES_PER_BUCKET) {
      this.#retrySamples.push([retryIndex, delayMs]);
    }
  }

  /** Time-areas of the levels up to `nowMs` (integrated from the last event). */
  integrateTotals(nowMs: number) {
    const dt = nowMs - this.#totalsAtMs;
    return {
      depthArea: this.totalDepthArea + this.#depth * dt,
      busyArea: this.totalBusyArea + this.#busy * dt,
      dsQueueArea: this.totalDsQueueArea + this.#dsQueue * dt,
    };
  }

  /** Removes and returns the buckets closed since the last call, oldest first (at most `keep`). */
  takeBuckets(): MetricsBucket[] {
    const closed = this.#closed;
    this.#closed = [];
    if (closed.length > this.#keep) {
      this.#dropped += closed.length - this.#keep;
      return closed.slice(closed.length - this.#keep);
    }
    return closed;
  }

  /** Closed buckets that were dropped because nobody took them in time. */
  get droppedBuckets(): number {
    return this.#dropped;
  }

  #integrate(nowMs: number): void {
    const dt = nowMs - this.#levelAtMs;
    if (dt > 0) {
      this.#depthArea += this.#depth * dt;
      this.#busyArea += this.#busy * dt;
      this.#dsQueueArea += this.#dsQueue * dt;
    }
    this.#levelAtMs = nowMs;
  }

  #integrateTotals(nowMs: number): void {
    const dt = nowMs - this.#totalsAtMs;
    if (dt > 0) {
      this.totalDepthArea += this.#depth * dt;
      this.totalBusyArea += this.#busy * dt;
      this.totalDsQueueArea += this.#dsQueue * dt;
    }
    this.#totalsAtMs = nowMs;
  }

  #close(): void {
    if (this.#keep > 0) this.#keepClosed();
    addCounters(this.#closedTotals, this.bucket);
    this.#bucketLatency.clear();
    this.bucket = zeroCounters();
    this.#retriesByNumber = [];
    this.#retrySamples = [];
    this.#depthArea = 0;
    this.#busyArea = 0;
    this.#depthMax = this.#depth;
    this.#busyMax = this.#busy;
    this.#dsQueueArea = 0;
    this.#dsQueueMax = this.#dsQueue;
    this.#bucketIndex++;
    this.#bucketStartMs = this.bucketEndMs;
    this.bucketEndMs = (this.#bucketIndex + 1) * this.bucketMs;
  }

  #keepClosed(): void {
    const latency = this.#bucketLatency;
    const bucket = makeBucket(this.bucket, this.#gauges(this.bucketEndMs), {
      startMs: this.#bucketStartMs,
      endMs: this.bucketEndMs,
      latencyMs: { ...latencyStats(latency), histogram: latency.toSparse() },
      queueDepthMean: this.#depthArea / this.bucketMs,
      queueDepthMax: this.#depthMax,
      busyMean: this.#busyArea / this.bucketMs,
      busyMax: this.#busyMax,
      downstreamQueueMean: this.#dsQueueArea / this.bucketMs,
      downstreamQueueMax: this.#dsQueueMax,
      retriesByNumber: Array.from(this.#retriesByNumber, (n) => n ?? 0),
      retryDelaySamples: this.#retrySamples,
    });
    this.#closed.push(bucket);
    // Trim in chunks, so dropping the oldest stays amortized O(1).
    if (this.#closed.length >= 2 * this.#keep) {
      const excess = this.#closed.length - this.#keep;
      this.#closed.splice(0, excess);
      this.#dropped += excess;
    }
  }
}
