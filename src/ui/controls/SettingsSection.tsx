import type { ReactNode } from 'react';
import { GROUPS, type GroupId, pathsIn } from '../../store/settings';
import { Section } from './Section';
import { SettingControl } from './SettingControl';

/** One group of the registry's settings, in its order, with `children` after them. */
export function SettingsSection({ group, children }: { group: GroupId; children?: ReactNode }) {
  return (
    <Section title={GROUPS[group]}>
      {pathsIn(group).map((path) => (
        <SettingControl key={path} path={path} />
      ))}
      {children}
    </Section>
  );
}
