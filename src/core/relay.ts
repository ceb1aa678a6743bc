/**
 * The relay: a request's way through idempotency check, admission (worker or queue, else 429),
 * attempts at the downstream with retries and backoff, and its end (200, replay, 409, 429, 4xx or
 * dead letter). A client whose deadline passes first has gone: its outcome is `abandoned`, though
 * the relay may still finish the work (and apply its effect) unless it sheds it.
 * Invariant, at every event: arrivals = every outcome counted + requests held (queued or with a
 * worker) whose client is still there, since a worker holds its request through every backoff.
 */
import { backoffDelayMs } from './backoff';
import type { DeadLetter, DeadLetterCause } from './dead-letter-queue';
import { DeadLetterQueue } from './dead-letter-queue';
import { Downstream, Fate } from './downstream';
import { IdempotencyStore } from './idempotency-store';
import type { Metrics } from './metrics';
import { type Random, uniformAt } from './random';
import { RelayCalls } from './relay-calls';
import { ADMITTED, Answer, BREAKER_OPEN, RelayGuards } from './relay-guards';
import { RelayQueue } from './relay-queue';
import { type RelayRequest, RequestPool, TIMEOUT } from './relay-request';
import type { RelayConfig } from './scenario-schema';
import type { Scheduler } from './scheduler';
import type { LogicalRequest } from './traffic';
import { WorkerPool } from './worker-pool';

/** How a request ended for its client. */
export type RequestOutcome =
  | 'ok'
  | 'replayed'
  | 'rejected'
  | 'conflict'
  | 'deadLettered'
  | 'failed'
  | 'abandoned';

/** A request's end, for observers (tests, traces). Times in virtual ms. */
export interface RequestEnd {
  readonly outcome: RequestOutcome;
  /**
   * Id of the request: a client's request is numbered in order of arrival (answered from the
   * idempotency store or not); a client's resend and a dead-letter replay in spaces of their own.
   */
  readonly requestId: number;
  readonly logicalId: number;
  /** Idempotency key, or -1 for none. */
  readonly key: number;
  readonly arrivedAtMs: number;
  readonly endedAtMs: number;
  /** Downstream attempts it made on this pass through the relay (0 when none). */
  readonly attempts: number;
  /** When its client gives up, ms (`Infinity` for none, and for dead-letter replays). */
  readonly deadlineAtMs: number;
}

/** A retry scheduled, for observers (tests, traces). Times in virtual ms. */
export interface RetryScheduled {
  readonly requestId: number;
  /** 0 for the first retry. */
  readonly retryIndex: number;
  /** The delay before the previous retry (the base delay before the first), for the formula. */
  readonly previousDelayMs: number;
  readonly delayMs: number;
}

/** Who watches the relay: called when a request ends and when a retry is scheduled. */
export interface RelayObserver {
  readonly onRequestEnd?: (end: RequestEnd) => void;
  readonly onRetry?: (retry: RetryScheduled) => void;
}

/**
 * What the relay tells the clients around it: a failure a retrying client reacts to, with the
 * Retry-After it carried (ms; 0 for none).
 */
export type ClientFailure = (logical: LogicalRequest, retryAfterMs: number) => void;

/** Why the relay answered 429 at once. */
export type RejectCause = 'queueFull' | 'throttled' | 'shed';

/**
 * The first id of dead-letter replays. Random draws are keyed on request ids, so ids given in
 * order of arrival keep every client request's draws the same whatever the relay's settings
 * (how many 409s, replays or dead letters there are): two runs that differ in one setting see
 * the same traffic meet the same downstream. Replays count apart, so they shift nothing either.
 */
export const REPLAY_IDS_FROM = 2 ** 40;

/** A dead letter, with the logical request a replay goes on with. */
export interface StoredDeadLetter extends DeadLetter {
  readonly logical: LogicalRequest;
}

