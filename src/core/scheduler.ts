/**
 * The virtual clock: a binary min-heap of timed callbacks, ordered by (time, lane, insertion).
 * Invariant: `nowMs` never decreases, and an event never runs before an earlier-keyed one.
 * Event records are pooled, so a long run allocates nothing per event once warm.
 */

/** A callback run by the scheduler, with the argument it was scheduled with. */
export type EventHandler<A> = (arg: A) => void;

/**
 * Lane of an event among those at the same virtual time. `late` events run after every `normal`
 * event at that time: a reconfiguration recorded at time t in a live run happened after the events
 * at t, so a replay of it must too.
 */
export type Lane = 'normal' | 'late';

/** Handle of a scheduled event, for `cancel`. */
export type EventId = number;

const LATE = 2 ** 52;
const skip: EventHandler<unknown> = () => {};

class EventRecord {
  time = 0;
  /** Insertion sequence, plus `LATE` in the late lane: ties break by lane, then by order. */
  key = 0;
  handler: EventHandler<unknown> = skip;
  arg: unknown = undefined;
  /** The next spare record, while this one is spare (not in the heap). */
  nextSpare: EventRecord | null = null;
}

function before(a: EventRecord, b: EventRecord): boolean {
  return a.time < b.time || (a.time === b.time && a.key < b.key);
}

/** A discrete-event scheduler over virtual milliseconds. Never reads the wall clock. */
export class Scheduler {
  #nowMs = 0;
  #seq = 0;
  #heap: EventRecord[] = [];
  /**
   * Records that ran, linked through `nextSpare`: a list rather than an array, so reusing a record
   * is two field writes (an array's push compiled to a builtin call on this hot path).
   */
  #spare: EventRecord | null = null;
  #executed = 0;

  /** Current virtual time, in ms. */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** Events waiting to run (cancelled ones included until they surface). */
  get size(): number {
    return this.#heap.length;
  }

  /** Events run so far. */
  get executed(): number {
    return this.#executed;
  }

  /** Virtual time of the next event, or `Infinity` when none is waiting. */
  get nextTimeMs(): number {
    return this.#heap.length > 0 ? this.#heap[0]!.time : Number.POSITIVE_INFINITY;
  }

  /** Runs `handler(arg)` after `delayMs` (≥ 0) of virtual time. */
  schedule<A>(delayMs: number, handler: EventHandler<A>, arg: A, lane: Lane = 'normal'): EventId {
    if (!(delayMs >= 0)) throw new RangeError(`Expected \`delayMs\` to be ≥ 0, got ${delayMs}`);
    return this.#push(this.#nowMs + delayMs, handler as EventHandler<unknown>, arg, lane);
  }

  /** Runs `handler(arg)` at virtual time `timeMs` (≥ `nowMs`). */
  scheduleAt<A>(timeMs: number, handler: EventHandler<A>, arg: A, lane: Lane = 'normal'): EventId {
    if (!(timeMs >= this.#nowMs)) {
      throw new RangeError(`Expected \`timeMs\` to be ≥ now (${this.#nowMs}), got ${timeMs}`);
    }
    return this.#push(timeMs, handler as EventHandler<unknown>, arg, lane);
  }

  /**
   * Cancels a pending event; returns false when it already ran or was cancelled. Linear in the
   * number of pending events: meant for rare reconfigurations, not for the hot path.
   */
  cancel(id: EventId): boolean {
    for (const event of this.#heap) {
      if (event.key % LATE === id && event.handler !== skip) {
        event.handler = skip;
        event.arg = undefined;
        return true;
      }
    }
    return false;
  }

  /** Runs every event due at or before `timeMs`, in order, then sets the clock to `timeMs`. */
  runUntil(timeMs: number, afterEach?: () => void): void {
    if (!(timeMs >= this.#nowMs)) {
      throw new RangeError(`Expected \`timeMs\` to be ≥ now (${this.#nowMs}), got ${timeMs}`);
    }
    const heap = this.#heap;
    while (heap.length > 0 && heap[0]!.time <= timeMs) {
      if (this.#runNext() && afterEach !== undefined) afterEach();
    }
    this.#nowMs = timeMs;
  }

  /** Runs the next event that is not cancelled; returns false when none is waiting. */
  step(): boolean {
    while (this.#heap.length > 0) {
      if (this.#runNext()) return true;
    }
    return false;
  }

  #push(time: number, handler: EventHandler<unknown>, arg: unknown, lane: Lane): EventId {
    const id = this.#seq++;
    let event = this.#spare;
    if (event === null) {
      event = new EventRecord();
    } else {
      this.#spare = event.nextSpare;
      event.nextSpare = null;
    }
    event.time = time;
    event.key = lane === 'late' ? id + LATE : id;
    event.handler = handler;
    event.arg = arg;
    const heap = this.#heap;
    let i = heap.push(event) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (!before(event, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = event;
    return id;
  }

  /** Pops the next event and runs it; returns false when it was cancelled (nothing ran). */
  #runNext(): boolean {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const size = heap.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && before(heap[child + 1]!, heap[child]!)) child++;
        const below = heap[child]!;
        if (!before(below, last)) break;
        heap[i] = below;
        i = child;
      }
      heap[i] = last;
    }
    const { handler, arg } = top;
    top.handler = skip;
    top.arg = undefined;
    top.nextSpare = this.#spare;
    this.#spare = top;
    if (handler === skip) return false;
    this.#nowMs = top.time;
    this.#executed++;
    handler(arg);
    return true;
  }
}
