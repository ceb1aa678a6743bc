/**
 * What a scenario's run can hold in memory at worst, from its capacities: the sizes per entry
 * measured by `npm run bench:memory` (Node 20, x64; V8's heap plus typed arrays; rounded up from
 * the measures of 100,000 and 1,000,000 entries, given beside each), times the
 * most entries each structure can hold. Requests in flight with unbounded workers, and calls the
 * downstream still works on, are bounded by no capacity: they are estimated from the rates.
 * `memory-budget.ts` refuses the scenarios whose estimate does not fit a browser tab.
 */
import { ATTEMPTS_KEPT } from './dead-letter-queue';
import { groupedNumber } from './number-text';

/**
 * Bytes of a request waiting in the queue: its record, its logical request, its queue slot
 * (measured 366 and 361).
 */
export const BYTES_PER_QUEUED_REQUEST = 380;
/** Bytes of a request held by a worker: a queued request's, and its pending event (459, 458). */
export const BYTES_PER_REQUEST_IN_FLIGHT = 480;
/**
 * Bytes of an idempotency key, at worst: just after its tables doubled (index 48, entry 58, ring
 * 48). Measured 81–103 between doublings.
 */
export const BYTES_PER_IDEMPOTENCY_KEY = 160;
/** Bytes of a dead letter without its attempts: the entry, its logical request, its map entry. */
export const BYTES_PER_DEAD_LETTER_BASE = 480;
/** Bytes of each attempt a dead letter keeps (at most `ATTEMPTS_KEPT`; measured 88). */
export const BYTES_PER_KEPT_ATTEMPT = 90;
/** Bytes of a dead letter that keeps the most attempts (measured 1,167 with 8). */
export const BYTES_PER_DEAD_LETTER =
  BYTES_PER_DEAD_LETTER_BASE + ATTEMPTS_KEPT * BYTES_PER_KEPT_ATTEMPT;
/**
 * Bytes of a call at the downstream, the relay's request it keeps alive included: one the relay
 * gave up on at unbounded servers (its event; measured 308, 307), or one queued at finite
 * servers (its record; 262, 257).
 */
export const BYTES_PER_DOWNSTREAM_CALL = 320;
/** Bytes of a simulation besides its entries: mostly the page's 4,096 metric buckets (11.7 MB). */
export const FIXED_BYTES = 12_000_000;
/**
 * The most calls an unbounded downstream queue (finite servers, `queueCapacity: "unbounded"`)
 * holds: beyond it a call is refused at once, as overload. Without it, the queue's worst case is
 * every call of the run waiting in it (a day at 50 requests a second: 17 M calls, 5.5 GB), and
 * common scenarios would be refused. The estimate counts it; the engine is to enforce it.
 */
export const DOWNSTREAM_QUEUE_MAX_CALLS = 1_000_000;

/** What the estimate reads of a scenario; a parsed `Scenario` fits. */
export interface MemorySettings {
  readonly durationMs: number;
  readonly traffic: {
    readonly ratePerSec: number;
    /** Share of requests with a key: none, and no key is stored. */
    readonly keyedRatio: number;
    readonly bursts: readonly { readonly count: number }[];
  };
  readonly downstream: {
    readonly latency: { readonly meanMs: number };
    readonly servers: number | 'unbounded';
    readonly queueCapacity: number | 'unbounded';
    readonly slowdownFactor: number;
  };
  readonly relay: {
    readonly workers: number | 'unbounded';
    readonly queueCapacity: number;
    readonly retry: {
      readonly maxRetries: number;
      readonly maxDelayMs: number;
      readonly attemptTimeoutMs: number;
    };
    readonly idempotency: { readonly maxKeys: number };
    readonly deadLetter: { readonly capacity: number };
  };
  /** Changes over the run: the largest value any of them sets counts. */
  readonly timeline: readonly {
    readonly set?: Readonly<Record<string, unknown>>;
    readonly action?: string;
    readonly count?: number;
  }[];
}

