/**
 * The settings registry as the page uses it: the entries (from the core), and what a control
 * needs of the settings in force (its range where it follows another setting, whether it shows,
 * the changes a move makes). The page takes these from here, never from the core.
 */
import {
  type GroupId,
  type NumberSetting,
  type ReadSetting,
  type RelayConfig,
  SETTABLE_PATHS,
  type SettablePath,
  settingOf,
} from '../core';

export {
  COMPARE_PATHS,
  GROUPS,
  type GroupId,
  MAX_GRID_STEPS,
  MAX_SERIES,
  MAX_SERIES_LABEL,
  MAX_SWEEP_STEPS,
  type NumberSetting,
  SETTABLE_PATHS,
  type SettablePath,
  type Setting,
  SWEEP_PATHS,
  type SweepAxis,
  type SweepConfig,
  settingOf,
  sweepValues,
} from '../core';

/** The value of `path` in `config` (for an absent optional setting, the value in effect). */
export function valueAt(config: RelayConfig, path: SettablePath): unknown {
  const value = path
    .split('.')
    .reduce<unknown>((inner, key) => (inner as Record<string, unknown>)[key], config);
  if (value !== undefined) return value;
  const setting = settingOf(path);
  return setting.type === 'number' ? setting.whenAbsent?.(readerOf(config)) : undefined;
}

function readerOf(config: RelayConfig): ReadSetting {
  return (path) => valueAt(config, path as SettablePath);
}

/** The settings of a group of controls, in the page's order. */
export function pathsIn(group: GroupId): SettablePath[] {
  return SETTABLE_PATHS.filter((path) => settingOf(path).group === group);
}

/** Whether the control of `path` shows with `config` in force. */
export function isShown(path: SettablePath, config: RelayConfig): boolean {
  return settingOf(path).visible?.(readerOf(config)) ?? true;
}

/** The range the page offers for a number, following other settings where it must. */
export function pageRange(setting: NumberSetting<string>, config: RelayConfig) {
  const { page } = setting;
  const follows = page.follows?.(readerOf(config));
  return {
    min: follows?.min ?? page.min,
    max: follows?.max ?? page.max,
    step: page.step ?? 1,
    scale: page.scale,
  };
}

/** The changes a control's move of `path` to `value` makes (a rule across fields kept valid). */
export function controlChanges(
  path: SettablePath,
  value: unknown,
  config: RelayConfig,
): Partial<Record<SettablePath, unknown>> {
  const changes = settingOf(path).changes as
    | ((value: unknown, read: ReadSetting) => Record<string, unknown>)
    | undefined;
  return changes === undefined ? { [path]: value } : changes(value, readerOf(config));
}

/**
 * What a group has switched on, in words: the option of each choice and the label of each switch
 * that is shown and away from its default ("Envoy retry budget", "Adaptive throttling"). Empty
 * while the group is as it starts, which for a cure means off.
 */
export function groupStatus(group: GroupId, config: RelayConfig): string[] {
  return pathsIn(group).flatMap((path) => {
    const setting = settingOf(path);
    if (!isShown(path, config)) return [];
    const value = valueAt(config, path);
    if (value === setting.default) return [];
    if (setting.type === 'switch') return value === true ? [setting.label] : [];
    if (setting.type === 'choice') {
      const option = setting.options.find((o) => o.value === value);
      return option === undefined ? [] : [option.short ?? option.label];
    }
    return [];
  });
}
