import { describe, expect, it } from 'vitest';
import { SETTABLE_FIELDS } from '../core';
import { formatSetting, SETTINGS } from './settings-catalog';

describe('settings catalog', () => {
  it('names every setting a timeline (and so B in a comparison) can change, once', () => {
    expect(SETTINGS.map((s) => s.path).sort()).toEqual(Object.keys(SETTABLE_FIELDS).sort());
  });

  it.each([
    ['downstream.failureProbability', 0.25, '25%'],
    ['downstream.outage', true, 'on'],
    ['relay.retry.jitter', 'decorrelated', 'Decorrelated'],
    ['relay.workers', 'unbounded', 'no pool (unbounded)'],
    ['relay.workers', 8, '8 workers'],
    ['downstream.concurrencyLimit', 50, '50 calls at once'],
    ['relay.retry.baseDelayMs', 100, '100 ms'],
  ] as const)('shows %s = %j as %s', (path, value, text) => {
    expect(formatSetting(path, value)).toBe(text);
  });
});