/** The relay under test, driven by a scheduler. */
export class Relay {
  readonly queue: RelayQueue;
  readonly pool: WorkerPool;
  readonly idempotency: IdempotencyStore;
  readonly deadLetters: DeadLetterQueue;
  readonly calls: RelayCalls;
  #config: RelayConfig;
  readonly #scheduler: Scheduler;
  readonly #metrics: Metrics;
  readonly #jitter: Random;
  #nextReplayId = REPLAY_IDS_FROM;
  readonly #requests = new RequestPool();
  #nextDeadLetterId = 0;
  /** Held requests (queued or with a worker) whose client has gone: no longer in flight. */
  #abandonedHeld = 0;
  /** True while idle workers take queued requests: one that ends at once does not recurse. */
  #filling = false;
  readonly #onEnd: ((end: RequestEnd) => void) | undefined;
  readonly #onRetryScheduled: ((retry: RetryScheduled) => void) | undefined;
  readonly #onClientFailure: ClientFailure;
  readonly #guards: RelayGuards;

  /** The cures guarding the calls: retry budget, breaker, throttling (for gauges). */
  get guards(): RelayGuards {
    return this.#guards;
  }
  /** Mean time a request holds a worker, ms (a moving average): to tell a 429 when to return. */
  #holdMsMean = 0;

  constructor(
    config: RelayConfig,
    scheduler: Scheduler,
    metrics: Metrics,
    random: { downstream: Random; jitter: Random; guards: Random },
    onClientFailure: ClientFailure,
    observer: RelayObserver = {},
  ) {
    this.#onEnd = observer.onRequestEnd;
    this.#onRetryScheduled = observer.onRetry;
    this.#onClientFailure = onClientFailure;
    this.#config = config;
    this.#scheduler = scheduler;
    this.#metrics = metrics;
    this.#jitter = random.jitter;
    const { relay } = config;
    this.queue = new RelayQueue(relay);
    this.#guards = new RelayGuards(config, random.guards);
    this.pool = new WorkerPool(relay.workers);
    this.idempotency = new IdempotencyStore(relay.idempotency);
    this.deadLetters = new DeadLetterQueue(relay.deadLetter.capacity);
    this.calls = new RelayCalls(
      scheduler,
      metrics,
      new Downstream(config.downstream, random.downstream),
      this.#requests,
      relay.hedge,
      this.#attemptEnded,
      (nowMs) => !this.#config.relay.hedge.useBudget || this.#guards.allowHedge(nowMs),
    );
    this.calls.configure(config.downstream);
  }

  /** Requests waiting in the queue or held by a worker whose client is still there. */
  get inFlight(): number {
    return this.queue.size + this.pool.busy - this.#abandonedHeld;
  }

  /** Applies the current config (already validated) from now on. */
  configure(config: RelayConfig): void {
    this.#config = config;
    const { relay } = config;
    this.pool.size = relay.workers;
    this.queue.configure(relay);
    this.#guards.configure(config);
    this.deadLetters.capacity = relay.deadLetter.capacity;
    this.idempotency.options = relay.idempotency;
    this.calls.configure(config.downstream);
    this.calls.hedging.configure(relay.hedge);
    this.#fillIdleWorkers(this.#scheduler.nowMs);
  }

  /**
   * Request `id` for `logical` arrives now: a client's, waiting until `deadlineAtMs` (a resend
   * when `resend`), or a replay of `replayOf` from the dead-letter queue (no client waits).
   */
  receive(
    logical: LogicalRequest,
    id: number,
    deadlineAtMs: number,
    replayOf: StoredDeadLetter | null = null,
    resend = false,
  ): void {
    const now = this.#scheduler.nowMs;
    const metrics = this.#metrics;
    if (now >= metrics.bucketEndMs) metrics.roll(now);
    metrics.bucket.arrivals++;
    if (resend) metrics.bucket.resends++;
    if (replayOf !== null) metrics.bucket.replays++;
    if (logical.key >= 0) {
      const decision = this.idempotency.begin(logical.key, now);
      if (decision === 'replay') {
        metrics.bucket.replayed++;
        if (replayOf === null) {
          metrics.bucket.goodput++;
          metrics.recordClientLatency(logical, now);
        }
        this.#onEnd?.(end('replayed', id, logical, now, now, 0, deadlineAtMs));
        return;
      }
      if (decision === 'conflict') {
        metrics.bucket.conflict++;
        this.#onEnd?.(end('conflict', id, logical, now, now, 0, deadlineAtMs));
        if (replayOf !== null) this.deadLetters.add(replayOf);
        return;
      }
    }
    const request = this.#requests.take(id, logical, now, this.#config.relay.retry.baseDelayMs);
    if (replayOf !== null) request.addAttempts(replayOf);
    request.client = replayOf === null;
    request.replayOf = replayOf;
    // Before anything can end it: a first attempt may end the request at once (throttled).
    if (deadlineAtMs < Number.POSITIVE_INFINITY && request.client) {
      request.deadlineAtMs = deadlineAtMs;
      request.pending++;
      this.#scheduler.scheduleAt(deadlineAtMs, this.#onDeadline, request);
    }
    if (this.pool.acquire()) {
      this.#startAttempt(request, now);
    } else if (!this.queue.push(request, now)) {
      this.#reject(request, 'queueFull', now, replayOf);
      return;
    }
    metrics.levels(now, this.queue.size, this.pool.busy);
  }

