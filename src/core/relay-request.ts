/**
 * The relay's record of one admitted request, and the pool that reuses these records. Nothing
 * refers to a request once it has ended (ok, dead-lettered or rejected), so the relay gives it
 * back and the next arrival takes it: no object per request, and a history of failed attempts
 * bounded as a dead letter's is (the first and the last few, and a count).
 */
import {
  ATTEMPTS_KEPT,
  ATTEMPTS_KEPT_FIRST,
  ATTEMPTS_KEPT_LAST,
  type AttemptOutcome,
  type AttemptRecord,
  type DeadLetter,
} from './dead-letter-queue';
import { Fate } from './downstream';
import type { DownstreamCall } from './downstream-station';
import type { LogicalRequest } from './traffic';

/** Fate code of an attempt the relay stopped waiting for (a hang, or slower than the timeout). */
export const TIMEOUT = 3;
const OUTCOMES: Record<number, AttemptOutcome> = { 0: 'success', 1: 'failure', 3: 'timeout' };
const FATE_CODES: Record<AttemptOutcome, number> = {
  success: Fate.Success,
  failure: Fate.Failure,
  timeout: TIMEOUT,
};

/** What a spare request refers to, so it holds on to no logical request. */
const NO_LOGICAL: LogicalRequest = {
  id: -1,
  key: -1,
  effects: 0,
  resends: 0,
  resendsSent: 0,
  resendDelayMs: 0,
  firstSentAtMs: 0,
  served: false,
};

/** A request in the relay, from admission to its end. */
export class RelayRequest {
  id = 0;
  logical: LogicalRequest = NO_LOGICAL;
  arrivedAtMs = 0;
  attempts = 0;
  attemptStartMs = 0;
  /** Fate of the running attempt: a `Fate`, or `TIMEOUT`. */
  fate = 0;
  previousDelayMs = 0;
  /** True while the running attempt holds one of the downstream's call slots until it ends. */
  holdsCallUntilEnd = false;
  /** Busy time of the running attempt's call at an unbounded downstream, ms. */
  callBusyMs = 0;
  /** Serial of the attempt the relay waits for at the downstream station, or 0 for none. */
  attemptSerial = 0;
  /** When the relay stops waiting for that attempt, ms. */
  attemptTimeoutAtMs = 0;
  /** True for a client's request; false for a dead-letter replay, which no client waits for. */
  client = true;
  /** When its client gives up, ms (`Infinity`: never). */
  deadlineAtMs = Number.POSITIVE_INFINITY;
  /** True once its client has gone: its outcome (abandoned) is counted, whatever the relay does. */
  abandoned = false;
  /** Scheduled events that still refer to it (a deadline, a timeout): it is reused only after. */
  pending = 0;
  /** True once it has left the relay; with events pending it waits for them before reuse. */
  retired = false;
  /** When it joined the relay's queue, and when a worker took it, ms. */
  queuedAtMs = 0;
  startedAtMs = 0;
  /** The dead letter it replays, or null for a client's request. */
  replayOf: DeadLetter | null = null;
  /** True while a retry the budget was charged for is still to run, and whether it was charged
   * as a retry after a timeout. */
  retryCharged = false;
  retryAfterTimeout = false;
  /** True when the running attempt was refused for overload, with its Retry-After, ms (0: none). */
  refused = false;
  retryAfterMs = 0;
  /** Calls of the running attempt not yet answered (2 while a hedge is out), and those calls. */
  callsOutstanding = 0;
  firstCall: DownstreamCall | null = null;
  hedgeCall: DownstreamCall | null = null;
  /** The next spare request, while this one is in the pool. */
  nextSpare: RelayRequest | null = null;
  /** Failed attempts so far, kept in `history` or omitted (earlier runs' included). */
  failures = 0;
  /**
   * Kept failed attempts as flat [startMs, endMs, fate, backoffDelayMs or -1] quadruples: the
   * first `ATTEMPTS_KEPT_FIRST` at the front, then the last `ATTEMPTS_KEPT_LAST` in a ring (see
   * `slotOf`). Only the first `4 · min(failures, ATTEMPTS_KEPT)` numbers are this request's;
   * the rest are left from an earlier use of this object.
   */
  readonly history: number[] = [];

