/**
 * The relay: a request's way through idempotency check, admission (worker or queue, else 429),
 * attempts with retries and backoff, and its end (200, replay, 409, 429 or dead letter).
 * Invariant, at every event: arrivals = ok + replayed + rejected + conflict + deadLettered +
 * (queued + busy workers), since a worker holds its request through every backoff wait.
 */
import { backoffDelayMs } from './backoff';
import { BoundedQueue } from './bounded-queue';
import type { DeadLetter } from './dead-letter-queue';
import { DeadLetterQueue } from './dead-letter-queue';
import { Downstream, Fate } from './downstream';
import { IdempotencyStore } from './idempotency-store';
import type { Metrics } from './metrics';
import { type Random, uniformAt } from './random';
import { type RelayRequest, RequestPool, TIMEOUT } from './relay-request';
import type { RelayConfig } from './scenario-schema';
import type { Scheduler } from './scheduler';
import type { LogicalRequest } from './traffic';
import { WorkerPool } from './worker-pool';

/** How a request ended: its response to the client. */
export type RequestOutcome = 'ok' | 'replayed' | 'rejected' | 'conflict' | 'deadLettered';

/** A request's end, for observers (tests, traces). Times in virtual ms. */
export interface RequestEnd {
  readonly outcome: RequestOutcome;
  /**
   * Id of the request: a client's request is numbered in order of arrival (answered from the
   * idempotency store or not), a dead-letter replay from `REPLAY_IDS_FROM` on.
   */
  readonly requestId: number;
  readonly logicalId: number;
  /** Idempotency key, or -1 for none. */
  readonly key: number;
  readonly arrivedAtMs: number;
  readonly endedAtMs: number;
}

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
  readonly queue: BoundedQueue<RelayRequest>;
  readonly pool: WorkerPool;
  readonly idempotency: IdempotencyStore;
  readonly deadLetters: DeadLetterQueue;
  readonly downstream: Downstream;
  #config: RelayConfig;
  readonly #scheduler: Scheduler;
  readonly #metrics: Metrics;
  readonly #jitter: Random;
  #nextRequestId = 0;
  #nextReplayId = REPLAY_IDS_FROM;
  readonly #requests = new RequestPool();
  #nextDeadLetterId = 0;
  // Calls the downstream is working on: the relay's attempts, and calls it stopped waiting for
  // that still run there. Never above the downstream's concurrency limit.
  #downstreamBusy = 0;
  readonly #onEnd: ((end: RequestEnd) => void) | undefined;

  constructor(
    config: RelayConfig,
    scheduler: Scheduler,
    metrics: Metrics,
    random: { downstream: Random; jitter: Random },
    onEnd?: (end: RequestEnd) => void,
  ) {
    this.#onEnd = onEnd;
    this.#config = config;
    this.#scheduler = scheduler;
    this.#metrics = metrics;
    this.#jitter = random.jitter;
    const { relay } = config;
    this.queue = new BoundedQueue(relay.queueCapacity);
    this.pool = new WorkerPool(relay.workers);
    this.idempotency = new IdempotencyStore(relay.idempotency);
    this.deadLetters = new DeadLetterQueue(relay.deadLetter.capacity);
    this.downstream = new Downstream(config.downstream, random.downstream);
  }

  /** Requests waiting in the queue or held by a worker. */
  get inFlight(): number {
    return this.queue.size + this.pool.busy;
  }

  /** Applies the current config (already validated) from now on. */
  configure(config: RelayConfig): void {
    this.#config = config;
    const { relay } = config;
    this.pool.size = relay.workers;
    this.queue.capacity = relay.queueCapacity;
    this.deadLetters.capacity = relay.deadLetter.capacity;
    this.idempotency.options = relay.idempotency;
    this.downstream.configure(config.downstream);
    this.#fillIdleWorkers(this.#scheduler.nowMs);
  }

  /** A request arrives now: a client's, or a replay of `replayOf` from the dead-letter queue. */
  receive(logical: LogicalRequest, replayOf: StoredDeadLetter | null = null): void {
    const now = this.#scheduler.nowMs;
    const metrics = this.#metrics;
    if (now >= metrics.bucketEndMs) metrics.roll(now);
    metrics.bucket.arrivals++;
    const id = replayOf === null ? this.#nextRequestId++ : this.#nextReplayId++;
    if (logical.key >= 0) {
      const decision = this.idempotency.begin(logical.key, now);
      if (decision === 'replay') {
        metrics.bucket.replayed++;
        this.#onEnd?.(end('replayed', id, logical, now, now));
        return;
      }
      if (decision === 'conflict') {
        metrics.bucket.conflict++;
        this.#onEnd?.(end('conflict', id, logical, now, now));
        if (replayOf !== null) this.deadLetters.add(replayOf);
        return;
      }
    }
    const request = this.#admit(id, logical, now, replayOf);
    if (this.pool.acquire()) {
      this.#startAttempt(request, now);
    } else if (!this.queue.push(request)) {
      metrics.bucket.rejected++;
      this.#onEnd?.(end('rejected', request.id, logical, now, now));
      this.#requests.retire(request);
      if (logical.key >= 0) this.idempotency.release(logical.key);
      if (replayOf !== null) this.deadLetters.add(replayOf); // a refused replay loses nothing
      return;
    }
    metrics.levels(now, this.queue.size, this.pool.busy);
  }

  /** Request `id` for `logical`, arriving now. */
  #admit(
    id: number,
    logical: LogicalRequest,
    now: number,
    replayOf: StoredDeadLetter | null,
  ): RelayRequest {
    const baseDelayMs = this.#config.relay.retry.baseDelayMs;
    const request = this.#requests.take(id, logical, now, baseDelayMs);
    if (replayOf !== null) request.addAttempts(replayOf);
    return request;
  }

  /** Replays the dead letter `id` through the relay; false when there is none with that id. */
  replayDeadLetter(id: number): boolean {
    const entry = this.deadLetters.take(id) as StoredDeadLetter | undefined;
    if (entry === undefined) return false;
    this.receive(entry.logical, entry);
    return true;
  }

  /** Replays every dead letter, oldest first; returns how many were sent. */
  replayAllDeadLetters(): number {
    const entries = this.deadLetters.takeAll() as StoredDeadLetter[];
    for (const entry of entries) this.receive(entry.logical, entry);
    return entries.length;
  }

  /** Calls the downstream is working on now. */
  get downstreamBusy(): number {
    return this.#downstreamBusy;
  }

  #startAttempt(request: RelayRequest, now: number): void {
    const metrics = this.#metrics;
    metrics.bucket.calls++;
    request.attemptStartMs = now;
    const limit = this.#config.downstream.concurrencyLimit;
    if (limit !== 'unbounded' && this.#downstreamBusy >= limit) {
      // Refused at once, before any work: a failure with no effect.
      metrics.bucket.overloaded++;
      request.attempts++;
      request.fate = Fate.Failure;
      request.holdsCallUntilEnd = false;
      this.#scheduler.schedule(0, this.#onAttemptEnd, request);
      return;
    }
    this.#downstreamBusy++;
    const downstream = this.downstream;
    const fate = downstream.draw(request.id, request.attempts++);
    const latencyMs = downstream.latencyMs;
    const timeoutMs = this.#config.relay.retry.attemptTimeoutMs;
    if (fate === Fate.Hang || latencyMs >= timeoutMs) {
      request.fate = TIMEOUT;
      // A slow call still runs at the downstream after the relay stopped waiting: a success lands
      // its effect then. A hang ends when the relay gives up on it.
      if (fate === Fate.Success) {
        this.#scheduler.schedule(latencyMs, this.#onLateEffect, request.logical);
      } else if (fate === Fate.Failure) {
        this.#scheduler.schedule(latencyMs, this.#onCallEnd, undefined);
      }
      request.holdsCallUntilEnd = fate === Fate.Hang;
      this.#scheduler.schedule(timeoutMs, this.#onAttemptEnd, request);
    } else {
      request.fate = fate;
      request.holdsCallUntilEnd = true;
      this.#scheduler.schedule(latencyMs, this.#onAttemptEnd, request);
    }
  }

  readonly #onCallEnd = (): void => {
    this.#downstreamBusy--;
  };

  readonly #onAttemptEnd = (request: RelayRequest): void => {
    const now = this.#scheduler.nowMs;
    const metrics = this.#metrics;
    if (now >= metrics.bucketEndMs) metrics.roll(now);
    if (request.holdsCallUntilEnd) this.#downstreamBusy--;
    if (request.fate === Fate.Success) {
      this.#applyEffect(request.logical);
      this.#succeed(request, now);
      return;
    }
    if (request.fate === Fate.Failure) {
      metrics.bucket.failures++;
    } else {
      metrics.bucket.timeouts++;
    }
    request.addFailure(request.attemptStartMs, now, request.fate);
    const retry = this.#config.relay.retry;
    if (request.attempts > retry.maxRetries) {
      this.#deadLetter(request, now);
      return;
    }
    const retryIndex = request.attempts - 1;
    const u = uniformAt(this.#jitter.hashOf(request.id, retryIndex), 0);
    const delayMs = backoffDelayMs(retry, retryIndex, request.previousDelayMs, u);
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

  readonly #onLateEffect = (logical: LogicalRequest): void => {
    const now = this.#scheduler.nowMs;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
    this.#downstreamBusy--;
    this.#applyEffect(logical);
  };

  #applyEffect(logical: LogicalRequest): void {
    const metrics = this.#metrics;
    metrics.bucket.effectsApplied++;
    if (logical.effects > 0) {
      metrics.bucket.effectsDuplicate++;
    }
    logical.effects++;
  }

  #succeed(request: RelayRequest, now: number): void {
    const metrics = this.#metrics;
    metrics.bucket.ok++;
    metrics.recordLatency(now - request.arrivedAtMs);
    const key = request.logical.key;
    if (key >= 0) this.idempotency.complete(key, now, request.id);
    this.#onEnd?.(end('ok', request.id, request.logical, request.arrivedAtMs, now));
    this.#requests.retire(request);
    this.#releaseWorker(now);
  }

  #deadLetter(request: RelayRequest, now: number): void {
    const metrics = this.#metrics;
    metrics.bucket.deadLettered++;
    const { logical } = request;
    const entry: StoredDeadLetter = {
      id: this.#nextDeadLetterId++,
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
    this.#onEnd?.(end('deadLettered', request.id, logical, request.arrivedAtMs, now));
    this.#requests.retire(request);
    this.#releaseWorker(now);
  }

  #releaseWorker(now: number): void {
    this.pool.release();
    this.#fillIdleWorkers(now);
  }

  #fillIdleWorkers(now: number): void {
    const { pool, queue } = this;
    while (queue.size > 0 && pool.acquire()) this.#startAttempt(queue.shift()!, now);
    this.#metrics.levels(now, queue.size, pool.busy);
  }
}

function end(
  outcome: RequestOutcome,
  requestId: number,
  logical: LogicalRequest,
  arrivedAtMs: number,
  endedAtMs: number,
): RequestEnd {
  return { outcome, requestId, logicalId: logical.id, key: logical.key, arrivedAtMs, endedAtMs };
}
