/**
 * The flow diagram's numbers: what goes in and out of each part of the system over the last few
 * seconds of 1 s points, its fill levels, and the share of each outcome leaving the relay. Pure,
 * and computed once per new point (`selectFlow` memoizes on the points and the settings), from the
 * snapshots the page already has: the diagram asks the engine for nothing.
 */
import { type MetricsBucket, mergeBuckets, type RelayConfig } from '../core';
import type { LabState } from './types';

/** Virtual time the diagram's rates and levels cover: its last 1 s points, ms. */
export const FLOW_SPAN_MS = 3000;

/** How a request can leave the relay, in the order the diagram lists them. */
export const FLOW_OUTCOMES = [
  'ok',
  'replayed',
  'rejected',
  'conflict',
  'deadLettered',
  'failed',
  'abandoned',
] as const;
/** One way of leaving the relay. */
export type FlowOutcome = (typeof FLOW_OUTCOMES)[number];

/** A level against its limit; `share` is level ÷ capacity (0..1), null when unbounded. */
export interface Fill {
  level: number;
  capacity: number | null;
  share: number | null;
}

/** An outcome's rate and its share of the requests that finished. */
export interface OutcomeShare {
  outcome: FlowOutcome;
  perSec: number;
  /** 0..1 of the requests that finished in the span. */
  share: number;
  /** The share in tenths of a percent, rounded so that the shares add up to exactly 100.0%. */
  permille: number;
}

/** The circuit breaker's state, by name. */
export type BreakerStateName = 'closed' | 'half-open' | 'open';
const BREAKER_STATES: readonly BreakerStateName[] = ['closed', 'half-open', 'open'];

/** Everything the diagram draws. Rates are per second of virtual time, over `spanMs`. */
export interface FlowNumbers {
  /** Virtual time covered, ms: 0 before the first point. */
  spanMs: number;
  /** End of the span, virtual ms. */
  atMs: number;
  clients: {
    /** First sends, resends of retrying clients, replays from the dead-letter queue. */
    sentPerSec: number;
    resendsPerSec: number;
    replaysPerSec: number;
    /** Requests whose client gave up (its deadline passed) before the answer. */
    abandonedPerSec: number;
    /** Share of clients that resend (setting), and their deadline, ms (null: none). */
    retryShare: number;
    timeoutMs: number | null;
  };
  /** Arrivals at the relay: clients → idempotency. */
  arrivalsPerSec: number;
  idempotency: {
    keyedShare: number;
    keys: number;
    replayedPerSec: number;
    conflictPerSec: number;
  };
  /** Requests past the idempotency check: idempotency → queue. */
  admittedPerSec: number;
  queue: {
    fill: Fill;
    depthMax: number;
    discipline: RelayConfig['relay']['queueDiscipline'];
    queueFullPerSec: number;
    shedPerSec: number;
  };
  /** Requests a worker took: queue → workers. */
  startedPerSec: number;
  workers: {
    /** Busy workers (time-averaged) against the pool; capacity null when unbounded. */
    fill: Fill;
    retriesPerSec: number;
    okPerSec: number;
    /** Permanent failures (4xx) passed back. */
    failedPerSec: number;
  };
  /** Attempts the workers asked the guards for: workers → guards (equal to calls when none). */
  attemptsPerSec: number;
  /** Calls that reached the downstream: guards → downstream. */
  callsPerSec: number;
  downstream: {
    /** Servers busy against servers working; capacity null when unbounded. */
    servers: Fill;
    /** Share of the busy time spent on calls nobody waited for any more (0..1). */
    wastedShare: number;
    /** Calls waiting for a server; null when servers are unbounded (no queue). */
    queue: Fill | null;
    /** Share of calls that failed (refusals for overload included) or timed out (0..1). */
    failureShare: number;
    overloadedPerSec: number;
  };
  deadLetters: {
    inPerSec: number;
    /** Dead letters held against the queue's capacity. */
    fill: Fill;
  };
  /** Each cure, while it is on (else null). */
  throttle: { probability: number; refusedPerSec: number } | null;
  breaker: { state: BreakerStateName | null; refusedPerSec: number } | null;
  budget: { fill: Fill | null; spentPerSec: number } | null;
  hedging: { hedgesPerSec: number; winsPerSec: number } | null;
  /** Every outcome, in `FLOW_OUTCOMES` order, and the requests that finished per second. */
  outcomes: OutcomeShare[];
  finishedPerSec: number;
}

function fill(level: number, capacity: number | null): Fill {
  const share = capacity === null ? null : capacity > 0 ? Math.min(1, level / capacity) : 0;
  return { level, capacity, share };
}

const bounded = (value: number | 'unbounded' | 'off'): number | null =>
  typeof value === 'number' ? value : null;

/**
 * Shares in tenths of a percent that add up to 1000 (largest remainder): what the diagram
 * prints, so its percentages sum to exactly 100.0%. All zero when `counts` are.
 */
export function permilleShares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c / total) * 1000);
  const result = exact.map(Math.floor);
  let left = 1000 - result.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i]! += 1;
    left--;
  }
  return result;
}

/** The points within the last `spanMs` (at least the newest one). */
function lastPoints(points: readonly MetricsBucket[], spanMs: number): MetricsBucket[] {
  const last = points.at(-1);
  if (last === undefined) return [];
  let start = points.length - 1;
  while (start > 0 && points[start - 1]!.startMs >= last.endMs - spanMs) start--;
  return points.slice(start);
}

