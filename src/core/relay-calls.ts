/**
 * The relay's calls to the downstream, one per attempt. With unbounded servers (the seed's
 * downstream) a call's latency is known when it starts, so one event ends the attempt: its
 * answer, or the timeout if that comes first. With finite servers the call waits its turn in the
 * downstream station and races a timeout event. Either way a call nobody waits for any more (the
 * relay timed out, or the client has gone) still runs at the downstream and applies its effect:
 * wasted work, counted with the busy time it took. With hedging, an attempt still waiting after
 * the hedging delay sends a second call; the first success answers, and the other is cancelled
 * if it still waits at the downstream, or else wasted.
 */
import { type Downstream, type DownstreamConfig, Fate } from './downstream';
import { type DownstreamCall, DownstreamStation } from './downstream-station';
import { HedgeDelay } from './hedge-delay';
import type { Metrics } from './metrics';
import { type RelayRequest, type RequestPool, TIMEOUT } from './relay-request';
import type { RelayConfig } from './scenario-schema';
import type { Scheduler } from './scheduler';
import type { LogicalRequest } from './traffic';

/** Ends an attempt: `fate` is a `Fate` (not a hang), or `TIMEOUT`. */
export type AttemptEnded = (request: RelayRequest, fate: number) => void;

/** A hedge's draw at the downstream: attempt `n`'s hedge draws as attempt `n + HEDGE_DRAWS`. */
const HEDGE_DRAWS = 64;

/** The downstream as the relay calls it. */
export class RelayCalls {
  readonly station: DownstreamStation;
  readonly #downstream: Downstream;
  readonly #scheduler: Scheduler;
  readonly #metrics: Metrics;
  readonly #requests: RequestPool;
  readonly #ended: AttemptEnded;
  readonly #allowHedge: (nowMs: number) => boolean;
  readonly hedging: HedgeDelay;
  #config!: DownstreamConfig;
  /** True while the servers are unbounded: every call is served at once (one event each). */
  #unbounded = true;
  /** Serial of the last attempt sent to the station; unique in a run. */
  #serial = 0;

  constructor(
    scheduler: Scheduler,
    metrics: Metrics,
    downstream: Downstream,
    requests: RequestPool,
    hedge: RelayConfig['relay']['hedge'],
    ended: AttemptEnded,
    allowHedge: (nowMs: number) => boolean,
  ) {
    this.#scheduler = scheduler;
    this.#metrics = metrics;
    this.#downstream = downstream;
    this.#requests = requests;
    this.#ended = ended;
    this.#allowHedge = allowHedge;
    this.hedging = new HedgeDelay(hedge);
    this.station = new DownstreamStation(scheduler, {
      waiting: (call) => (call.caller as RelayRequest).attemptSerial === call.serial,
      done: this.#onStationDone,
      dropped: () => this.#metrics.bucket.dropped++,
      cancelled: () => this.#metrics.bucket.cancelled++,
      queueChanged: (queued) => this.#metrics.downstreamQueue(this.#scheduler.nowMs, queued),
    });
  }

  /** Calls the downstream works on now, the relay's and those it stopped waiting for. */
  get busy(): number {
    return this.station.busy;
  }

  /** Servers working now (a brownout counted), or `Infinity` when unbounded. */
  get servers(): number {
    return this.#unbounded ? Number.POSITIVE_INFINITY : this.station.servers;
  }

