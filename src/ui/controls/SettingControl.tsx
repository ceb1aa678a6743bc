import { selectConfig } from '../../store/selectors';
import {
  controlChanges,
  isShown,
  pageRange,
  type SettablePath,
  settingOf,
  valueAt,
} from '../../store/settings';
import { formatSetting, parseWithUnit } from '../format';
import { useLab, useLabActions, useLabStore } from '../store-context';
import { Select } from './Select';
import { Slider } from './Slider';
import { Toggle } from './Toggle';

/**
 * The control of one setting, drawn from its registry entry: a slider (with a switch for a word
 * such as "unbounded"), a select or a switch, with its label, unit, hint and the page's range.
 */
export function SettingControl({ path }: { path: SettablePath }) {
  const setting = settingOf(path);
  const store = useLabStore();
  const { setParams } = useLabActions();
  // Primitive selections, so a control renders again only when what it shows changes.
  const value = useLab((s) => valueAt(selectConfig(s), path));
  const shown = useLab((s) => isShown(path, selectConfig(s)));
  const min = useLab((s) =>
    setting.type === 'number' ? pageRange(setting, selectConfig(s)).min : 0,
  );
  const max = useLab((s) =>
    setting.type === 'number' ? pageRange(setting, selectConfig(s)).max : 0,
  );
  if (!shown) return null;
  const change = (next: unknown) =>
    setParams(controlChanges(path, next, selectConfig(store.getState())));
  switch (setting.type) {
    case 'switch':
      return (
        <Toggle
          label={setting.label}
          tone={setting.tone}
          checked={Boolean(value)}
          hint={setting.hint}
          onChange={change}
        />
      );
    case 'choice':
      return (
        <Select
          label={setting.label}
          value={String(value)}
          options={setting.options}
          hint={setting.hint}
          onChange={change}
        />
      );
    case 'number': {
      const { sentinel, sentinelControl } = setting;
      const word = sentinel !== undefined && value === sentinel;
      const { step, scale } = pageRange(setting, selectConfig(store.getState()));
      return (
        <>
          <Slider
            label={setting.label}
            value={word ? max : (value as number)}
            min={min}
            max={max}
            step={step}
            scale={scale}
            format={(v) => (word ? String(sentinel) : formatSetting(setting, v))}
            hint={setting.hint}
            disabled={word}
            onChange={change}
            parse={(text) =>
              sentinel !== undefined && text.trim().toLowerCase() === String(sentinel)
                ? sentinel
                : parseWithUnit(text, setting.unit)
            }
            onTyped={change}
          />
          {sentinel !== undefined && sentinelControl !== undefined && (
            <Toggle
              label={sentinelControl.label}
              checked={word}
              hint={sentinelControl.hint}
              onChange={(on) => change(on ? sentinel : sentinelControl.fallback)}
            />
          )}
        </>
      );
    }
  }
}