  /** Replays the dead letter `id` through the relay; false when there is none with that id. */
  replayDeadLetter(id: number): boolean {
    const entry = this.deadLetters.take(id) as StoredDeadLetter | undefined;
    if (entry === undefined) return false;
    this.#replay(entry);
    return true;
  }

  /** Replays every dead letter, oldest first; returns how many were sent. */
  replayAllDeadLetters(): number {
    const entries = this.deadLetters.takeAll() as StoredDeadLetter[];
    for (const entry of entries) this.#replay(entry);
    return entries.length;
  }

  #replay(entry: StoredDeadLetter): void {
    this.receive(entry.logical, this.#nextReplayId++, Number.POSITIVE_INFINITY, entry);
  }

  /** The client of `request` gives up now, unless the relay answered it already. */
  readonly #onDeadline = (request: RelayRequest): void => {
    if (!this.#requests.settle(request)) return;
    const now = this.#scheduler.nowMs;
    const metrics = this.#metrics;
    if (now >= metrics.bucketEndMs) metrics.roll(now);
    request.abandoned = true;
    this.#abandonedHeld++;
    metrics.bucket.abandoned++;
    const { logical } = request;
    this.#report('abandoned', request, now);
    this.#onClientFailure(logical, 0);
  };

  /**
   * Starts the next attempt of `request`, which holds a worker, unless it is no longer worth it:
   * its client has gone and the relay sheds such work, or (with deadline propagation) its
   * deadline has passed.
   */
  #startAttempt(request: RelayRequest, now: number): void {
    const { relay } = this.#config;
    let timeoutMs = relay.retry.attemptTimeoutMs;
    if (relay.propagateDeadline) timeoutMs = Math.min(timeoutMs, request.deadlineAtMs - now);
    const isRetry = request.attempts > 0;
    if (!isRetry) request.startedAtMs = now;
    if ((request.abandoned && relay.shedExpired) || timeoutMs <= 0) {
      this.#dropRetry(request, now);
      this.#shed(request, now);
      return;
    }
    const verdict = this.#guards.admit(request.id, request.attempts, isRetry, now);
    if (verdict !== ADMITTED) {
      this.#dropRetry(request, now);
      if (verdict === BREAKER_OPEN) {
        this.#metrics.bucket.breakerRefused++;
        this.#deadLetter(request, now, 'breakerOpen');
      } else if (isRetry) {
        this.#deadLetter(request, now, 'throttled');
      } else {
        this.#reject(request, 'throttled', now, null, true);
      }
      return;
    }
    if (!isRetry) this.#guards.requestStarted(now);
    request.refused = false;
    request.retryAfterMs = 0;
    this.calls.start(request, timeoutMs, now);
  }

  /** A retry the budget was charged for will not be attempted: the budget hears of it. */
  #dropRetry(request: RelayRequest, now: number): void {
    if (!request.retryCharged) return;
    request.retryCharged = false;
    this.#guards.retryDropped(now);
  }

  /** The attempt of `request` ended now with `fate` (a `Fate`, or `TIMEOUT`). */
  readonly #attemptEnded = (request: RelayRequest, fate: number): void => {
    const now = this.#scheduler.nowMs;
    const metrics = this.#metrics;
    if (now >= metrics.bucketEndMs) metrics.roll(now);
    const answer =
      fate === Fate.Success
        ? Answer.Ok
        : fate === Fate.Permanent
          ? Answer.Permanent
          : fate === TIMEOUT || request.refused
            ? Answer.NotAccepted
            : Answer.Failed;
    this.#guards.attemptEnded(now, answer, request.attempts > 1, request.retryAfterTimeout);
    request.retryCharged = false;
    if (fate === Fate.Success) {
      this.calls.applyEffect(request.logical);
      this.#succeed(request, now);
      return;
    }
    if (fate === Fate.Permanent) {
      metrics.bucket.permanent++;
      this.#fail(request, now);
      return;
    }
    if (fate === Fate.Failure) metrics.bucket.failures++;
    else metrics.bucket.timeouts++;
    request.addFailure(request.attemptStartMs, now, fate === TIMEOUT ? TIMEOUT : Fate.Failure);
    const retry = this.#config.relay.retry;
    if (request.attempts > retry.maxRetries) {
      this.#deadLetter(request, now, 'retriesExhausted');
      return;
    }
    if (request.abandoned && this.#config.relay.shedExpired) {
      this.#shed(request, now);
      return;
    }
    if (!this.#guards.allowRetry(now, fate === TIMEOUT)) {
      this.#deadLetter(request, now, 'budgetSpent');
      return;
    }
    request.retryCharged = true;
    request.retryAfterTimeout = fate === TIMEOUT;
    const retryIndex = request.attempts - 1;
    const u = uniformAt(this.#jitter.hashOf(request.id, retryIndex), 0);
    // A refusal's Retry-After, honoured, replaces the backoff (the jitter draw is made anyway).
    const backoffMs = backoffDelayMs(retry, retryIndex, request.previousDelayMs, u);
    const delayMs =
      retry.honourRetryAfter && request.retryAfterMs > 0 ? request.retryAfterMs : backoffMs;
    this.#onRetryScheduled?.({
      requestId: request.id,
      retryIndex,
      previousDelayMs: request.previousDelayMs,
      delayMs,
    });
    request.previousDelayMs = delayMs;
    request.setLastDelay(delayMs);
    metrics.recordRetry(retryIndex, delayMs);
    this.#scheduler.schedule(delayMs, this.#onRetry, request);
  };

  readonly #onRetry = (request: RelayRequest): void => {
    const now = this.#scheduler.nowMs;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
    this.#startAttempt(request, now);
  };

  #succeed(request: RelayRequest, now: number): void {
    const metrics = this.#metrics;
    const key = request.logical.key;
    if (key >= 0) this.idempotency.complete(key, now, request.id);
    if (!request.abandoned) {
      metrics.bucket.ok++;
      metrics.recordLatency(now - request.arrivedAtMs);
      if (request.client) {
        metrics.bucket.goodput++;
        metrics.recordClientLatency(request.logical, now);
      }
      this.#report('ok', request, now);
    }
    this.#leave(request, now);
  }

  /** A permanent failure (4xx): passed back at once, never retried, nothing cached. */
  #fail(request: RelayRequest, now: number): void {
    const { logical } = request;
    if (logical.key >= 0) this.idempotency.release(logical.key);
    if (!request.abandoned) {
      this.#metrics.bucket.failed++;
      this.#report('failed', request, now);
    }
    this.#leave(request, now);
  }

  #deadLetter(request: RelayRequest, now: number, cause: DeadLetterCause): void {
    const metrics = this.#metrics;
    const { logical } = request;
    const bucket = metrics.bucket;
    if (cause === 'retriesExhausted') bucket.deadRetriesExhausted++;
    else if (cause === 'budgetSpent') bucket.deadBudgetSpent++;
    else if (cause === 'breakerOpen') bucket.deadBreakerOpen++;
    else bucket.deadThrottled++;
    const entry: StoredDeadLetter = {
      id: this.#nextDeadLetterId++,
      cause,
      requestId: request.id,
      logicalId: logical.id,
      key: logical.key >= 0 ? logical.key : null,
      arrivedAtMs: request.arrivedAtMs,
      deadLetteredAtMs: now,
      attempts: request.attemptRecords(),
      attemptCount: request.failures,
      omittedAttempts: request.omittedAttempts,
      logical,
    };
    this.deadLetters.add(entry);
    if (logical.key >= 0) this.idempotency.release(logical.key);
    // The client hears the 503 only if it is still there.
    if (!request.abandoned) {
      metrics.bucket.deadLettered++;
      this.#report('deadLettered', request, now);
      if (request.client) this.#onClientFailure(logical, 0);
    }
    this.#leave(request, now);
  }

  /** Drops a request whose client has gone, before any more work on it. */
  #shed(request: RelayRequest, now: number): void {
    if (!request.abandoned) {
      // Deadline propagation found no time left at the very instant the deadline passes.
      request.abandoned = true;
      this.#abandonedHeld++;
      this.#metrics.bucket.abandoned++;
      this.#report('abandoned', request, now);
      this.#onClientFailure(request.logical, 0);
    }
    this.#metrics.bucket.shed++;
    if (request.logical.key >= 0) this.idempotency.release(request.logical.key);
    this.#leave(request, now);
  }

  /**
   * Answers `request` 429 at once, for `cause`, with the relay's Retry-After: it never reached the
   * downstream. `held`: it holds a worker (a throttled first attempt), which goes on to the next.
   * A refused replay goes back to the dead-letter queue, so it loses nothing.
   */
  #reject(
    request: RelayRequest,
    cause: RejectCause,
    now: number,
    replayOf: StoredDeadLetter | null,
    held = false,
  ): void {
    const bucket = this.#metrics.bucket;
    const { logical } = request;
    if (logical.key >= 0) this.idempotency.release(logical.key);
    if (request.abandoned) {
      // Its client had gone: no 429 reaches anyone; the relay dropped work nobody waited for.
      bucket.shed++;
    } else {
      if (cause === 'queueFull') bucket.rejectedQueueFull++;
      else if (cause === 'throttled') bucket.rejectedThrottled++;
      else bucket.rejectedShed++;
      bucket.rejected++;
      this.#report('rejected', request, now);
      if (request.client) this.#onClientFailure(logical, this.#retryAfterMs());
    }
    const replay = replayOf ?? (request.replayOf as StoredDeadLetter | null);
    if (replay !== null) this.deadLetters.add(replay);
    if (held) {
      this.#leave(request, now);
    } else {
      if (request.abandoned) this.#abandonedHeld--;
      this.#requests.retire(request);
    }
  }

  /** The Retry-After of the relay's 429 now, ms (0 for none). */
  #retryAfterMs(): number {
    const { relay } = this.#config;
    if (relay.retryAfter === 'off') return 0;
    if (relay.retryAfter === 'fixed') return relay.retryAfterMs;
    // The time the queue takes to drain, at the workers' recent pace.
    const workers = Math.min(this.pool.size, Math.max(1, this.pool.busy));
    return Math.ceil(((this.queue.size + 1) * this.#holdMsMean) / workers);
  }

  /** Tells the observer how `request` ended for its client. */
  #report(outcome: RequestOutcome, request: RelayRequest, now: number): void {
    this.#onEnd?.(
      end(
        outcome,
        request.id,
        request.logical,
        request.arrivedAtMs,
        now,
        request.attempts,
        request.deadlineAtMs,
      ),
    );
  }

  /** `request` leaves the relay: its worker goes to the next queued request. */
  #leave(request: RelayRequest, now: number): void {
    if (request.abandoned) this.#abandonedHeld--;
    this.#dropRetry(request, now);
    // A moving average of how long a request holds its worker (about the last 100).
    this.#holdMsMean += (now - request.startedAtMs - this.#holdMsMean) / 100;
    this.#requests.retire(request);
    this.pool.release();
    if (!this.#filling) this.#fillIdleWorkers(now);
  }

  /** CoDel shed `request` from the queue: a 429 (or, its client gone, just dropped). */
  readonly #onShed = (request: RelayRequest): void => {
    this.#reject(request, 'shed', this.#scheduler.nowMs, null);
  };

  #fillIdleWorkers(now: number): void {
    const { pool, queue } = this;
    this.#filling = true;
    while (queue.size > 0 && pool.acquire()) {
      const next = queue.take(now, this.#onShed);
      if (next === undefined) {
        pool.release();
        break;
      }
      this.#startAttempt(next, now);
    }
    this.#filling = false;
    this.#metrics.levels(now, queue.size, pool.busy);
  }
}

function end(
  outcome: RequestOutcome,
  requestId: number,
  logical: LogicalRequest,
  arrivedAtMs: number,
  endedAtMs: number,
  attempts: number,
  deadlineAtMs: number,
): RequestEnd {
  return {
    outcome,
    requestId,
    logicalId: logical.id,
    key: logical.key,
    arrivedAtMs,
    endedAtMs,
    attempts,
    deadlineAtMs,
  };
}