  /** Failed attempts left out of `attemptRecords()` (between the first and the last kept). */
  get omittedAttempts(): number {
    return Math.max(0, this.failures - ATTEMPTS_KEPT);
  }

  /** Records a failed attempt, with no backoff delay yet. */
  addFailure(startMs: number, endMs: number, fate: number): void {
    const at = 4 * slotOf(this.failures++);
    const history = this.history;
    history[at] = startMs;
    history[at + 1] = endMs;
    history[at + 2] = fate;
    history[at + 3] = -1;
  }

  /** Sets the backoff delay that followed the last failed attempt. */
  setLastDelay(delayMs: number): void {
    this.history[4 * slotOf(this.failures - 1) + 3] = delayMs;
  }

  /** Records earlier attempts: those kept by a dead letter being replayed, and its omitted count. */
  addAttempts(entry: Pick<DeadLetter, 'attempts' | 'omittedAttempts'>): void {
    entry.attempts.forEach((a, i) => {
      if (i === ATTEMPTS_KEPT_FIRST) this.failures += entry.omittedAttempts;
      this.addFailure(a.startMs, a.endMs, FATE_CODES[a.outcome]);
      if (a.backoffDelayMs !== null) this.setLastDelay(a.backoffDelayMs);
    });
  }

  /** The kept failed attempts, oldest first: `omittedAttempts` fall after the first few. */
  attemptRecords(): AttemptRecord[] {
    const kept = Math.min(this.failures, ATTEMPTS_KEPT);
    const attempts: AttemptRecord[] = [];
    for (let i = 0; i < kept; i++) {
      const failure = i < ATTEMPTS_KEPT_FIRST ? i : this.failures - kept + i;
      attempts.push(this.#record(4 * slotOf(failure)));
    }
    return attempts;
  }

  #record(at: number): AttemptRecord {
    const { history } = this;
    const delay = history[at + 3]!;
    return {
      startMs: history[at]!,
      endMs: history[at + 1]!,
      outcome: OUTCOMES[history[at + 2]!]!,
      backoffDelayMs: delay < 0 ? null : delay,
    };
  }
}

/** Where the `failure`-th failed attempt (from 0) is kept: the first few, then a ring. */
function slotOf(failure: number): number {
  return failure < ATTEMPTS_KEPT
    ? failure
    : ATTEMPTS_KEPT_FIRST + ((failure - ATTEMPTS_KEPT_FIRST) % ATTEMPTS_KEPT_LAST);
}

/**
 * Spare requests, linked through `nextSpare` (an array's push compiled to a call on this path).
 * It holds at most as many as were ever in flight at once.
 */
export class RequestPool {
  #spare: RelayRequest | null = null;

  /** A request for `logical`, arriving at `nowMs`, with no attempts yet. */
  take(id: number, logical: LogicalRequest, nowMs: number, baseDelayMs: number): RelayRequest {
    let request = this.#spare;
    if (request === null) {
      request = new RelayRequest();
    } else {
      this.#spare = request.nextSpare;
      request.nextSpare = null;
    }
    request.id = id;
    request.logical = logical;
    request.arrivedAtMs = nowMs;
    request.attempts = 0;
    request.previousDelayMs = baseDelayMs;
    request.failures = 0;
    request.attemptSerial = 0;
    request.refused = false;
    request.retryCharged = false;
    request.retryAfterTimeout = false;
    request.retryAfterMs = 0;
    request.callsOutstanding = 0;
    request.replayOf = null;
    request.client = true;
    request.deadlineAtMs = Number.POSITIVE_INFINITY;
    request.abandoned = false;
    request.retired = false;
    return request;
  }

  /**
   * Takes back a request that has left the relay. Events that still refer to it (`pending`)
   * keep it out of the pool until each has `settle`d, so none of them meets a stranger.
   */
  retire(request: RelayRequest): void {
    request.retired = true;
    if (request.pending === 0) this.#reuse(request);
  }

  /** An event that referred to `request` has run; true while the request is still in the relay. */
  settle(request: RelayRequest): boolean {
    request.pending--;
    if (!request.retired) return true;
    if (request.pending === 0) this.#reuse(request);
    return false;
  }

  #reuse(request: RelayRequest): void {
    request.logical = NO_LOGICAL;
    request.replayOf = null;
    request.firstCall = null;
    request.hedgeCall = null;
    request.nextSpare = this.#spare;
    this.#spare = request;
  }
}