  /** The Retry-After of a refusal for overload now, ms (0 for none). */
  #retryAfterMs(): number {
    const config = this.#config;
    if (config.retryAfter === 'off') return 0;
    if (config.retryAfter === 'fixed') return config.retryAfterMs;
    // The time its queue takes to drain, at its mean service time.
    const serviceMs = config.latency.meanMs * config.slowdownFactor;
    return Math.ceil(((this.station.queued + 1) * serviceMs) / Math.max(1, this.station.servers));
  }

  /** Applies the downstream's settings (already validated) to later calls. */
  configure(config: DownstreamConfig): void {
    this.#config = config;
    this.#downstream.configure(config);
    const { servers, queueCapacity, capacityFactor, dropUnwaited } = config;
    this.#unbounded = servers === 'unbounded';
    this.station.configure(
      servers === 'unbounded' ? Number.POSITIVE_INFINITY : Math.round(servers * capacityFactor),
      queueCapacity === 'unbounded' ? Number.POSITIVE_INFINITY : queueCapacity,
      dropUnwaited,
    );
  }

  /** Starts the next attempt of `request` now; the relay waits for it at most `timeoutMs`. */
  start(request: RelayRequest, timeoutMs: number, now: number): void {
    this.#metrics.bucket.calls++;
    request.attemptStartMs = now;
    const fate = this.#downstream.draw(request.id, request.attempts++);
    const latencyMs = this.#downstream.latencyMs;
    // A hedged call waits its turn at the station even with unbounded servers: it races a twin.
    if (this.#unbounded && !this.hedging.on) {
      this.#startUnbounded(request, fate, latencyMs, timeoutMs);
    } else {
      this.#startAtStation(request, fate, latencyMs, timeoutMs, now);
    }
  }

  /** Applies a success's effect for `logical`, counting a repeat as a duplicate. */
  applyEffect(logical: LogicalRequest): void {
    const bucket = this.#metrics.bucket;
    bucket.effectsApplied++;
    if (logical.effects > 0) bucket.effectsDuplicate++;
    logical.effects++;
  }

  #startUnbounded(request: RelayRequest, fate: number, latencyMs: number, timeoutMs: number) {
    this.station.occupy();
    const scheduler = this.#scheduler;
    if (fate === Fate.Hang || latencyMs >= timeoutMs) {
      request.fate = TIMEOUT;
      // A slow call still runs at the downstream after the relay stopped waiting; a hang ends
      // when the relay gives up on it.
      if (fate !== Fate.Hang) {
        scheduler.schedule(latencyMs, this.#onLateCall, this.#late(request, fate, latencyMs));
      }
      request.holdsCallUntilEnd = fate === Fate.Hang;
      request.callBusyMs = timeoutMs;
      scheduler.schedule(timeoutMs, this.#onUnboundedEnd, request);
    } else {
      request.fate = fate;
      request.holdsCallUntilEnd = true;
      request.callBusyMs = latencyMs;
      scheduler.schedule(latencyMs, this.#onUnboundedEnd, request);
    }
  }

  /** A call record for a slow call the relay will have stopped waiting for when it ends. */
  #late(request: RelayRequest, fate: number, latencyMs: number): DownstreamCall {
    const call = this.station.take();
    call.logical = request.logical;
    call.fate = fate;
    call.busyMs = latencyMs;
    return call;
  }

  readonly #onUnboundedEnd = (request: RelayRequest): void => {
    const now = this.#scheduler.nowMs;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
    if (request.holdsCallUntilEnd) {
      this.station.vacate();
      this.#metrics.bucket.downstreamBusyMs += request.callBusyMs;
      // A hang's slot, or an answer for a client that has gone: work nobody had use for.
      if (request.fate === TIMEOUT || request.abandoned) this.#wasted(request.callBusyMs);
    }
    this.#ended(request, request.fate);
  };

  readonly #onLateCall = (call: DownstreamCall): void => {
    const now = this.#scheduler.nowMs;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
    this.station.vacate();
    this.#metrics.bucket.downstreamBusyMs += call.busyMs;
    this.#unwaited(call);
    this.station.release(call);
  };

  /** A call of `request`'s running attempt (its first, or its hedge), sent now. */
  #call(request: RelayRequest, fate: number, latencyMs: number, now: number): DownstreamCall {
    const call = this.station.take();
    call.caller = request;
    call.logical = request.logical;
    call.serial = request.attemptSerial;
    call.fate = fate;
    call.serviceMs = latencyMs;
    call.hangs = fate === Fate.Hang;
    call.giveUpAtMs = request.attemptTimeoutAtMs;
    call.sentAtMs = now;
    return call;
  }

  #startAtStation(
    request: RelayRequest,
    fate: number,
    latencyMs: number,
    timeoutMs: number,
    now: number,
  ): void {
    request.attemptSerial = ++this.#serial;
    request.attemptTimeoutAtMs = now + timeoutMs;
    const call = this.#call(request, fate, latencyMs, now);
    request.firstCall = call;
    request.hedgeCall = null;
    request.callsOutstanding = 1;
    if (!this.station.submit(call)) {
      // Refused at once, before any work: a failure with no effect, perhaps with a Retry-After.
      this.#metrics.bucket.overloaded++;
      request.attemptSerial = 0;
      request.fate = Fate.Failure;
      request.refused = true;
      request.retryAfterMs = this.#retryAfterMs();
      this.#scheduler.schedule(0, this.#onRefused, request);
      return;
    }
    request.pending++;
    this.#scheduler.schedule(timeoutMs, this.#onTimeout, request);
    const hedgeMs = this.hedging.delayMs(now);
    if (hedgeMs < timeoutMs) {
      request.pending++;
      this.#scheduler.schedule(hedgeMs, this.#onHedge, request);
    }
  }

  /** The hedging delay has passed: a second call, if the attempt still waits on its first. */
  readonly #onHedge = (request: RelayRequest): void => {
    if (!this.#requests.settle(request)) return;
    const now = this.#scheduler.nowMs;
    const first = request.firstCall;
    if (
      request.callsOutstanding !== 1 ||
      first === null ||
      first.serial !== request.attemptSerial
    ) {
      return;
    }
    if (!this.#allowHedge(now)) return;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
    const bucket = this.#metrics.bucket;
    bucket.calls++;
    const fate = this.#downstream.draw(request.id, request.attempts - 1 + HEDGE_DRAWS);
    const hedge = this.#call(request, fate, this.#downstream.latencyMs, now);
    if (!this.station.submit(hedge)) {
      bucket.overloaded++;
      return;
    }
    bucket.hedges++;
    request.hedgeCall = hedge;
    request.callsOutstanding = 2;
  };

  readonly #onRefused = (request: RelayRequest): void => {
    this.#ended(request, Fate.Failure);
  };

  /** The relay stops waiting for the attempt of `request`, if it still waits for that one. */
  readonly #onTimeout = (request: RelayRequest): void => {
    if (!this.#requests.settle(request)) return;
    const now = this.#scheduler.nowMs;
    if (request.attemptSerial === 0 || request.attemptTimeoutAtMs !== now) return;
    request.attemptSerial = 0;
    this.#ended(request, TIMEOUT);
  };

  readonly #onStationDone = (call: DownstreamCall): void => {
    const now = this.#scheduler.nowMs;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
    this.#metrics.bucket.downstreamBusyMs += call.busyMs;
    // Every answer counts toward the hedging delay, a losing twin's too: recording only winners
    // would leave out the slow calls and pull the percentile down.
    if (this.hedging.on && !call.hangs) this.hedging.record(now - call.sentAtMs, now);
    const request = call.caller as RelayRequest;
    // A hang never answers: its timeout always ran first (it was scheduled first, for that time).
    if (request.attemptSerial !== call.serial || call.hangs) {
      this.#unwaited(call);
      return;
    }
    request.callsOutstanding--;
    if (call.fate === Fate.Success) {
      // The first success answers; its twin, still waiting at the downstream, is cancelled.
      const twin = call === request.hedgeCall ? request.firstCall : request.hedgeCall;
      if (call === request.hedgeCall) this.#metrics.bucket.hedgeWins++;
      if (twin !== null && request.callsOutstanding > 0 && !twin.started) twin.cancelled = true;
    } else if (request.callsOutstanding > 0) {
      // A failure while its twin is still out: the twin may yet succeed.
      return;
    }
    request.attemptSerial = 0;
    if (request.abandoned) this.#wasted(call.busyMs);
    this.#ended(request, call.fate);
  };

  /** A call done while nobody waited: its work was wasted, and a success still lands. */
  #unwaited(call: DownstreamCall): void {
    this.#wasted(call.busyMs);
    if (call.fate === Fate.Success) this.applyEffect(call.logical!);
  }

  #wasted(busyMs: number): void {
    const bucket = this.#metrics.bucket;
    bucket.wastedCalls++;
    bucket.wastedMs += busyMs;
  }
}
