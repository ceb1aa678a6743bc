/**
 * The run summary: what `runScenario` returns and `npm run sim -- FILE --json` prints. The
 * outcomes plus `inFlight` add up to `requests` exactly.
 */
import type { Histogram } from './histogram';
import type { Metrics } from './metrics';
import type { Relay } from './relay';

/** Summary of a run up to `durationMs`. Times in virtual ms. */
export interface RunSummary {
  seed: number;
  /** Virtual time the run covers. */
  durationMs: number;
  /** Arrivals at the relay: client requests, resends and dead-letter replays. */
  requests: number;
  outcomes: {
    ok: number;
    replayed: number;
    rejected: number;
    conflict: number;
    deadLettered: number;
    /** Permanent failures (4xx) passed back, never retried. */
    failed: number;
    /** Requests whose client gave up (its deadline passed) before the relay answered. */
    abandoned: number;
    inFlight: number;
  };
  /** 200s (fresh or replayed) that reached their client before its deadline, and per second. */
  goodput: { count: number; perSec: number };
  /**
   * Attempts made, and how many failed or timed out; `overloaded` were refused at once by a full
   * downstream (and are counted in `failures` too), `permanent` failed for good (a 4xx).
   * `wasted`: calls served while nobody waited (the relay timed out, or the client had gone) and
   * the busy time they took; `dropped`: queued calls dropped unserved, their caller gone. The
   * downstream's queue and its `utilization` (busy servers ÷ servers, `null` when unbounded).
   */
  downstream: {
    calls: number;
    failures: number;
    timeouts: number;
    overloaded: number;
    permanent: number;
    wasted: { calls: number; busyMs: number };
    dropped: number;
    queue: { meanDepth: number; maxDepth: number };
    /** Busy time of every call that ended, ms, and the time-averaged calls in progress. */
    busyMs: number;
    meanBusy: number;
    utilization: number | null;
  };
  /**
   * Requests clients sent first (`requests` less resends and dead-letter replays), resends of
   * retrying clients (counted in `requests` too), the share of clients' requests that got a 200
   * in time (`goodput.count / sent`), and abandoned requests the relay dropped unworked.
   */
  clients: { sent: number; resends: number; served: number; shed: number };
  /** Effects the downstream applied; `duplicate` repeated a logical request's effect. */
  effects: { applied: number; duplicate: number };
  /** Why 429s and dead letters happened: every refusal and dead letter names its cause. */
  causes: {
    rejected: { queueFull: number; throttled: number; shed: number };
    deadLettered: {
      retriesExhausted: number;
      budgetSpent: number;
      breakerOpen: number;
      throttled: number;
    };
  };
  /** The cures at work: calls the breaker refused, hedges sent, won, and cancelled unserved. */
  cures: { breakerRefused: number; hedges: number; hedgeWins: number; cancelled: number };
  /** Retries scheduled. */
  retries: number;
  /** Arrival-to-response time of `ok` requests, queue wait included. */
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /**
   * What clients waited for their 200s (fresh or replayed): from a request's first send, so a
   * retrying client's resends and backoff count. Equal to `latencyMs` when no client resends.
   */
  clientLatencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Time-averaged and largest queue depth. */
  queue: { meanDepth: number; maxDepth: number };
  /** Time-averaged busy workers; `utilization` against the worker count at the end, or `null`
   * when the pool is unbounded. */
  workers: { meanBusy: number; utilization: number | null };
  /**
   * Downstream calls per request a client sent first (`requests` less `clients.resends`): how
   * much load one request puts on the downstream, its relay retries and its client's resends
   * included. With no retrying clients, `downstream.calls / requests`.
   */
  amplification: number;
  deadLetters: { size: number; overflowed: number };
  idempotency: {
    keys: number;
    replays: number;
    conflicts: number;
    evictions: number;
    expirations: number;
  };
}

