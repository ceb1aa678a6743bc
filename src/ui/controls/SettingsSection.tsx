import type { ReactNode } from 'react';
import { selectConfig } from '../../store/selectors';
import { GROUPS, type GroupId, groupStatus, pathsIn } from '../../store/settings';
import { useLab } from '../store-context';
import { FoldingSection, Section } from './Section';
import { SettingControl } from './SettingControl';

/**
 * One group of the registry's settings, in its order, with `children` after them; `folding`: a
 * group that folds away, titled with what it has switched on (the cures).
 */
export function SettingsSection(props: {
  group: GroupId;
  folding?: boolean;
  children?: ReactNode;
}) {
  const { group, children } = props;
  const controls = pathsIn(group).map((path) => <SettingControl key={path} path={path} />);
  if (props.folding) return <FoldingGroup group={group}>{controls}</FoldingGroup>;
  return (
    <Section title={GROUPS[group]} id={`controls-${group}`}>
      {controls}
      {children}
    </Section>
  );
}

function FoldingGroup({ group, children }: { group: GroupId; children: ReactNode }) {
  // A string, so the section renders again only when its status changes.
  const status = useLab((s) => groupStatus(group, selectConfig(s)).join(' · '));
  return (
    <FoldingSection title={GROUPS[group]} status={status} id={`controls-${group}`}>
      {children}
    </FoldingSection>
  );
}