/** One structure's share of the estimate. */
export interface MemoryPart {
  readonly name:
    | 'queue'
    | 'inFlight'
    | 'idempotencyKeys'
    | 'keysBeyondMaxKeys'
    | 'deadLetters'
    | 'downstreamCalls';
  /** Most entries it can hold. */
  readonly count: number;
  readonly bytesEach: number;
  readonly bytes: number;
  /** `capacity`: a setting bounds it; `rate`: only the rates and times do (an estimate). */
  readonly boundedBy: 'capacity' | 'rate';
  /** The setting that bounds it, or the one to bound (e.g. `relay.workers` when unbounded). */
  readonly setting: string;
  /** What it holds, in words, for a message: "6.1 M requests in flight (…)". */
  readonly what: string;
}

/** The estimate: bytes at worst, by part, and what no capacity bounds. */
export interface MemoryEstimate {
  /** All parts and `FIXED_BYTES`. */
  readonly bytes: number;
  /** The parts a capacity bounds, and `FIXED_BYTES`: the run cannot exceed this through them. */
  readonly boundedBytes: number;
  readonly parts: readonly MemoryPart[];
  /** Why each `rate` part has no capacity, in words; empty when there is none. */
  readonly unbounded: readonly string[];
}

/** The largest value `path` takes: its initial `value`, or any the timeline sets. */
function largest<T extends number | 'unbounded'>(
  settings: MemorySettings,
  path: string,
  value: T,
): T | 'unbounded' {
  let max: T | 'unbounded' = value;
  for (const entry of settings.timeline) {
    const set = entry.set?.[path];
    if (set === 'unbounded') max = 'unbounded';
    else if (typeof set === 'number' && max !== 'unbounded' && set > (max as number))
      max = set as T;
  }
  return max;
}

const part = (
  name: MemoryPart['name'],
  count: number,
  bytesEach: number,
  boundedBy: MemoryPart['boundedBy'],
  setting: string,
  what: string,
): MemoryPart => ({ name, count, bytesEach, bytes: count * bytesEach, boundedBy, setting, what });

/** A count for a message: 6.1 M, 250,000, 2.5 (without Intl: every scenario's estimate writes its
 * messages). */
export function formatCount(count: number): string {
  if (count >= 1_000_000) return `${(count / 1e6).toFixed(1)} M`;
  return groupedNumber(count, 3);
}

/** The largest number `path` takes: `value`, or any the timeline sets. */
const largestNumber = (settings: MemorySettings, path: string, value: number) =>
  largest(settings, path, value) as number;

/**
 * Requests held by workers: the workers, or with unbounded workers every arrival while a request
 * can stay (every attempt up to its timeout, every backoff at its most), all bursts, and every
 * dead letter (a replay of them all sends them in at once).
 */
function inFlightPart(settings: MemorySettings, ratePerSec: number, maxRetries: number) {
  const { relay } = settings;
  const workers = largest(settings, 'relay.workers', relay.workers);
  if (workers !== 'unbounded') {
    const what = `the requests of ${formatCount(workers)} workers`;
    const held = part(
      'inFlight',
      workers,
      BYTES_PER_REQUEST_IN_FLIGHT,
      'capacity',
      'relay.workers',
      what,
    );
    return { part: held, why: [] };
  }
  const stayMs =
    (maxRetries + 1) *
      largestNumber(settings, 'relay.retry.attemptTimeoutMs', relay.retry.attemptTimeoutMs) +
    maxRetries * largestNumber(settings, 'relay.retry.maxDelayMs', relay.retry.maxDelayMs);
  const bursts =
    settings.traffic.bursts.reduce((sum, b) => sum + b.count, 0) +
    settings.timeline.reduce((sum, e) => sum + (e.action === 'burst' ? (e.count ?? 0) : 0), 0);
  const deadLetters = largestNumber(
    settings,
    'relay.deadLetter.capacity',
    relay.deadLetter.capacity,
  );
  const stayedMs = Math.min(stayMs, settings.durationMs);
  const arrivals = Math.ceil((ratePerSec * stayedMs) / 1000);
  const count = arrivals + bursts + deadLetters;
  const rate = formatCount(ratePerSec);
  const what = `${formatCount(count)} requests in flight (workers are unbounded at ${rate}/s, and a request can stay ${formatSeconds(stayedMs)})`;
  const why = `requests in flight: workers are unbounded, so up to ${count} (${ratePerSec}/s × ${stayMs / 1000} s a request can stay, plus bursts and replays)`;
  return {
    part: part('inFlight', count, BYTES_PER_REQUEST_IN_FLIGHT, 'rate', 'relay.workers', what),
    why: [why],
  };
}

