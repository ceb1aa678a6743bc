/**
 * The relay: a request's way through idempotency check, admission (worker or queue, else 429),
 * attempts with retries and backoff, and its end (200, replay, 409, 429 or dead letter).
 * Invariant, at every event: arrivals = ok + replayed + rejected + conflict + deadLettered +
 * (queued + busy workers), since a worker holds its request through every backoff wait.
 */
import { backoffDelayMs } from './backoff';
import { BoundedQueue } from './bounded-queue';
import type { AttemptRecord, DeadLetter } from './dead-letter-queue';
import { DeadLetterQueue } from './dead-letter-queue';
import { Downstream, Fate } from './downstream';
import { IdempotencyStore } from './idempotency-store';
import type { Metrics } from './metrics';
import { type Random, uniformAt } from './random';
import type { AttemptOutcome } from './retry';
import type { RelayConfig } from './scenario-schema';
import type { Scheduler } from './scheduler';
import type { LogicalRequest } from './traffic';
import { WorkerPool } from './worker-pool';

/** An attempt that the relay stopped waiting for (a hang, or a call slower than the timeout). */
const TIMEOUT = 3;
const OUTCOMES: Record<number, AttemptOutcome> = { 0: 'success', 1: 'failure', 3: 'timeout' };
const FATE_CODES: Record<AttemptOutcome, number> = {
  success: Fate.Success,
  failure: Fate.Failure,
  timeout: TIMEOUT,
};

/** How a request ended: its response to the client. */
export type RequestOutcome = 'ok' | 'replayed' | 'rejected' | 'conflict' | 'deadLettered';

/** A request's end, for observers (tests, traces). Times in virtual ms. */
export interface RequestEnd {
  readonly outcome: RequestOutcome;
  /** Id of the request, or -1 when it ended before it was admitted (replayed, conflict). */
  readonly requestId: number;
  readonly logicalId: number;
  /** Idempotency key, or -1 for none. */
  readonly key: number;
  readonly arrivedAtMs: number;
  readonly endedAtMs: number;
}

/** A dead letter, with the logical request a replay goes on with. */
export interface StoredDeadLetter extends DeadLetter {
  readonly logical: LogicalRequest;
}

/** What a spare request refers to, so it holds on to no logical request. */
const NO_LOGICAL: LogicalRequest = { id: -1, key: -1, effects: 0 };

/**
 * A request in the relay, from admission to its end. The relay reuses these objects (see
 * `Relay.#spare`): nothing refers to a request once it has ended, and reuse spares the garbage
 * collector an object and a growing history array per request.
 */
class Request {
  id = 0;
  logical: LogicalRequest = NO_LOGICAL;
  arrivedAtMs = 0;
  attempts = 0;
  attemptStartMs = 0;
  fate = 0;
  previousDelayMs = 0;
  /** The next spare request, while this one is spare. */
  nextSpare: Request | null = null;
  /** Failed attempts recorded in `history`. */
  failures = 0;
  /**
   * Failed attempts as flat [startMs, endMs, fate, backoffDelayMs or -1] quadruples, in
   * `history[0 .. 4 · failures)`; entries beyond are left from an earlier use of this object.
   */
  readonly history: number[] = [];

  /** Records a failed attempt, with no backoff delay yet. */
  addFailure(startMs: number, endMs: number, fate: number): void {
    const at = 4 * this.failures++;
    const history = this.history;
    history[at] = startMs;
    history[at + 1] = endMs;
    history[at + 2] = fate;
    history[at + 3] = -1;
  }

  /** Sets the backoff delay that followed the last failed attempt. */
  setLastDelay(delayMs: number): void {
    this.history[4 * this.failures - 1] = delayMs;
  }

  /** The failed attempts, oldest first. */
  attemptRecords(): AttemptRecord[] {
    const { history } = this;
    const attempts: AttemptRecord[] = [];
    for (let at = 0; at < 4 * this.failures; at += 4) {
      const delay = history[at + 3]!;
      attempts.push({
        startMs: history[at]!,
        endMs: history[at + 1]!,
        outcome: OUTCOMES[history[at + 2]!]!,
        backoffDelayMs: delay < 0 ? null : delay,
      });
    }
    return attempts;
  }
}

