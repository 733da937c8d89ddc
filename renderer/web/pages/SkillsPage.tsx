import type { GatehouseBridge } from '../../../shared/ipc/contract';
import { SkillsList } from '../../views/skills/SkillsList';
import { useSkillsView } from '../../views/skills/useSkillsView';
import { PageFrame } from './PageFrame';

/** The Skills page: the same list as the tray's Settings → Skills, through the browser's bridge. */
export function SkillsPage({ bridge }: { bridge: GatehouseBridge }) {
  const view = useSkillsView(bridge);
  return (
    <PageFrame name="skills" title="Skills" onRefresh={() => void view.reload()} refreshing={view.loading}>
      <SkillsList bridge={bridge} view={view} titleLevel={2} />
    </PageFrame>
  );
}
