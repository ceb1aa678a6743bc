/**
 * A running simulation of one scenario: the relay, its traffic and downstream on one virtual
 * clock. Live use advances it in steps and changes settings at the current time; every change is
 * returned as a timeline entry, so seed + scenario + recorded timeline replays the run exactly.
 * Timeline entries and bursts run in the scheduler's late lane: after every other event at their
 * time, just as a live change happens after the events up to the current time.
 */

import { Clients } from './clients';
import type { DeadLetter } from './dead-letter-queue';
import { type Counters, type Gauges, Metrics, type MetricsBucket } from './metrics';
import { createRandom } from './random';
import { Relay, type RequestEnd, type RetryScheduled, type StoredDeadLetter } from './relay';
import {
  checkConfig,
  parseScenario,
  parseSettable,
  ScenarioError,
  setField,
  startingConfig,
} from './scenario';
import type { RelayConfig, Scenario, SettablePath, TimelineEntry } from './scenario-schema';
import { Scheduler } from './scheduler';
import { type RunSummary, summarize } from './summary';
import { Traffic } from './traffic';

/** Options of a simulation (not part of the scenario: they shape the output, not the run). */
export interface SimulationOptions {
  /** Width of a metrics bucket, virtual ms. @default 250 */
  readonly bucketMs?: number;
  /** Closed buckets held until `takeBuckets` (older ones are dropped and counted). @default 4096 */
  readonly keepBuckets?: number;
  /** Called after every event; for invariant checks in tests. */
  readonly afterEachEvent?: (simulation: Simulation) => void;
  /** Called when a request ends, with its outcome; for tests and traces. */
  readonly onRequestEnd?: (end: RequestEnd) => void;
  /** Called when a retry is scheduled, with its delay; for tests and traces. */
  readonly onRetry?: (retry: RetryScheduled) => void;
}

/** Levels of the relay right now, for invariant checks and the UI. */
export interface RelayState {
  nowMs: number;
  queueDepth: number;
  queueCapacity: number;
  busyWorkers: number;
  /** `Infinity` when unbounded. */
  workers: number;
  inFlight: number;
  /** Calls the downstream is working on, its servers (`Infinity` when unbounded), and the calls
   * waiting for one with that queue's capacity (`Infinity` when unbounded). */
  downstreamBusy: number;
  downstreamLimit: number;
  downstreamQueued: number;
  downstreamQueueCapacity: number;
  /** Requests the relay holds whose client has gone (outcome counted: not in flight). */
  abandonedHeld: number;
  counters: Counters;
}

/** A simulation; create it with `createSimulation`. */
export class Simulation {
  /** The scenario as parsed, defaults filled. */
  readonly scenario: Scenario;
  readonly #config: RelayConfig;
  readonly #scheduler = new Scheduler();
  readonly #metrics: Metrics;
  readonly #relay: Relay;
  readonly #traffic: Traffic;
  readonly #clients: Clients;
  readonly #afterEach: (() => void) | undefined;
  #arrivalEvent = -1;
  /** Client requests are numbered in order of arrival (see `REPLAY_IDS_FROM`). */
  #nextRequestId = 0;

