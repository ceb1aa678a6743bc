/**
 * The idempotency store: a key is in progress while its request runs, and completed (holding
 * its response) for `ttlMs` after a success. Only successes are stored; a failed or rejected
 * request releases its key so the client may try again. Bounded by `maxKeys`: the oldest
 * completed entry is evicted first, an in-progress entry never (so the store can exceed `maxKeys`
 * only while that many requests with distinct keys are in progress at once).
 * Entries live in typed arrays behind a `NumberIndex`: this store is on every keyed request's path.
 */
import { NumberIndex } from './number-index';

/**
 * Options of the idempotency store (checked by the scenario schema; defaults and ranges in the
 * settings registry); times in virtual ms.
 */
export interface IdempotencyOptions {
  /** How long a success is replayed, counted from its completion. */
  readonly ttlMs: number;
  /** Most entries kept (an integer ≥ 1). */
  readonly maxKeys: number;
}

/** What `begin` found. On `proceed` the key is now in progress; on `replay`, see `response`. */
export type IdempotencyDecision = 'proceed' | 'replay' | 'conflict';

const IN_PROGRESS = 1;
const COMPLETED = 2;

/** An idempotency store over integer keys whose responses are numbers (e.g. request ids). */
export class IdempotencyStore {
  options: IdempotencyOptions;
  readonly #index = new NumberIndex(1024);
  // Entry slots; a slot is free when its state is 0.
  #state = new Uint8Array(1024);
  #expiresAtMs = new Float64Array(1024);
  #response = new Float64Array(1024);
  #serial = new Float64Array(1024);
  /**
   * Free slots: a stack in `#free[0 .. #freeCount)`, as long as the slot arrays since a slot is
   * free at most once (an array's push and pop compiled to calls on this path).
   */
  #free = new Int32Array(1024);
  #freeCount = 0;
  #used = 0;
  // Completions in order, as a ring of (key, serial, expiry) whose length is a power of two. A
  // slot whose entry has since left or restarted (its serial no longer matches) is stale and
  // skipped.
  #ringKeys = new Float64Array(1024);
  #ringSerials = new Float64Array(1024);
  #ringExpiries = new Float64Array(1024);
  #ringHead = 0;
  #ringSize = 0;
  #nextSerial = 1;
  #inProgress = 0;
  #replays = 0;
  #conflicts = 0;
  #evictions = 0;
  #expirations = 0;
  /** The stored response found by the last `begin` that returned `replay`. */
  response = 0;

  constructor(options: IdempotencyOptions) {
    this.options = options;
  }

  /** Entries held, in progress or completed (an expired entry may linger until met). */
  get size(): number {
    return this.#index.size;
  }
  /** Keys whose request is running. */
  get inProgress(): number {
    return this.#inProgress;
  }
  /** Successes replayed so far. */
  get replays(): number {
    return this.#replays;
  }
  /** Requests answered 409 so far. */
  get conflicts(): number {
    return this.#conflicts;
  }
  /** Live completed entries dropped to stay within `maxKeys`. */
  get evictions(): number {
    return this.#evictions;
  }
  /** Entries dropped because their TTL had passed. */
  get expirations(): number {
    return this.#expirations;
  }
  /** Work done by the key index so far, in slots (see `NumberIndex.probes`); for tests. */
  get indexProbes(): number {
    return this.#index.probes;
  }

