/**
 * The downstream's finite capacity: `servers` working from one FIFO queue that holds at most
 * `queueCapacity` calls. A call is served as soon as a server is free, so its latency is its wait
 * plus its service time; a call that finds the queue full is refused at once. A call is served
 * even when its caller has stopped waiting (the relay timed out, or its client left): that is
 * wasted work, unless the deadline travels with the call and the station drops it unserved.
 * Invariant: `busy` grows only while `busy < servers`, and the queue only while below capacity
 * (lowering either lets the excess drain, as the relay's own queue and pool do).
 */
import { BoundedQueue } from './bounded-queue';
import type { Scheduler } from './scheduler';
import type { LogicalRequest } from './traffic';

/** One call at the downstream: an attempt of a relay request. */
export class DownstreamCall {
  /** Who made it: the relay's request record, checked against `serial` (records are reused). */
  caller: unknown = null;
  /** The logical request it works for: where its effect lands, whoever still waits. */
  logical: LogicalRequest | null = null;
  /** The attempt's serial, unique in a run: the caller waits while its attempt has this one. */
  serial = 0;
  /** The drawn fate (`Fate`), and the service time it takes once a server has it, ms. */
  fate = 0;
  serviceMs = 0;
  /** When the caller stops waiting (its attempt's timeout), ms. A hang holds its server to it. */
  giveUpAtMs = 0;
  /** True for a hang: it never answers, and holds its server until the caller gives up. */
  hangs = false;
  /** How long it held its server, ms (set when served). */
  busyMs = 0;
  /** When it was sent, ms; true once a server took it; true when its twin answered first. */
  sentAtMs = 0;
  started = false;
  cancelled = false;
  /** The next spare call, while this one is in the pool. */
  nextSpare: DownstreamCall | null = null;
}

/** What the station asks of the relay that calls it. */
export interface StationCaller {
  /** True while the caller of `call` still waits for its answer. */
  waiting(call: DownstreamCall): boolean;
  /**
   * `call` is done (served, or a hang released after `call.busyMs`): the relay takes its answer,
   * or counts the work wasted.
   */
  done(call: DownstreamCall): void;
  /** `call` was dropped from the queue unserved: its caller had stopped waiting. */
  dropped(call: DownstreamCall): void;
  /** `call` was cancelled while it waited (its hedge twin answered first): no work was done. */
  cancelled(call: DownstreamCall): void;
  /** The queue now holds `queued` calls. */
  queueChanged(queued: number): void;
}

/** Servers and their queue, on the relay's scheduler. */
export class DownstreamStation {
  readonly #scheduler: Scheduler;
  readonly #caller: StationCaller;
  readonly #queue = new BoundedQueue<DownstreamCall>(0);
  #servers = 1;
  #busy = 0;
  #dropUnwaited = false;
  #spare: DownstreamCall | null = null;

  constructor(scheduler: Scheduler, caller: StationCaller) {
    this.#scheduler = scheduler;
    this.#caller = caller;
  }

  /** Servers working now, and the most calls that may wait. */
  get servers(): number {
    return this.#servers;
  }
  get queueCapacity(): number {
    return this.#queue.capacity;
  }
  /** Servers busy now. */
  get busy(): number {
    return this.#busy;
  }
  /** Calls waiting for a server now. */
  get queued(): number {
    return this.#queue.size;
  }

  /**
   * Applies settings: `servers` working now (a brownout's share of them included), the queue's
   * capacity (`Infinity` for none), and whether calls whose caller stopped waiting are dropped.
   */
  configure(servers: number, queueCapacity: number, dropUnwaited: boolean): void {
    this.#servers = servers;
    this.#queue.capacity = queueCapacity;
    this.#dropUnwaited = dropUnwaited;
    this.#serveQueued();
  }

  /** A fresh call record (from the pool). */
  take(): DownstreamCall {
    const call = this.#spare;
    if (call === null) return new DownstreamCall();
    this.#spare = call.nextSpare;
    call.nextSpare = null;
    return call;
  }

  /**
   * Takes a server for a call served outside the queue (at an unbounded downstream, where its
   * latency is known at once); `vacate` gives it back. Counted with the station's own, so a
   * change to finite servers sees the calls already in progress.
   */
  occupy(): void {
    this.#busy++;
  }

  /** Gives back a server taken by `occupy`; a queued call may take it. */
  vacate(): void {
    this.#busy--;
    this.#serveQueued();
  }

  /** Takes `call` now: served at once, queued, or refused (false: the queue is full). */
  submit(call: DownstreamCall): boolean {
    if (this.#busy < this.#servers) {
      this.#start(call);
      return true;
    }
    if (!this.#queue.push(call)) {
      this.release(call);
      return false;
    }
    this.#caller.queueChanged(this.#queue.size);
    return true;
  }

  #start(call: DownstreamCall): void {
    this.#busy++;
    call.started = true;
    const now = this.#scheduler.nowMs;
    // A hang answers never: it holds its server until its caller gives up (perhaps already).
    call.busyMs = call.hangs ? Math.max(0, call.giveUpAtMs - now) : call.serviceMs;
    this.#scheduler.schedule(call.busyMs, this.#onDone, call);
  }

  readonly #onDone = (call: DownstreamCall): void => {
    this.#busy--;
    this.#caller.done(call);
    this.release(call);
    this.#serveQueued();
  };

  #serveQueued(): void {
    const queue = this.#queue;
    if (this.#busy >= this.#servers || queue.size === 0) return;
    while (this.#busy < this.#servers && queue.size > 0) {
      const next = queue.shift()!;
      if (next.cancelled) {
        this.#caller.cancelled(next);
        this.release(next);
        continue;
      }
      if (this.#dropUnwaited && !this.#caller.waiting(next)) {
        this.#caller.dropped(next);
        this.release(next);
        continue;
      }
      this.#start(next);
    }
    this.#caller.queueChanged(queue.size);
  }

  /** Takes back a call record nothing refers to any more. */
  release(call: DownstreamCall): void {
    call.caller = null;
    call.logical = null;
    call.started = false;
    call.cancelled = false;
    call.nextSpare = this.#spare;
    this.#spare = call;
  }
}