function formatSeconds(ms: number): string {
  return ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : `${Math.round(ms / 1000)} s`;
}

/**
 * Calls at the downstream (some after the relay gave up on them): its servers and its queue when
 * both are finite; with an unbounded queue, every call of the run waiting in it at worst, but
 * never more than `DOWNSTREAM_QUEUE_MAX_CALLS`; with unbounded servers, attempts per second ×
 * mean latency (Little's law: an average, not a bound), the latency cut at the run's duration,
 * and with bounded workers at most what they can have started: each waits for one call at a
 * time, and starts another once its attempt timed out, so each has at most 1 + latency / timeout
 * calls in progress on average.
 */
function downstreamCallsPart(settings: MemorySettings, ratePerSec: number, maxRetries: number) {
  const { downstream, relay } = settings;
  const servers = largest(settings, 'downstream.servers', downstream.servers);
  const queue = largest(settings, 'downstream.queueCapacity', downstream.queueCapacity);
  const attemptsPerSec = ratePerSec * (maxRetries + 1);
  const made = (count: number, boundedBy: MemoryPart['boundedBy'], setting: string, what: string) =>
    part('downstreamCalls', count, BYTES_PER_DOWNSTREAM_CALL, boundedBy, setting, what);
  if (servers !== 'unbounded' && queue !== 'unbounded') {
    const what = `${formatCount(servers + queue)} calls at the downstream (its servers and queue)`;
    return { part: made(servers + queue, 'capacity', 'downstream.queueCapacity', what), why: [] };
  }
  if (servers !== 'unbounded') {
    const runAttempts = Math.ceil((attemptsPerSec * settings.durationMs) / 1000);
    const waiting = Math.min(runAttempts, DOWNSTREAM_QUEUE_MAX_CALLS);
    const capped = waiting === DOWNSTREAM_QUEUE_MAX_CALLS;
    const what = `${formatCount(servers + waiting)} calls at the downstream (its servers, and its unbounded queue holding ${capped ? 'the most it takes' : 'every call of the run'})`;
    const why = capped
      ? []
      : [
          `downstream calls: its queue is unbounded, so at worst every call of the run waits in it (${attemptsPerSec} attempts/s × ${settings.durationMs / 1000} s)`,
        ];
    const boundedBy = capped ? 'capacity' : 'rate';
    return { part: made(servers + waiting, boundedBy, 'downstream.queueCapacity', what), why };
  }
  const meanMs =
    largestNumber(settings, 'downstream.latency.meanMs', downstream.latency.meanMs) *
    largestNumber(settings, 'downstream.slowdownFactor', downstream.slowdownFactor);
  // A call outlives the run at most by what is left of it: no more than the run's attempts.
  const offered = Math.ceil((attemptsPerSec * Math.min(meanMs, settings.durationMs)) / 1000);
  const workers = largest(settings, 'relay.workers', relay.workers);
  const timeoutMs = largestNumber(
    settings,
    'relay.retry.attemptTimeoutMs',
    relay.retry.attemptTimeoutMs,
  );
  const started =
    workers === 'unbounded'
      ? Number.POSITIVE_INFINITY
      : Math.ceil(workers * (1 + meanMs / timeoutMs));
  const count = Math.min(offered, started);
  const what = `${formatCount(count)} calls at the downstream at once on average: its servers are unbounded, and ${formatCount(attemptsPerSec)} attempts/s take ${formatSeconds(meanMs)} on average`;
  const why = `downstream calls: unbounded servers, so about ${count} at a time on average (${attemptsPerSec} attempts/s × ${meanMs} ms mean latency), more in a latency spike`;
  return { part: made(count, 'rate', 'downstream.servers', what), why: [why] };
}