  /**
   * Looks `key` up at `nowMs`. A success stored less than `ttlMs` ago is replayed (at exactly
   * `ttlMs` it has expired); a key in progress conflicts; otherwise the key becomes in progress.
   */
  begin(key: number, nowMs: number): IdempotencyDecision {
    this.#expireDue(nowMs);
    const index = this.#index;
    const position = index.find(key);
    if (position >= 0) {
      const slot = index.valueAt(position);
      if (this.#state[slot] === IN_PROGRESS) {
        this.#conflicts++;
        return 'conflict';
      }
      if (nowMs < this.#expiresAtMs[slot]!) {
        this.#replays++;
        this.response = this.#response[slot]!;
        return 'replay';
      }
      this.#removeAt(position, slot);
      this.#expirations++;
    }
    // Not just one: the store is over `maxKeys` after more keys than that were in progress at
    // once, or after `maxKeys` was lowered.
    while (index.size >= this.options.maxKeys && this.#evictOldest(nowMs)) {}
    const fresh = this.#allocate();
    this.#state[fresh] = IN_PROGRESS;
    index.add(key, fresh); // absent: not found above, and evicting removes only other keys
    this.#inProgress++;
    return 'proceed';
  }

  /** Stores the success of the request holding `key`; it is replayed until `nowMs + ttlMs`. */
  complete(key: number, nowMs: number, response: number): void {
    const slot = this.#index.valueAt(this.#inProgressPosition(key));
    this.#inProgress--;
    const expiresAtMs = nowMs + this.options.ttlMs;
    const serial = this.#nextSerial++;
    this.#state[slot] = COMPLETED;
    this.#expiresAtMs[slot] = expiresAtMs;
    this.#response[slot] = response;
    this.#serial[slot] = serial;
    this.#ringPush(key, serial, expiresAtMs);
  }

  /** Forgets the in-progress `key` (its request failed or was rejected): nothing is cached. */
  release(key: number): void {
    const position = this.#inProgressPosition(key);
    this.#removeAt(position, this.#index.valueAt(position));
    this.#inProgress--;
  }

  /** Where the in-progress `key` is in the index; throws when it is not in progress. */
  #inProgressPosition(key: number): number {
    const position = this.#index.find(key);
    if (position < 0 || this.#state[this.#index.valueAt(position)] !== IN_PROGRESS) {
      throw new Error(`key ${key} is not in progress`);
    }
    return position;
  }

  /** Removes the entry at index `position`, whose slot is `slot`. */
  #removeAt(position: number, slot: number): void {
    this.#index.deleteAt(position);
    this.#state[slot] = 0;
    this.#serial[slot] = 0;
    this.#free[this.#freeCount++] = slot;
  }

  #allocate(): number {
    if (this.#freeCount > 0) return this.#free[--this.#freeCount]!;
    if (this.#used === this.#state.length) this.#growSlots();
    return this.#used++;
  }

  /** Drops completed entries whose TTL has passed, oldest first. */
  #expireDue(nowMs: number): void {
    while (this.#ringSize > 0 && nowMs >= this.#ringExpiries[this.#ringHead]!) {
      if (this.#dropRingHead()) this.#expirations++;
    }
  }

  /** Drops the oldest completed entry; false when there is none (all are in progress). */
  #evictOldest(nowMs: number): boolean {
    while (this.#ringSize > 0) {
      const live = nowMs < this.#ringExpiries[this.#ringHead]!;
      if (this.#dropRingHead()) {
        if (live) this.#evictions++;
        else this.#expirations++;
        return true;
      }
    }
    return false;
  }

  /** Pops the oldest completion; removes its entry and returns true unless the slot was stale. */
  #dropRingHead(): boolean {
    const head = this.#ringHead;
    const key = this.#ringKeys[head]!;
    const serial = this.#ringSerials[head]!;
    this.#ringHead = (head + 1) & (this.#ringKeys.length - 1);
    this.#ringSize--;
    const position = this.#index.find(key);
    if (position < 0) return false;
    const slot = this.#index.valueAt(position);
    if (this.#serial[slot] !== serial) return false;
    this.#removeAt(position, slot);
    return true;
  }

  #ringPush(key: number, serial: number, expiresAtMs: number): void {
    if (this.#ringSize === this.#ringKeys.length) this.#growRing();
    const at = (this.#ringHead + this.#ringSize) & (this.#ringKeys.length - 1);
    this.#ringKeys[at] = key;
    this.#ringSerials[at] = serial;
    this.#ringExpiries[at] = expiresAtMs;
    this.#ringSize++;
  }

  #growSlots(): void {
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(
      array: T,
      make: (n: number) => T,
    ): T => {
      const next = make(array.length * 2);
      next.set(array);
      return next;
    };
    this.#state = grow(this.#state, (n) => new Uint8Array(n));
    this.#expiresAtMs = grow(this.#expiresAtMs, (n) => new Float64Array(n));
    this.#response = grow(this.#response, (n) => new Float64Array(n));
    this.#serial = grow(this.#serial, (n) => new Float64Array(n));
    this.#free = grow(this.#free, (n) => new Int32Array(n));
  }

  #growRing(): void {
    const head = this.#ringHead;
    const unroll = (ring: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(ring.length * 2);
      // Full ring: oldest from `head` to the end, then the rest from 0.
      next.set(ring.subarray(head));
      next.set(ring.subarray(0, head), ring.length - head);
      return next;
    };
    this.#ringKeys = unroll(this.#ringKeys);
    this.#ringSerials = unroll(this.#ringSerials);
    this.#ringExpiries = unroll(this.#ringExpiries);
    this.#ringHead = 0;
  }
}
