import type { GatehouseBridge, SkillsView } from '../../../shared/ipc/contract';
import { Notice } from '../../components/Notice';
import type { GatewayRead } from '../../hooks/useGatewayRead';
import '../../styles/cards.css';
import { SkillCard } from './SkillCard';

export interface SkillsListProps {
  bridge: GatehouseBridge;
  view: GatewayRead<SkillsView>;
  /** The heading level of each skill's name: 2 on a page of its own, 3 inside a section. */
  titleLevel: 2 | 3;
}

/**
 * Every skill the gateway knows, ready ones first, with what an ineligible one needs. The same
 * list is the Control UI's Skills page and a section of the tray's Settings window.
 */
export function SkillsList({ bridge, view, titleLevel }: SkillsListProps) {
  const skills = view.value?.state === 'ready' ? view.value : undefined;
  return (
    <>
      {view.problem !== undefined && <Notice tone="error">Could not read skills: {view.problem}</Notice>}
      {view.value?.state === 'offline' && (
        <Notice tone="info" live={false}>
          The gateway is not connected; skills show once it is.
        </Notice>
      )}
      {skills === undefined ? (
        view.problem === undefined &&
        view.value === undefined && (
          <p className="muted" role="status">
            Loading…
          </p>
        )
      ) : (
        <>
          <p className="muted">
            {skills.status.skills.filter((skill) => skill.eligible).length} of {skills.status.skills.length} ready · workspace{' '}
            <span className="mono">{skills.status.workspaceDir}</span>
          </p>
          {(skills.status.problems ?? []).length > 0 && (
            <Notice tone="warning">
              Some skill files could not be loaded:
              <ul>
                {skills.status.problems?.map((problem) => (
                  <li key={problem.filePath}>
                    <span className="mono">{problem.filePath}</span>: {problem.message}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {skills.status.skills.length === 0 ? (
            <p className="muted">
              No skills found. Put a skill folder with a SKILL.md in <span className="mono">{skills.status.managedSkillsDir}</span> or the workspace&apos;s skills
              folder.
            </p>
          ) : (
            <ul className="page-list" data-testid="skills-list">
              {skills.status.skills.map((skill) => (
                <SkillCard
                  key={skill.filePath}
                  skill={skill}
                  bridge={bridge}
                  canUpdate={skills.canUpdate}
                  canInstall={skills.canInstall}
                  titleLevel={titleLevel}
                  onChanged={view.reload}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