  constructor(scenario: Scenario, options: SimulationOptions = {}) {
    this.scenario = scenario;
    this.#config = startingConfig(scenario);
    const random = createRandom(scenario.seed);
    this.#metrics = new Metrics(options.bucketMs ?? 250, options.keepBuckets ?? 4096, (atMs) =>
      this.#gauges(atMs),
    );
    this.#clients = new Clients(
      this.#config.clients,
      random.fork('clients'),
      this.#scheduler,
      (logical, id, deadlineAtMs) => this.#relay.receive(logical, id, deadlineAtMs, null, true),
    );
    this.#relay = new Relay(
      this.#config,
      this.#scheduler,
      this.#metrics,
      {
        downstream: random.fork('downstream'),
        jitter: random.fork('jitter'),
        guards: random.fork('guards'),
      },
      this.#clients.failed,
      options,
    );
    this.#traffic = new Traffic(this.#config.traffic, random.fork('arrivals'), random.fork('keys'));
    const hook = options.afterEachEvent;
    this.#afterEach = hook === undefined ? undefined : () => hook(this);
    this.#scheduleNextArrival();
    for (const burst of scenario.traffic.bursts) {
      this.#scheduler.scheduleAt(burst.atMs, this.#onBurst, burst.count, 'late');
    }
    for (const entry of scenario.timeline) {
      this.#scheduler.scheduleAt(entry.atMs, this.#onTimeline, entry, 'late');
    }
  }

  /** Current virtual time, ms. */
  get nowMs(): number {
    return this.#scheduler.nowMs;
  }

  /** The settings in force now (read-only: change them with `set`). */
  get config(): Readonly<RelayConfig> {
    return this.#config;
  }

  /** Events run so far. */
  get eventsRun(): number {
    return this.#scheduler.executed;
  }

  /** Runs every event up to and including `timeMs`, then sets the clock to it. */
  advanceTo(timeMs: number): void {
    this.#scheduler.runUntil(timeMs, this.#afterEach);
    this.#metrics.roll(timeMs);
  }

  /** Advances the clock by `deltaMs` (≥ 0). */
  advanceBy(deltaMs: number): void {
    this.advanceTo(this.#scheduler.nowMs + deltaMs);
  }

  /**
   * Changes settings now, e.g. `{ 'relay.workers': 4 }`. Checks every value first (a bad one
   * throws a `ScenarioError` and changes nothing) and returns the timeline entry to record.
   */
  set(changes: Record<string, unknown>): TimelineEntry {
    const set: Record<string, unknown> = {};
    const next = structuredClone(this.#config);
    for (const [path, value] of Object.entries(changes)) {
      set[path] = parseSettable(path, value);
      setField(next, path as SettablePath, set[path]);
    }
    checkConfig(next, '', new Set(Object.keys(set)));
    return this.#applyNow({ atMs: this.nowMs, set });
  }

  /** Sends `count` requests at once, now. */
  burst(count: number): TimelineEntry {
    if (!(Number.isInteger(count) && count >= 1 && count <= 1_000_000)) {
      throw new ScenarioError('count', `expected an integer from 1 to 1000000, got ${count}`);
    }
    return this.#applyNow({ atMs: this.nowMs, action: 'burst', count });
  }

  /** Replays one dead letter now; `null` when there is no entry with that id. */
  replayDeadLetter(id: number): TimelineEntry | null {
    if (this.#relay.deadLetters.get(id) === undefined) return null;
    return this.#applyNow({ atMs: this.nowMs, action: 'replayDeadLetter', id });
  }

  /** Replays every dead letter now, oldest first. */
  replayAllDeadLetters(): TimelineEntry {
    return this.#applyNow({ atMs: this.nowMs, action: 'replayAllDeadLetters' });
  }

  /** Empties the dead-letter queue now. */
  clearDeadLetters(): TimelineEntry {
    return this.#applyNow({ atMs: this.nowMs, action: 'clearDeadLetters' });
  }

  /** Dead letters, oldest first; the newest `limit` when given. */
  deadLetters(limit?: number): DeadLetter[] {
    return this.#relay.deadLetters.list(limit).map(publicDeadLetter);
  }

  /** One dead letter, or `undefined`. */
  deadLetter(id: number): DeadLetter | undefined {
    const entry = this.#relay.deadLetters.get(id);
    return entry === undefined ? undefined : publicDeadLetter(entry);
  }

  /** Removes and returns the metric buckets closed since the last call. */
  takeBuckets(): MetricsBucket[] {
    return this.#metrics.takeBuckets();
  }

  /** Levels of the relay right now. */
  state(): RelayState {
    const relay = this.#relay;
    return {
      nowMs: this.nowMs,
      queueDepth: relay.queue.size,
      queueCapacity: relay.queue.capacity,
      busyWorkers: relay.pool.busy,
      workers: relay.pool.size,
      inFlight: relay.inFlight,
      downstreamBusy: relay.calls.busy,
      downstreamLimit: relay.calls.servers,
      downstreamQueued: relay.calls.station.queued,
      downstreamQueueCapacity: relay.calls.station.queueCapacity,
      abandonedHeld: relay.queue.size + relay.pool.busy - relay.inFlight,
      counters: { ...this.#metrics.totals },
    };
  }

  /** The run summary up to now. */
  summary(): RunSummary {
    return summarize(this.scenario.seed, this.nowMs, this.#metrics, this.#relay);
  }

  #applyNow(entry: TimelineEntry): TimelineEntry {
    this.#apply(entry);
    // Run what the change scheduled for right now, as a replay of this entry would.
    this.advanceTo(this.nowMs);
    return entry;
  }

  readonly #onTimeline = (entry: TimelineEntry): void => this.#apply(entry);

  readonly #onBurst = (count: number): void => {
    for (let i = 0; i < count; i++) this.#arrive();
  };

  readonly #onArrival = (): void => {
    this.#arrive();
    this.#scheduleNextArrival();
  };

  /** A client's request arrives now, from the traffic. */
  #arrive(): void {
    const deadlineAtMs = this.#clients.deadlineFor(this.#scheduler.nowMs);
    const logical = this.#traffic.nextIdentity(this.#scheduler.nowMs);
    this.#relay.receive(logical, this.#nextRequestId++, deadlineAtMs);
  }

  #scheduleNextArrival(): void {
    const gapMs = this.#traffic.nextGapMs();
    this.#arrivalEvent = Number.isFinite(gapMs)
      ? this.#scheduler.schedule(gapMs, this.#onArrival, undefined)
      : -1;
  }

  #apply(entry: TimelineEntry): void {
    const now = this.nowMs;
    this.#metrics.roll(now);
    const relay = this.#relay;
    if ('set' in entry) {
      const traffic = { ...this.#config.traffic };
      for (const [path, value] of Object.entries(entry.set)) {
        setField(this.#config, path as SettablePath, value);
      }
      relay.configure(this.#config);
      this.#clients.configure(this.#config.clients);
      const next = this.#config.traffic;
      if (next.ratePerSec !== traffic.ratePerSec || next.arrival !== traffic.arrival) {
        if (this.#arrivalEvent >= 0) this.#scheduler.cancel(this.#arrivalEvent);
        this.#scheduleNextArrival();
      }
      return;
    }
    switch (entry.action) {
      case 'burst':
        this.#onBurst(entry.count ?? 0);
        return;
      case 'replayDeadLetter':
        relay.replayDeadLetter(entry.id ?? -1);
        return;
      case 'replayAllDeadLetters':
        relay.replayAllDeadLetters();
        return;
      case 'clearDeadLetters':
        relay.deadLetters.takeAll();
        return;
    }
  }

  /** Where the cures stand now: the budget, the breaker, throttling (null for those off). */
  #cureGauges(now: number) {
    const { relay } = this.#config;
    const guards = this.#relay.guards;
    const budgetOn = relay.budget.variant !== 'off';
    return {
      budgetLevel: budgetOn ? guards.budgetLevel(now) : null,
      budgetCapacity:
        budgetOn && Number.isFinite(guards.budgetCapacity) ? guards.budgetCapacity : null,
      breakerState: relay.breaker.trip === 'off' ? null : guards.breakerState(now),
      throttleProbability: relay.throttle.enabled ? guards.throttleProbability(now) : null,
    };
  }

  #gauges(atMs: number): Gauges {
    const relay = this.#relay;
    return {
      workers: Number.isFinite(relay.pool.size) ? relay.pool.size : null,
      servers: Number.isFinite(relay.calls.servers) ? relay.calls.servers : null,
      ...this.#cureGauges(atMs),
      queueCapacity: relay.queue.capacity,
      deadLetters: relay.deadLetters.size,
      idempotencyKeys: relay.idempotency.size,
    };
  }
}

function publicDeadLetter(entry: DeadLetter): DeadLetter {
  const { logical: _, ...rest } = entry as StoredDeadLetter;
  return rest;
}

/** Creates a simulation of `scenario` (parsed and checked first; throws `ScenarioError`). */
export function createSimulation(scenario: unknown, options?: SimulationOptions): Simulation {
  return new Simulation(parseScenario(scenario), options);
}

/** Runs a scenario for its `durationMs` and returns the summary. Pure and deterministic. */
export function runScenario(scenario: unknown): RunSummary {
  const simulation = createSimulation(scenario, { keepBuckets: 0 });
  simulation.advanceTo(simulation.scenario.durationMs);
  return simulation.summary();
}
