/** The settings registry's entries for the downstream: failures, latency, capacity, brownouts. */
import {
  choice,
  count,
  LOGNORMAL_P99_RATIO_DEFAULT,
  LOGNORMAL_P99_RATIO_MAX,
  MAX_CAPACITY,
  MAX_DURATION_MS,
  MAX_WORKERS,
  number,
  optionalNumber,
  share,
  toggle,
} from './setting-kinds';

/** The downstream: failures, latency, capacity, brownouts. */
export const DOWNSTREAM_SETTINGS = {
  'downstream.outage': toggle({
    group: 'downstream',
    label: 'Outage',
    hint: 'While on, every call to the downstream fails.',
    tone: 'danger',
    default: false,
  }),
  'downstream.failureProbability': share({
    group: 'downstream',
    label: 'Failure rate',
    hint: 'Share of calls refused with an error (no effect applied).',
    default: 0.1,
  }),
  'downstream.latency.distribution': choice({
    group: 'downstream',
    label: 'Latency distribution',
    hint: 'How long one call takes.',
    options: [
      { value: 'constant', label: 'Constant' },
      { value: 'exponential', label: 'Exponential' },
      { value: 'lognormal', label: 'Lognormal (long tail)' },
    ],
    default: 'exponential',
  }),
  'downstream.latency.meanMs': number({
    group: 'downstream',
    label: 'Mean latency',
    unit: 'ms',
    hint: 'Average duration of one downstream call.',
    min: 0,
    max: MAX_DURATION_MS,
    default: 50,
    page: {
      min: 1,
      max: 10_000,
      scale: 'log',
      narrower: 'a live run shows calls from 1 ms to 10 s; files and sweeps take any duration',
    },
    // A set lognormal p99 stays the same multiple of the mean, so it stays valid.
    changes: (meanMs: number, read) => {
      const p99Ms = read('downstream.latency.p99Ms') as number | undefined;
      const before = read('downstream.latency.meanMs') as number;
      return p99Ms === undefined
        ? { 'downstream.latency.meanMs': meanMs }
        : {
            'downstream.latency.meanMs': meanMs,
            'downstream.latency.p99Ms': (p99Ms / before) * meanMs,
          };
    },
  }),
  'downstream.latency.p99Ms': optionalNumber({
    group: 'downstream',
    label: 'p99 latency',
    unit: 'ms',
    hint: `99% of calls finish within this (lognormal only); at most ${LOGNORMAL_P99_RATIO_MAX} times the mean.`,
    min: 0,
    max: MAX_DURATION_MS,
    noSweep: `it must stay between the mean and ${LOGNORMAL_P99_RATIO_MAX} times the mean: sweep the mean instead`,
    page: {
      min: 1,
      max: 10_000 * LOGNORMAL_P99_RATIO_MAX,
      scale: 'log',
      narrower: `the page keeps it between the mean and ${LOGNORMAL_P99_RATIO_MAX} times the mean, the range a lognormal can take`,
      follows: (read) => {
        const meanMs = read('downstream.latency.meanMs') as number;
        return {
          min: Math.ceil(meanMs * 1.01),
          max: Math.floor(meanMs * LOGNORMAL_P99_RATIO_MAX),
        };
      },
    },
    visible: (read) => read('downstream.latency.distribution') === 'lognormal',
    whenAbsent: (read) =>
      (read('downstream.latency.meanMs') as number) * LOGNORMAL_P99_RATIO_DEFAULT,
  }),
  'downstream.permanentFailureShare': share({
    group: 'downstream',
    label: 'Permanent failures',
    hint: 'Share of failures that are permanent (a 4xx): returned at once and never retried.',
    default: 0,
  }),
  'downstream.servers': count({
    group: 'downstream',
    label: 'Servers',
    unit: 'servers',
    hint: 'Calls the downstream serves at once; more wait in its queue, and latency grows.',
    min: 1,
    max: MAX_WORKERS,
    sentinel: 'unbounded',
    sentinelControl: {
      label: 'Unlimited servers',
      hint: 'Every call is served at once, however many arrive: the downstream never overloads.',
      fallback: 20,
    },
    default: 'unbounded',
    page: { min: 1, max: 1000, scale: 'log', narrower: 'a live run shows up to 1,000' },
  }),
  'downstream.queueCapacity': count({
    group: 'downstream',
    label: 'Downstream queue',
    unit: 'calls',
    hint: 'Calls that may wait for a server; one more is refused at once (overload, no effect).',
    min: 0,
    max: MAX_CAPACITY,
    sentinel: 'unbounded',
    sentinelControl: {
      label: 'Unbounded downstream queue',
      hint: 'Calls wait however long it takes: overload shows as latency, not refusals.',
      fallback: 100,
    },
    default: 'unbounded',
    page: { min: 0, max: 10_000, scale: 'log', narrower: 'a live run shows up to 10,000' },
    visible: (read) => read('downstream.servers') !== 'unbounded',
  }),
  'downstream.capacityFactor': share({
    group: 'downstream',
    label: 'Working capacity',
    hint: 'Share of the servers still working; a brownout lowers it.',
    default: 1,
    visible: (read) => read('downstream.servers') !== 'unbounded',
  }),
  'downstream.slowdownFactor': number({
    group: 'downstream',
    label: 'Slowdown',
    unit: '×',
    hint: 'Every service time is multiplied by this; a brownout raises it.',
    min: 1,
    max: 100,
    default: 1,
    page: { min: 1, max: 20, step: 0.1, scale: 'log', narrower: 'a live run shows up to 20×' },
  }),
  'downstream.dropUnwaited': toggle({
    group: 'downstream',
    label: 'Deadline travels with the call',
    hint: 'The downstream drops queued calls whose caller stopped waiting, instead of serving them.',
    default: false,
    visible: (read) => read('downstream.servers') !== 'unbounded',
  }),
  'downstream.hangProbability': share({
    group: 'downstream',
    label: 'Hang rate',
    hint: 'Share of calls that never answer; only the attempt timeout ends them.',
    default: 0,
  }),
} as const;
