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
  /**
   * True while a handler runs and `#heap[0]` still holds its spent record. The first event the
   * handler schedules takes that place and sifts down, instead of being pushed at the bottom after
   * the record was popped: one sift instead of two, for the usual handler that schedules one
   * event. Every other reader of the heap closes the vacancy first (`#closeVacancy`).
   */
  #vacant = false;

  /** Current virtual time, in ms. */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** Events waiting to run (cancelled ones included until they surface). */
  get size(): number {
    this.#closeVacancy();
    return this.#heap.length;
  }

  /** Events run so far. */
  get executed(): number {
    return this.#executed;
  }

  /** Virtual time of the next event, or `Infinity` when none is waiting. */
  get nextTimeMs(): number {
    this.#closeVacancy();
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
    this.#closeVacancy();
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
    this.#closeVacancy(); // a handler may run events itself
    const heap = this.#heap;
    while (heap.length > 0 && heap[0]!.time <= timeMs) {
      if (this.#runNext() && afterEach !== undefined) afterEach();
    }
    this.#nowMs = timeMs;
  }

  /** Runs the next event that is not cancelled; returns false when none is waiting. */
  step(): boolean {
    this.#closeVacancy(); // a handler may run events itself
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
    if (this.#vacant) {
      this.#vacant = false;
      this.#siftDown(event);
      return id;
    }
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

  /** Puts `event` at the root, whose record is spent, and moves it down to its place. */
  #siftDown(event: EventRecord): void {
    const heap = this.#heap;
    const size = heap.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && before(heap[child + 1]!, heap[child]!)) child++;
      const below = heap[child]!;
      if (!before(below, event)) break;
      heap[i] = below;
      i = child;
    }
    heap[i] = event;
  }

  /** Removes the spent record at the root, if the handler that left it scheduled nothing. */
  #closeVacancy(): void {
    if (!this.#vacant) return;
    this.#vacant = false;
    const last = this.#heap.pop()!;
    if (this.#heap.length > 0) this.#siftDown(last);
  }

  /** Runs the next event; returns false when it was cancelled (nothing ran). */
  #runNext(): boolean {
    const top = this.#heap[0]!;
    const { handler, arg } = top;
    top.handler = skip;
    top.arg = undefined;
    top.nextSpare = this.#spare;
    this.#spare = top;
    this.#vacant = true;
    if (handler !== skip) {
      this.#nowMs = top.time;
      this.#executed++;
      handler(arg);
    }
    this.#closeVacancy();
    return handler !== skip;
  }
}