/** The relay under test, driven by a scheduler. */
export class Relay {
  readonly queue: BoundedQueue<Request>;
  readonly pool: WorkerPool;
  readonly idempotency: IdempotencyStore;
  readonly deadLetters: DeadLetterQueue;
  readonly downstream: Downstream;
  #config: RelayConfig;
  readonly #scheduler: Scheduler;
  readonly #metrics: Metrics;
  readonly #jitter: Random;
  #nextRequestId = 0;
  /**
   * Ended requests, ready for reuse, linked through `nextSpare` (an array's push compiled to a
   * call here): at most as many as were ever in flight at once.
   */
  #spare: Request | null = null;
  #nextDeadLetterId = 0;
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
    if (logical.key >= 0) {
      const decision = this.idempotency.begin(logical.key, now);
      if (decision === 'replay') {
        metrics.bucket.replayed++;
        this.#onEnd?.(end('replayed', -1, logical, now, now));
        return;
      }
      if (decision === 'conflict') {
        metrics.bucket.conflict++;
        this.#onEnd?.(end('conflict', -1, logical, now, now));
        if (replayOf !== null) this.deadLetters.add(replayOf);
        return;
      }
    }
    const request = this.#admit(logical, now, replayOf);
    if (this.pool.acquire()) {
      this.#startAttempt(request, now);
    } else if (!this.queue.push(request)) {
      metrics.bucket.rejected++;
      this.#onEnd?.(end('rejected', request.id, logical, now, now));
      this.#retire(request);
      if (logical.key >= 0) this.idempotency.release(logical.key);
      if (replayOf !== null) this.deadLetters.add(replayOf); // a refused replay loses nothing
      return;
    }
    metrics.levels(now, this.queue.size, this.pool.busy);
  }

  /** A request for `logical`, arriving now: a spare one when there is one. */
  #admit(logical: LogicalRequest, now: number, replayOf: StoredDeadLetter | null): Request {
    let request = this.#spare;
    if (request === null) {
      request = new Request();
    } else {
      this.#spare = request.nextSpare;
      request.nextSpare = null;
    }
    request.id = this.#nextRequestId++;
    request.logical = logical;
    request.arrivedAtMs = now;
    request.attempts = 0;
    request.previousDelayMs = this.#config.relay.retry.baseDelayMs;
    request.failures = 0;
    if (replayOf !== null) {
      for (const a of replayOf.attempts) {
        request.addFailure(a.startMs, a.endMs, FATE_CODES[a.outcome]);
        if (a.backoffDelayMs !== null) request.setLastDelay(a.backoffDelayMs);
      }
    }
    return request;
  }

  /** Puts an ended request aside for reuse, holding on to nothing it referred to. */
  #retire(request: Request): void {
    request.logical = NO_LOGICAL;
    request.nextSpare = this.#spare;
    this.#spare = request;
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

  #startAttempt(request: Request, now: number): void {
    const metrics = this.#metrics;
    metrics.bucket.calls++;
    request.attemptStartMs = now;
    const downstream = this.downstream;
    const fate = downstream.draw(request.id, request.attempts++);
    const latencyMs = downstream.latencyMs;
    const timeoutMs = this.#config.relay.retry.attemptTimeoutMs;
    if (fate === Fate.Hang || latencyMs >= timeoutMs) {
      request.fate = TIMEOUT;
      // A slow success still lands, after the relay has stopped waiting for it.
      if (fate === Fate.Success)
        this.#scheduler.schedule(latencyMs, this.#onLateEffect, request.logical);
      this.#scheduler.schedule(timeoutMs, this.#onAttemptEnd, request);
    } else {
      request.fate = fate;
      this.#scheduler.schedule(latencyMs, this.#onAttemptEnd, request);
    }
  }

  readonly #onAttemptEnd = (request: Request): void => {
    const now = this.#scheduler.nowMs;
    const metrics = this.#metrics;
    if (now >= metrics.bucketEndMs) metrics.roll(now);
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

  readonly #onRetry = (request: Request): void => {
    const now = this.#scheduler.nowMs;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
    this.#startAttempt(request, now);
  };

  readonly #onLateEffect = (logical: LogicalRequest): void => {
    const now = this.#scheduler.nowMs;
    if (now >= this.#metrics.bucketEndMs) this.#metrics.roll(now);
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

  #succeed(request: Request, now: number): void {
    const metrics = this.#metrics;
    metrics.bucket.ok++;
    metrics.recordLatency(now - request.arrivedAtMs);
    const key = request.logical.key;
    if (key >= 0) this.idempotency.complete(key, now, request.id);
    this.#onEnd?.(end('ok', request.id, request.logical, request.arrivedAtMs, now));
    this.#retire(request);
    this.#releaseWorker(now);
  }

  #deadLetter(request: Request, now: number): void {
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
      logical,
    };
    this.deadLetters.add(entry);
    if (logical.key >= 0) this.idempotency.release(logical.key);
    this.#onEnd?.(end('deadLettered', request.id, logical, request.arrivedAtMs, now));
    this.#retire(request);
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