/** The diagram's numbers over the last `spanMs` of `points`, with `config` in force. */
export function flowNumbers(
  points: readonly MetricsBucket[],
  config: RelayConfig,
  spanMs = FLOW_SPAN_MS,
): FlowNumbers {
  const recent = lastPoints(points, spanMs);
  const last = recent.at(-1);
  const b = recent.length > 0 ? mergeBuckets(recent) : undefined;
  const covered = b === undefined ? 0 : b.endMs - b.startMs;
  const rate = (count: number) => (covered > 0 ? count / (covered / 1000) : 0);
  const c = (key: FlowOutcome | keyof MetricsBucket) => rate((b?.[key] as number) ?? 0);
  const { relay, downstream, clients, traffic } = config;

  const arrivalsPerSec = c('arrivals');
  const admittedPerSec = Math.max(0, arrivalsPerSec - c('replayed') - c('conflict'));
  const queueRefusedPerSec = c('rejectedQueueFull') + c('rejectedShed');
  const throttledPerSec = c('rejectedThrottled') + c('deadThrottled');
  const workers = last === undefined ? bounded(relay.workers) : last.workers;
  const servers = last === undefined ? bounded(downstream.servers) : last.servers;
  const calls = b?.calls ?? 0;
  const counts = FLOW_OUTCOMES.map((o) => b?.[o] ?? 0);
  const permille = permilleShares(counts);
  const finished = counts.reduce((x, y) => x + y, 0);
  const breakerState = last?.breakerState ?? null;
  const budgetCapacity = last?.budgetCapacity ?? null;
  return {
    spanMs: covered,
    atMs: b?.endMs ?? 0,
    clients: {
      sentPerSec: Math.max(0, arrivalsPerSec - c('resends') - c('replays')),
      resendsPerSec: c('resends'),
      replaysPerSec: c('replays'),
      abandonedPerSec: c('abandoned'),
      retryShare: clients.retryShare,
      timeoutMs: bounded(clients.timeoutMs),
    },
    arrivalsPerSec,
    idempotency: {
      keyedShare: traffic.keyedRatio,
      keys: last?.idempotencyKeys ?? 0,
      replayedPerSec: c('replayed'),
      conflictPerSec: c('conflict'),
    },
    admittedPerSec,
    queue: {
      fill: fill(b?.queueDepthMean ?? 0, last?.queueCapacity ?? relay.queueCapacity),
      depthMax: b?.queueDepthMax ?? 0,
      discipline: relay.queueDiscipline,
      queueFullPerSec: c('rejectedQueueFull'),
      shedPerSec: c('rejectedShed'),
    },
    startedPerSec: Math.max(0, admittedPerSec - queueRefusedPerSec),
    workers: {
      fill: fill(b?.busyMean ?? 0, workers),
      retriesPerSec: c('retries'),
      okPerSec: c('ok'),
      failedPerSec: c('failed'),
    },
    attemptsPerSec: c('calls') + c('breakerRefused') + throttledPerSec,
    callsPerSec: c('calls'),
    downstream: {
      servers: fill(covered > 0 ? (b?.downstreamBusyMs ?? 0) / covered : 0, servers),
      wastedShare:
        b !== undefined && b.downstreamBusyMs > 0
          ? Math.min(1, b.wastedMs / b.downstreamBusyMs)
          : 0,
      queue:
        servers === null
          ? null
          : fill(b?.downstreamQueueMean ?? 0, bounded(downstream.queueCapacity)),
      failureShare: calls > 0 ? Math.min(1, ((b?.failures ?? 0) + (b?.timeouts ?? 0)) / calls) : 0,
      overloadedPerSec: c('overloaded'),
    },
    deadLetters: {
      inPerSec: c('deadLettered'),
      fill: fill(last?.deadLetters ?? 0, relay.deadLetter.capacity),
    },
    throttle: relay.throttle.enabled
      ? { probability: last?.throttleProbability ?? 0, refusedPerSec: throttledPerSec }
      : null,
    breaker:
      relay.breaker.trip === 'off'
        ? null
        : {
            state: breakerState === null ? null : (BREAKER_STATES[breakerState] ?? null),
            refusedPerSec: c('breakerRefused'),
          },
    budget:
      relay.budget.variant === 'off'
        ? null
        : {
            fill: last?.budgetLevel == null ? null : fill(last.budgetLevel, budgetCapacity),
            spentPerSec: c('deadBudgetSpent'),
          },
    hedging:
      relay.hedge.mode === 'off' ? null : { hedgesPerSec: c('hedges'), winsPerSec: c('hedgeWins') },
    outcomes: FLOW_OUTCOMES.map((outcome, i) => ({
      outcome,
      perSec: rate(counts[i]!),
      share: finished > 0 ? counts[i]! / finished : 0,
      permille: permille[i]!,
    })),
    finishedPerSec: rate(finished),
  };
}

let lastPointsSeen: readonly MetricsBucket[] | undefined;
let lastConfig: RelayConfig | undefined;
let lastFlow: FlowNumbers | undefined;

/**
 * The diagram's numbers now: computed once per new point or change of settings (the store keeps
 * both arrays' identity until they change), so a render without a new point computes nothing.
 */
export function selectFlow(state: Pick<LabState, 'points' | 'config'>): FlowNumbers {
  if (state.points !== lastPointsSeen || state.config !== lastConfig || lastFlow === undefined) {
    lastPointsSeen = state.points;
    lastConfig = state.config;
    lastFlow = flowNumbers(state.points, state.config);
  }
  return lastFlow;
}
