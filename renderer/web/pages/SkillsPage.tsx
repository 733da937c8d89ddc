import { useCallback, useState } from 'react';
import { describeFailure } from '../../../client/describe-failure';
import type { GatewayRequest } from '../../../client/gateway-request';
import { installSkill, missingSteps, readSkills, setSkillEnabled, skillSource, type InstallOutcome } from '../../../client/skills/skills-service';
import type { SkillStatusEntry } from '../../../shared/protocol/skills/results';
import { Notice } from '../../components/Notice';
import type { GatewaySession } from '../gateway-session';
import { Loading, PageFrame } from './PageFrame';
import { useGatewayRead } from './use-gateway-read';

function InstallOutput({ outcome }: { outcome: InstallOutcome }) {
  return (
    <div className="page-output" data-testid="install-output">
      <Notice tone={outcome.ok ? 'info' : 'error'}>{outcome.message}</Notice>
      {outcome.stdout !== undefined && (
        <details open={!outcome.ok}>
          <summary>Output</summary>
          <pre className="mono">{outcome.stdout}</pre>
        </details>
      )}
      {outcome.stderr !== undefined && (
        <details open={!outcome.ok}>
          <summary>Errors</summary>
          <pre className="mono">{outcome.stderr}</pre>
        </details>
      )}
    </div>
  );
}

interface SkillCardProps {
  skill: SkillStatusEntry;
  request: GatewayRequest;
  canUpdate: boolean;
  canInstall: boolean;
  onChanged: () => Promise<void>;
}

function SkillCard({ skill, request, canUpdate, canInstall, onChanged }: SkillCardProps) {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [installed, setInstalled] = useState<InstallOutcome | undefined>(undefined);
  const steps = missingSteps(skill);
  const titleId = `skill-${skill.skillKey}`;

  const toggle = async () => {
    setBusy('toggle');
    setProblem(undefined);
    try {
      await setSkillEnabled(request, skill.skillKey, skill.disabled);
      await onChanged();
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setBusy(undefined);
    }
  };

  const install = async (installId: string) => {
    setBusy(installId);
    setProblem(undefined);
    setInstalled(undefined);
    const outcome = await installSkill(request, skill.name, installId);
    setInstalled(outcome);
    setBusy(undefined);
    if (outcome.ok) await onChanged();
  };

  return (
    <li className="page-card" data-testid="skill-row" aria-labelledby={titleId}>
      <div className="page-card__head">
        <h2 className="page-card__title" id={titleId}>
          {skill.emoji !== undefined && <span aria-hidden="true">{skill.emoji} </span>}
          {skill.name}
        </h2>
        <span className={`badge${skill.eligible ? '' : ' badge--quiet'}`}>{skill.eligible ? 'Ready' : skill.disabled ? 'Disabled' : 'Needs setup'}</span>
      </div>
      {skill.description !== '' && <p className="page-card__text">{skill.description}</p>}
      <p className="muted">
        {skillSource(skill.source)}
        {skill.always ? ' · always on' : ''}
        {skill.homepage !== undefined && /^https?:\/\//.test(skill.homepage) && (
          <>
            {' · '}
            <a href={skill.homepage} target="_blank" rel="noreferrer noopener">
              Homepage<span className="sr-only"> of {skill.name}</span>
            </a>
          </>
        )}
      </p>
      {steps.length > 0 && (
        <ul className="page-steps" aria-label={`What ${skill.name} needs`}>
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ul>
      )}
      {problem !== undefined && <Notice tone="error">{problem}</Notice>}
      {installed !== undefined && <InstallOutput outcome={installed} />}
      <div className="page-actions">
        {canUpdate && (
          <button type="button" className="button button--small" disabled={busy !== undefined} onClick={() => void toggle()}>
            {busy === 'toggle' ? 'Saving…' : skill.disabled ? 'Enable' : 'Disable'}
            <span className="sr-only"> {skill.name}</span>
          </button>
        )}
        {canInstall &&
          skill.install.map((option) => (
            <button key={option.id} type="button" className="button button--small button--primary" disabled={busy !== undefined} onClick={() => void install(option.id)}>
              {busy === option.id ? 'Installing…' : option.label}
            </button>
          ))}
      </div>
    </li>
  );
}

export function SkillsPage({ session }: { session: GatewaySession }) {
  const read = useCallback(() => readSkills(session.request), [session]);
  const view = useGatewayRead(read);
  const canUpdate = session.methods.includes('skills.update');
  const canInstall = session.methods.includes('skills.install');

  return (
    <PageFrame name="skills" title="Skills" onRefresh={() => void view.reload()} refreshing={view.loading}>
      {view.problem !== undefined && <Notice tone="error">Could not read skills: {view.problem}</Notice>}
      {view.value === undefined ? (
        view.problem === undefined && <Loading />
      ) : (
        <>
          <p className="muted">
            {view.value.skills.filter((skill) => skill.eligible).length} of {view.value.skills.length} ready · workspace <span className="mono">{view.value.workspaceDir}</span>
          </p>
          {(view.value.problems ?? []).length > 0 && (
            <Notice tone="warning">
              Some skill files could not be loaded:
              <ul>
                {view.value.problems?.map((problem) => (
                  <li key={problem.filePath}>
                    <span className="mono">{problem.filePath}</span>: {problem.message}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {view.value.skills.length === 0 ? (
            <p className="muted">
              No skills found. Put a skill folder with a SKILL.md in <span className="mono">{view.value.managedSkillsDir}</span> or the workspace&apos;s skills folder.
            </p>
          ) : (
            <ul className="page-list" data-testid="skills-list">
              {view.value.skills.map((skill) => (
                <SkillCard key={skill.filePath} skill={skill} request={session.request} canUpdate={canUpdate} canInstall={canInstall} onChanged={view.reload} />
              ))}
            </ul>
          )}
        </>
      )}
    </PageFrame>
  );
}