/** Rounds to 3 decimals (µs for times) so summaries read cleanly; deterministic either way. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function latencySummary(histogram: Histogram): RunSummary['latencyMs'] {
  return {
    mean: round(histogram.mean),
    p50: round(histogram.quantile(0.5)),
    p95: round(histogram.quantile(0.95)),
    p99: round(histogram.quantile(0.99)),
    max: round(histogram.max),
  };
}

/** Builds the summary of a run at `nowMs`. */
export function summarize(seed: number, nowMs: number, metrics: Metrics, relay: Relay): RunSummary {
  const t = metrics.totals;
  const { depthArea, busyArea, dsQueueArea } = metrics.integrateTotals(nowMs);
  const meanBusy = nowMs > 0 ? busyArea / nowMs : 0;
  const workers = relay.pool.size;
  const dsMeanBusy = nowMs > 0 ? t.downstreamBusyMs / nowMs : 0;
  const servers = relay.calls.servers;
  return {
    seed,
    durationMs: nowMs,
    requests: t.arrivals,
    outcomes: {
      ok: t.ok,
      replayed: t.replayed,
      rejected: t.rejected,
      conflict: t.conflict,
      deadLettered: t.deadLettered,
      failed: t.failed,
      abandoned: t.abandoned,
      inFlight: relay.inFlight,
    },
    goodput: { count: t.goodput, perSec: round(nowMs > 0 ? t.goodput / (nowMs / 1000) : 0) },
    downstream: {
      calls: t.calls,
      failures: t.failures,
      timeouts: t.timeouts,
      overloaded: t.overloaded,
      permanent: t.permanent,
      wasted: { calls: t.wastedCalls, busyMs: round(t.wastedMs) },
      dropped: t.dropped,
      queue: {
        meanDepth: round(nowMs > 0 ? dsQueueArea / nowMs : 0),
        maxDepth: metrics.totalDsQueueMax,
      },
      busyMs: round(t.downstreamBusyMs),
      meanBusy: round(dsMeanBusy),
      utilization: Number.isFinite(servers) && servers > 0 ? round(dsMeanBusy / servers) : null,
    },
    clients: {
      sent: t.arrivals - t.resends - t.replays,
      resends: t.resends,
      served: round(
        t.arrivals > t.resends + t.replays ? t.goodput / (t.arrivals - t.resends - t.replays) : 0,
      ),
      shed: t.shed,
    },
    effects: { applied: t.effectsApplied, duplicate: t.effectsDuplicate },
    causes: {
      rejected: {
        queueFull: t.rejectedQueueFull,
        throttled: t.rejectedThrottled,
        shed: t.rejectedShed,
      },
      deadLettered: {
        retriesExhausted: t.deadRetriesExhausted,
        budgetSpent: t.deadBudgetSpent,
        breakerOpen: t.deadBreakerOpen,
        throttled: t.deadThrottled,
      },
    },
    cures: {
      breakerRefused: t.breakerRefused,
      hedges: t.hedges,
      hedgeWins: t.hedgeWins,
      cancelled: t.cancelled,
    },
    retries: t.retries,
    latencyMs: latencySummary(metrics.latency),
    clientLatencyMs: latencySummary(metrics.clientLatency),
    queue: { meanDepth: round(nowMs > 0 ? depthArea / nowMs : 0), maxDepth: metrics.totalDepthMax },
    workers: {
      meanBusy: round(meanBusy),
      utilization: Number.isFinite(workers) ? round(meanBusy / workers) : null,
    },
    amplification: t.arrivals > t.resends ? round(t.calls / (t.arrivals - t.resends)) : 0,
    deadLetters: { size: relay.deadLetters.size, overflowed: relay.deadLetters.overflowed },
    idempotency: {
      keys: relay.idempotency.size,
      replays: relay.idempotency.replays,
      conflicts: relay.idempotency.conflicts,
      evictions: relay.idempotency.evictions,
      expirations: relay.idempotency.expirations,
    },
  };
}

/** Every outcome plus those in flight: equals `requests` in every summary (conservation). */
export function sumOutcomes(outcomes: RunSummary['outcomes']): number {
  return Object.values(outcomes).reduce((sum, n) => sum + n, 0);
}