/**
 * Worst-case bytes of a run of `settings`, from its capacities (the largest any timeline entry
 * sets), by part. Dead letters count as keeping `ATTEMPTS_KEPT` attempts each, as replays may.
 * Keys: `maxKeys`, or as many as requests admitted when more (a key in progress is never
 * evicted). Requests in flight with unbounded workers, and downstream calls without finite
 * servers and queue, are counted from the rates (see `unbounded`).
 */
export function estimateMemoryBytes(settings: MemorySettings): MemoryEstimate {
  const { relay } = settings;
  const num = (path: string, value: number) => largestNumber(settings, path, value);
  const ratePerSec = num('traffic.ratePerSec', settings.traffic.ratePerSec);
  const maxRetries = num('relay.retry.maxRetries', relay.retry.maxRetries);
  const queue = num('relay.queueCapacity', relay.queueCapacity);
  const inFlight = inFlightPart(settings, ratePerSec, maxRetries);
  const calls = downstreamCallsPart(settings, ratePerSec, maxRetries);
  // Without keyed requests the idempotency store holds nothing.
  const keyed = num('traffic.keyedRatio', settings.traffic.keyedRatio) > 0;
  const maxKeys = keyed ? num('relay.idempotency.maxKeys', relay.idempotency.maxKeys) : 0;
  const deadLetters = num('relay.deadLetter.capacity', relay.deadLetter.capacity);
  // The store evicts completed keys to keep within `maxKeys`, but never one in progress: it holds
  // up to as many keys as requests are admitted (queued or in flight), when that is more.
  const beyond = keyed ? Math.max(0, queue + inFlight.part.count - maxKeys) : 0;
  const parts = [
    part(
      'queue',
      queue,
      BYTES_PER_QUEUED_REQUEST,
      'capacity',
      'relay.queueCapacity',
      `${formatCount(queue)} queued requests`,
    ),
    inFlight.part,
    part(
      'idempotencyKeys',
      maxKeys,
      BYTES_PER_IDEMPOTENCY_KEY,
      'capacity',
      'relay.idempotency.maxKeys',
      `${formatCount(maxKeys)} idempotency keys`,
    ),
    part(
      'keysBeyondMaxKeys',
      beyond,
      BYTES_PER_IDEMPOTENCY_KEY,
      inFlight.part.boundedBy,
      inFlight.part.boundedBy === 'rate' ? 'relay.workers' : 'relay.queueCapacity',
      `the idempotency keys of ${formatCount(beyond)} of the requests admitted, beyond the ${formatCount(maxKeys)} kept`,
    ),
    part(
      'deadLetters',
      deadLetters,
      BYTES_PER_DEAD_LETTER,
      'capacity',
      'relay.deadLetter.capacity',
      `${formatCount(deadLetters)} dead letters`,
    ),
    calls.part,
  ];
  const sum = (list: readonly MemoryPart[]) => list.reduce((total, p) => total + p.bytes, 0);
  return {
    bytes: FIXED_BYTES + sum(parts),
    boundedBytes: FIXED_BYTES + sum(parts.filter((p) => p.boundedBy === 'capacity')),
    parts,
    unbounded: [...inFlight.why, ...calls.why],
  };
}
