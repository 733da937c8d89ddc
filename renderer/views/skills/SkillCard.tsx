import { useState } from 'react';
import { missingSteps, skillSource } from '../../../client/skills/skills-service';
import type { GatehouseBridge, SkillInstallView } from '../../../shared/ipc/contract';
import type { SkillStatusEntry } from '../../../shared/protocol/skills/results';
import { Notice } from '../../components/Notice';

function InstallOutput({ outcome }: { outcome: SkillInstallView }) {
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

export interface SkillCardProps {
  skill: SkillStatusEntry;
  bridge: GatehouseBridge;
  canUpdate: boolean;
  canInstall: boolean;
  /** The heading level of the skill's name: 2 on a page of its own, 3 inside a section. */
  titleLevel: 2 | 3;
  onChanged: () => Promise<void>;
}

/** One skill: whether it is ready, what it needs and what to do, enable/disable, and its installers. */
export function SkillCard({ skill, bridge, canUpdate, canInstall, titleLevel, onChanged }: SkillCardProps) {
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [installed, setInstalled] = useState<SkillInstallView | undefined>(undefined);
  const steps = missingSteps(skill);
  const titleId = `skill-${skill.skillKey}`;
  const Title = titleLevel === 2 ? 'h2' : 'h3';

  const toggle = async () => {
    setBusy('toggle');
    setProblem(undefined);
    const result = await bridge.invoke('skills:setEnabled', { skillKey: skill.skillKey, enabled: skill.disabled });
    setBusy(undefined);
    if (result.ok) await onChanged();
    else setProblem(result.message);
  };

  const install = async (installId: string) => {
    setBusy(installId);
    setProblem(undefined);
    setInstalled(undefined);
    const outcome = await bridge.invoke('skills:install', { name: skill.name, installId });
    setInstalled(outcome);
    setBusy(undefined);
    if (outcome.ok) await onChanged();
  };

  return (
    <li className="page-card" data-testid="skill-row" aria-labelledby={titleId}>
      <div className="page-card__head">
        <Title className="page-card__title" id={titleId}>
          {skill.emoji !== undefined && <span aria-hidden="true">{skill.emoji} </span>}
          {skill.name}
        </Title>
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
