/**
 * The settings a person can change, with their labels, units and how to enter them: used where a
 * setting is picked by name (B's differences in a comparison).
 */
import type { SettablePath } from '../core';

/** How a setting is entered. */
export type SettingKind =
  | { kind: 'number'; unit: string; min: number; max: number; step: number }
  | { kind: 'percent' }
  | { kind: 'choice'; options: ReadonlyArray<{ value: string; label: string }> }
  | { kind: 'switch' }
  | { kind: 'limit'; unit: string; unbounded: string };

/** A setting with its label. */
export type SettingInfo = { path: SettablePath; label: string } & SettingKind;

/** Every setting, grouped in the order of the controls. */
export const SETTINGS: readonly SettingInfo[] = [
  {
    path: 'traffic.ratePerSec',
    label: 'Request rate',
    kind: 'number',
    unit: 'req/s',
    min: 0,
    max: 100_000,
    step: 1,
  },
  {
    path: 'traffic.arrival',
    label: 'Arrivals',
    kind: 'choice',
    options: [
      { value: 'poisson', label: 'Poisson' },
      { value: 'uniform', label: 'Uniform' },
    ],
  },
  { path: 'traffic.keyedRatio', label: 'Requests with a key', kind: 'percent' },
  { path: 'traffic.duplicateRatio', label: 'Client resends', kind: 'percent' },
  { path: 'downstream.outage', label: 'Outage', kind: 'switch' },
  { path: 'downstream.failureProbability', label: 'Failure rate', kind: 'percent' },
  {
    path: 'downstream.latency.distribution',
    label: 'Latency distribution',
    kind: 'choice',
    options: [
      { value: 'constant', label: 'Constant' },
      { value: 'exponential', label: 'Exponential' },
      { value: 'lognormal', label: 'Lognormal' },
    ],
  },
  {
    path: 'downstream.latency.meanMs',
    label: 'Mean latency',
    kind: 'number',
    unit: 'ms',
    min: 0,
    max: 600_000,
    step: 1,
  },
  {
    path: 'downstream.latency.p99Ms',
    label: 'p99 latency (lognormal)',
    kind: 'number',
    unit: 'ms',
    min: 0,
    max: 600_000,
    step: 1,
  },
  { path: 'downstream.hangProbability', label: 'Hang rate', kind: 'percent' },
  {
    path: 'downstream.concurrencyLimit',
    label: 'Downstream capacity',
    kind: 'limit',
    unit: 'calls at once',
    unbounded: 'unlimited',
  },
  {
    path: 'relay.workers',
    label: 'Workers',
    kind: 'limit',
    unit: 'workers',
    unbounded: 'no pool (unbounded)',
  },
  {
    path: 'relay.queueCapacity',
    label: 'Queue capacity',
    kind: 'number',
    unit: 'requests',
    min: 0,
    max: 10_000_000,
    step: 1,
  },
  {
    path: 'relay.retry.maxRetries',
    label: 'Max retries',
    kind: 'number',
    unit: 'retries',
    min: 0,
    max: 100,
    step: 1,
  },
  {
    path: 'relay.retry.baseDelayMs',
    label: 'Base delay',
    kind: 'number',
    unit: 'ms',
    min: 0,
    max: 600_000,
    step: 1,
  },
  {
    path: 'relay.retry.maxDelayMs',
    label: 'Max delay',
    kind: 'number',
    unit: 'ms',
    min: 0,
    max: 600_000,
    step: 1,
  },
  {
    path: 'relay.retry.jitter',
    label: 'Jitter',
    kind: 'choice',
    options: [
      { value: 'none', label: 'None' },
      { value: 'full', label: 'Full' },
      { value: 'equal', label: 'Equal' },
      { value: 'decorrelated', label: 'Decorrelated' },
    ],
  },
  {
    path: 'relay.retry.attemptTimeoutMs',
    label: 'Attempt timeout',
    kind: 'number',
    unit: 'ms',
    min: 1,
    max: 600_000,
    step: 1,
  },
  {
    path: 'relay.idempotency.ttlMs',
    label: 'Idempotency TTL',
    kind: 'number',
    unit: 'ms',
    min: 0,
    max: 2_592_000_000,
    step: 1000,
  },
  {
    path: 'relay.idempotency.maxKeys',
    label: 'Idempotency keys kept',
    kind: 'number',
    unit: 'keys',
    min: 1,
    max: 10_000_000,
    step: 1,
  },
  {
    path: 'relay.deadLetter.capacity',
    label: 'Dead-letter capacity',
    kind: 'number',
    unit: 'entries',
    min: 0,
    max: 10_000_000,
    step: 1,
  },
];

/** The setting at `path`. */
export function settingInfo(path: SettablePath): SettingInfo {
  return (
    SETTINGS.find((s) => s.path === path) ?? {
      path,
      label: path,
      kind: 'number',
      unit: '',
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      step: 1,
    }
  );
}

/** A setting's value for people: units, percentages, words. */
export function formatSetting(path: SettablePath, value: unknown): string {
  const info = settingInfo(path);
  switch (info.kind) {
    case 'percent':
      return `${Math.round(Number(value) * 1000) / 10}%`;
    case 'switch':
      return value ? 'on' : 'off';
    case 'choice':
      return info.options.find((o) => o.value === value)?.label ?? String(value);
    case 'limit':
      return value === 'unbounded' ? info.unbounded : `${value} ${info.unit}`;
    case 'number':
      return `${value} ${info.unit}`;
  }
}
