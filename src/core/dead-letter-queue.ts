/**
 * The dead-letter queue: requests whose retries ran out, each with its key and attempt history,
 * to inspect and replay. Bounded twice: when full, the oldest entry makes room and the overflow
 * is counted, never silent; and an entry keeps at most the first `ATTEMPTS_KEPT_FIRST` and the
 * last `ATTEMPTS_KEPT_LAST` attempts, counting the ones between (issue 13.2: 100 retries and a
 * few replays no longer make one entry kilobytes long).
 */

/** How one downstream attempt ended. */
export type AttemptOutcome = 'success' | 'failure' | 'timeout';

/** One downstream attempt of a request. Times are virtual ms. */
export interface AttemptRecord {
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: AttemptOutcome;
  /** The backoff wait that followed this attempt, or `null` when none did. */
  readonly backoffDelayMs: number | null;
}

/** Attempts an entry keeps from the start of its history. */
export const ATTEMPTS_KEPT_FIRST = 2;
/** Attempts an entry keeps from the end of its history. */
export const ATTEMPTS_KEPT_LAST = 6;
/** Most attempts an entry keeps: `ATTEMPTS_KEPT_FIRST + ATTEMPTS_KEPT_LAST`. */
export const ATTEMPTS_KEPT = ATTEMPTS_KEPT_FIRST + ATTEMPTS_KEPT_LAST;

/** Why a request was dead-lettered. */
export type DeadLetterCause = 'retriesExhausted' | 'budgetSpent' | 'breakerOpen' | 'throttled';

/** Each cause in words, as the page and the exports name it. */
export const DEAD_LETTER_CAUSES: Readonly<Record<DeadLetterCause, string>> = {
  retriesExhausted: 'retries exhausted',
  budgetSpent: 'retry budget spent',
  breakerOpen: 'breaker open',
  throttled: 'throttled',
};

/** A request that ran out of retries, or was not allowed another. */
export interface DeadLetter {
  /** Why it was dead-lettered. */
  readonly cause: DeadLetterCause;
  /** Id of the entry, unique within a run (ids grow; a re-dead-lettered replay gets a new one). */
  readonly id: number;
  /** Id of the request that ended here. */
  readonly requestId: number;
  /** The logical request: a client's resends and every replay share it. */
  readonly logicalId: number;
  /** Idempotency key, or `null` for a request without one. */
  readonly key: number | null;
  /** When the request reached the relay. */
  readonly arrivedAtMs: number;
  /** When it was dead-lettered. */
  readonly deadLetteredAtMs: number;
  /**
   * The attempts kept, in order, those of earlier runs through the relay (replays) included:
   * every attempt when there are at most `ATTEMPTS_KEPT`, else the first `ATTEMPTS_KEPT_FIRST`
   * and the last `ATTEMPTS_KEPT_LAST`, with `omittedAttempts` left out between them.
   */
  readonly attempts: readonly AttemptRecord[];
  /** Attempts made in all, kept or omitted: `attempts.length + omittedAttempts`. */
  readonly attemptCount: number;
  /**
   * Attempts left out after `attempts[ATTEMPTS_KEPT_FIRST - 1]`, e.g. for "… 12 attempts
   * omitted …" there; 0 when every attempt is kept.
   */
  readonly omittedAttempts: number;
}

/**
 * The number of `entry.attempts[index]` among every attempt the request made, from 1: the kept
 * attempts after the omitted ones are numbered past them.
 */
export function attemptNumber(entry: DeadLetter, index: number): number {
  return index < ATTEMPTS_KEPT_FIRST ? index + 1 : index + 1 + entry.omittedAttempts;
}

/** A bounded dead-letter queue, oldest first. */
export class DeadLetterQueue {
  #entries = new Map<number, DeadLetter>();
  #capacity: number;
  #overflowed = 0;
  #added = 0;

  /** `capacity`: most entries held, an integer ≥ 0 (0 keeps none and counts each as overflow). */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }
  get capacity(): number {
    return this.#capacity;
  }
  /** Changes the capacity; when lowered, the oldest entries beyond it overflow. */
  set capacity(capacity: number) {
    this.#capacity = capacity;
    this.#trim();
  }
  /** Entries dropped to make room. */
  get overflowed(): number {
    return this.#overflowed;
  }
  /** Entries ever added. */
  get added(): number {
    return this.#added;
  }

  /** Adds an entry, dropping the oldest when full. */
  add(entry: DeadLetter): void {
    this.#entries.set(entry.id, entry);
    this.#added++;
    this.#trim();
  }

  /** The entry with `id`, or `undefined`. */
  get(id: number): DeadLetter | undefined {
    return this.#entries.get(id);
  }

  /** Removes and returns the entry with `id`, or `undefined`. */
  take(id: number): DeadLetter | undefined {
    const entry = this.#entries.get(id);
    if (entry !== undefined) this.#entries.delete(id);
    return entry;
  }

  /** Removes and returns every entry, oldest first. */
  takeAll(): DeadLetter[] {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    return entries;
  }

  /** Entries oldest first; at most `limit` of the newest when given. */
  list(limit = Number.POSITIVE_INFINITY): DeadLetter[] {
    const entries = [...this.#entries.values()];
    return entries.length > limit ? entries.slice(entries.length - limit) : entries;
  }

  #trim(): void {
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value as number;
      this.#entries.delete(oldest);
      this.#overflowed++;
    }
  }
}
