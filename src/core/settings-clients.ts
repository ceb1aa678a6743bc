/**
 * The settings registry's entries for clients: how long they wait for an answer, and whether
 * they send again.
 */
import { choice, count, JITTER_OPTIONS, MAX_DURATION_MS, number, share } from './setting-kinds';

/** Clients: how long they wait for an answer, and whether they send again. */
export const CLIENTS_SETTINGS = {
  'clients.timeoutMs': count({
    group: 'clients',
    label: 'Client timeout',
    unit: 'ms',
    hint: 'How long a client waits for its answer; past it the client has gone (abandoned).',
    min: 1,
    max: MAX_DURATION_MS,
    integer: false,
    sentinel: 'off',
    sentinelControl: {
      label: 'Clients wait forever',
      hint: 'No client gives up: every answer, however late, reaches someone.',
      fallback: 2000,
    },
    default: 'off',
    page: { min: 10, max: 60_000, scale: 'log', narrower: 'a live run shows 10 ms to 1 min' },
  }),
  'clients.retryShare': share({
    group: 'clients',
    label: 'Clients that retry',
    hint: 'Share of clients that send again after a 429, a 503 or giving up (the closed loop).',
    default: 0,
  }),
  'clients.maxResends': number({
    group: 'clients',
    label: 'Client max resends',
    unit: 'resends',
    hint: 'Times a retrying client sends a request again before it stops trying.',
    min: 0,
    max: 20,
    integer: true,
    default: 3,
    page: { min: 0, max: 10, scale: 'linear', narrower: 'a live run shows up to 10' },
    visible: (read) => (read('clients.retryShare') as number) > 0,
  }),
  'clients.baseDelayMs': number({
    group: 'clients',
    label: 'Client base delay',
    unit: 'ms',
    hint: "A retrying client's wait before its first resend; it doubles for each one after.",
    min: 0,
    max: MAX_DURATION_MS,
    default: 1000,
    page: { min: 1, max: 60_000, scale: 'log', narrower: 'a live run shows 1 ms to 1 min' },
    visible: (read) => (read('clients.retryShare') as number) > 0,
    changes: (baseDelayMs: number, read) => ({
      'clients.baseDelayMs': Math.min(baseDelayMs, read('clients.maxDelayMs') as number),
    }),
  }),
  'clients.maxDelayMs': number({
    group: 'clients',
    label: 'Client max delay',
    unit: 'ms',
    hint: "Cap on a retrying client's wait (at least its base delay).",
    min: 0,
    max: MAX_DURATION_MS,
    default: 30_000,
    page: { min: 1, max: 300_000, scale: 'log', narrower: 'a live run shows 1 ms to 5 min' },
    visible: (read) => (read('clients.retryShare') as number) > 0,
    changes: (maxDelayMs: number, read) => ({
      'clients.maxDelayMs': Math.max(maxDelayMs, read('clients.baseDelayMs') as number),
    }),
  }),
  'clients.jitter': choice({
    group: 'clients',
    label: 'Client jitter',
    hint: 'How retrying clients spread their resends (the same formulas as the relay).',
    options: JITTER_OPTIONS,
    default: 'full',
    visible: (read) => (read('clients.retryShare') as number) > 0,
  }),
} as const;
