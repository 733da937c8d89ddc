import type { GatehouseBridge } from '../../../shared/ipc/contract';
import { SkillsList } from '../skills/SkillsList';
import { useSkillsView } from '../skills/useSkillsView';

/**
 * Settings → Skills: the Control UI's Skills list in the tray's own window. Hidden when the
 * gateway does not serve skills.status.
 */
export function SkillsSection({ bridge }: { bridge: GatehouseBridge | undefined }) {
  const view = useSkillsView(bridge);
  if (bridge === undefined || view.value?.state === 'unsupported') return null;
  return (
    <section className="settings-section" aria-labelledby="settings-skills" data-testid="skills-section">
      <div className="section-header">
        <h2 id="settings-skills" className="section-title">
          Skills
        </h2>
        <button type="button" className="button button--small" aria-busy={view.loading} disabled={view.loading} onClick={() => void view.reload()}>
          Refresh
        </button>
      </div>
      <p className="muted">What your agents can do beyond chat. A skill runs once everything it needs is here.</p>
      <SkillsList bridge={bridge} view={view} titleLevel={3} />
    </section>
  );
}
