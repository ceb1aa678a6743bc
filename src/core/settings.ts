/**
 * The settings registry: one entry per field a scenario sets and a timeline can change, and the
 * only place a setting is described. Each entry gives the value a file accepts (type, range,
 * default), how people read it (label, unit, one-line hint), how the page offers it (range,
 * scale, step; where that range is narrower than the file's, why) and whether experiments may
 * vary it. The scenario schema, the controls and the compare and sweep catalogs derive from it.
 */

import type { ChoiceSetting, Setting, SwitchSetting } from './setting-kinds';
import { CLIENTS_SETTINGS } from './settings-clients';
import {
  BREAKER_SETTINGS,
  BUDGET_SETTINGS,
  HEDGING_SETTINGS,
  SHEDDING_SETTINGS,
} from './settings-cures';
import { DOWNSTREAM_SETTINGS } from './settings-downstream';
import { RELAY_SETTINGS } from './settings-relay';
import { TRAFFIC_SETTINGS } from './settings-traffic';

export * from './setting-kinds';

/** Every settable field, by its dotted path, in the page's order within each group. */
export const SETTINGS = {
  ...TRAFFIC_SETTINGS,
  ...CLIENTS_SETTINGS,
  ...DOWNSTREAM_SETTINGS,
  ...RELAY_SETTINGS,
  ...BUDGET_SETTINGS,
  ...BREAKER_SETTINGS,
  ...SHEDDING_SETTINGS,
  ...HEDGING_SETTINGS,
} as const;

/** A dotted path a scenario's timeline may set. */
export type SettablePath = keyof typeof SETTINGS;

/** Every settable path, in the registry's order. */
export const SETTABLE_PATHS = Object.keys(SETTINGS) as SettablePath[];

/** The value a setting holds. */
export type SettingValue<P extends SettablePath> = ValueOf<(typeof SETTINGS)[P]>;

type ValueOf<E> =
  E extends ChoiceSetting<infer V>
    ? V
    : E extends SwitchSetting
      ? boolean
      : E extends { type: 'number'; sentinel?: infer S }
        ? number | (S extends string ? S : never)
        : never;

/** True when `path` is a field a timeline entry may set. */
export function isSettablePath(path: string): path is SettablePath {
  return Object.hasOwn(SETTINGS, path);
}

/** The registry entry of `path`. */
export function settingOf(path: SettablePath): Setting {
  return SETTINGS[path] as Setting;
}

/** Why a sweep may not vary `path`, or null when it may. */
export function whyNotSwept(path: SettablePath): string | null {
  const setting = settingOf(path);
  if (setting.notInExperiments !== undefined) return setting.notInExperiments;
  if (setting.type !== 'number') return 'it is not a number: a sweep varies one number';
  return setting.noSweep ?? null;
}

/** The settings a sweep may vary: numbers, unless the registry says otherwise. */
export const SWEEP_PATHS = SETTABLE_PATHS.filter((path) => whyNotSwept(path) === null);

/** The settings B may change in a comparison: all, unless the registry says otherwise. */
export const COMPARE_PATHS = SETTABLE_PATHS.filter(
  (path) => settingOf(path).notInExperiments === undefined,
);
