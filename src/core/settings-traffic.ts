/** The settings registry's entries for traffic: how fast requests arrive, and which carry keys. */
import { choice, MAX_RATE_PER_SEC, number, share } from './setting-kinds';

/** Traffic: how fast requests arrive, and which carry keys. */
export const TRAFFIC_SETTINGS = {
  'traffic.ratePerSec': number({
    group: 'traffic',
    label: 'Request rate',
    unit: 'req/s',
    hint: 'Mean client requests per second of virtual time.',
    min: 0,
    max: MAX_RATE_PER_SEC,
    default: 50,
    page: {
      min: 0,
      max: 5000,
      scale: 'log',
      narrower: 'the live page keeps up with about 5,000 requests a second; files go higher',
    },
  }),
  'traffic.arrival': choice({
    group: 'traffic',
    label: 'Arrivals',
    hint: 'How requests are spread in time.',
    options: [
      { value: 'poisson', label: 'Poisson (random gaps)' },
      { value: 'uniform', label: 'Uniform (even gaps)' },
    ],
    default: 'poisson',
  }),
  'traffic.keyedRatio': share({
    group: 'traffic',
    label: 'Requests with an idempotency key',
    hint: 'Keyed requests are deduplicated: a resend replays the stored success.',
    default: 1,
  }),
  'traffic.duplicateRatio': number({
    group: 'traffic',
    label: 'Client resends',
    unit: '%',
    hint: 'Share of arrivals that resend a recent request (a double submit or a client retry).',
    min: 0,
    max: 1,
    default: 0,
    page: {
      min: 0,
      max: 0.5,
      step: 0.01,
      scale: 'linear',
      narrower: 'beyond half, most traffic is resends of the same few requests',
    },
  }),
} as const;
