import { useCallback, useEffect, useMemo, useState } from 'react';
import { configSections, fieldProblem, mergePatch, type ConfigField } from '../../../client/config-editor/config-form';
import {
  ConfigConflict,
  json5Problem,
  patchConfig,
  readConfig,
  readConfigSchema,
  REDACTED_SENTINEL,
  writeRawConfig,
  type WriteMode,
  type WriteOutcome,
} from '../../../client/config-editor/config-editor-service';
import { describeFailure } from '../../../client/describe-failure';
import type { ConfigGetResult, ConfigSchemaResult } from '../../../shared/protocol/config/results';
import { Notice } from '../../components/Notice';
import type { GatewaySession } from '../gateway-session';
import { CodeEditor } from './CodeEditor';
import { ConfigForm } from './ConfigForm';
import { Loading, PageFrame } from './PageFrame';

type Tab = 'form' | 'raw';
type Outcome = { tone: 'info' | 'error'; text: string; conflict?: boolean } | undefined;

function savedText(outcome: WriteOutcome): string {
  const what = outcome.changedPaths.length === 0 ? 'Saved; nothing changed.' : `Saved: ${outcome.changedPaths.slice(0, 6).join(', ')}${outcome.changedPaths.length > 6 ? ', …' : ''}.`;
  const restart = outcome.restart === 'scheduled' ? ' The gateway restarts to apply it.' : outcome.restart === 'required' ? ' Restart the gateway for it to take effect.' : '';
  return what + restart;
}

export function ConfigPage({ session }: { session: GatewaySession }) {
  const methods = session.methods;
  const canForm = methods.includes('config.schema') && methods.includes('config.patch');
  const canSet = methods.includes('config.set');
  const canApply = methods.includes('config.apply');
  const [tab, setTab] = useState<Tab>(canForm ? 'form' : 'raw');
  const [file, setFile] = useState<ConfigGetResult | undefined>(undefined);
  const [schema, setSchema] = useState<ConfigSchemaResult | undefined>(undefined);
  const [loadProblem, setLoadProblem] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState('');
  const [changes, setChanges] = useState<Map<string, string>>(new Map());
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [current, described] = await Promise.all([readConfig(session.request), canForm ? readConfigSchema(session.request) : Promise.resolve(undefined)]);
      setFile(current);
      setSchema(described);
      setDraft(current.raw ?? '{\n}\n');
      setChanges(new Map());
      setLoadProblem(undefined);
    } catch (error) {
      setLoadProblem(describeFailure(error));
    }
  }, [session, canForm]);

  useEffect(() => {
    void load();
  }, [load]);

  const fields = useMemo(() => (schema === undefined ? [] : configSections(schema.schema, schema.uiHints).flatMap((section) => section.fields)), [schema]);
  const formProblems = fields.filter((field) => changes.has(field.id) && fieldProblem(field, changes.get(field.id) ?? '') !== null).length;
  const rawProblem = json5Problem(draft);
  const rawChanged = file !== undefined && draft !== (file.raw ?? '{\n}\n');

  const save = async (write: () => Promise<WriteOutcome>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const done = await write();
      await load();
      setOutcome({ tone: 'info', text: savedText(done) });
    } catch (error) {
      setOutcome(error instanceof ConfigConflict ? { tone: 'error', text: error.message, conflict: true } : { tone: 'error', text: describeFailure(error) });
    } finally {
      setBusy(false);
    }
  };

  const saveRaw = (mode: WriteMode) => save(() => writeRawConfig(session.request, draft, file?.hash ?? null, mode));
  const saveForm = () => save(() => patchConfig(session.request, mergePatch(fields, changes), file?.hash ?? null));
  const changeField = (field: ConfigField, text: string | undefined) =>
    setChanges((current) => {
      const next = new Map(current);
      if (text === undefined) next.delete(field.id);
      else next.set(field.id, text);
      return next;
    });

  return (
    // Refresh reads the file again, dropping unsaved edits; offered only when there are none.
    <PageFrame name="config" title="Config" {...(rawChanged || changes.size > 0 ? {} : { onRefresh: () => void load() })}>
      {loadProblem !== undefined && <Notice tone="error">Could not read the config: {loadProblem}</Notice>}
      {outcome !== undefined && (
        <Notice tone={outcome.tone}>
          {outcome.text}
          {outcome.conflict && (
            <div className="notice__actions">
              <button type="button" className="button button--small" onClick={() => void load().then(() => setOutcome(undefined))}>
                Reload the current file (discards your edits)
              </button>
            </div>
          )}
        </Notice>
      )}
      {file === undefined ? (
        loadProblem === undefined && <Loading />
      ) : (
        <>
          <p className="muted">
            <span className="mono">{file.path}</span>
            {file.exists ? '' : ' (not created yet: saving creates it)'}
          </p>
          {!file.valid && (
            <Notice tone="warning">
              The file on disk is not valid, so the gateway runs without it. Fix it in the raw editor:
              <ul>
                {file.issues.map((issue) => (
                  <li key={`${issue.path}:${issue.message}`}>
                    <span className="mono">{issue.path || '(file)'}</span>: {issue.message}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {canForm && (
            <div className="page-tabs" role="tablist" aria-label="Editor">
              {(['form', 'raw'] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  id={`config-tab-${name}`}
                  aria-selected={tab === name}
                  aria-controls={`config-panel-${name}`}
                  className={`button button--small${tab === name ? ' button--primary' : ''}`}
                  onClick={() => setTab(name)}
                >
                  {name === 'form' ? 'Form' : 'Raw JSON5'}
                </button>
              ))}
            </div>
          )}
          {tab === 'form' && schema !== undefined ? (
            <section id="config-panel-form" role="tabpanel" aria-labelledby="config-tab-form">
              <ConfigForm schema={schema} config={file.config} changes={changes} onChange={changeField} />
              <div className="form-actions">
                <button type="button" className="button button--primary" disabled={busy || changes.size === 0 || formProblems > 0} onClick={() => void saveForm()}>
                  {busy ? 'Saving…' : changes.size === 0 ? 'No changes' : `Save ${changes.size} change${changes.size === 1 ? '' : 's'}`}
                </button>
                {changes.size > 0 && (
                  <button type="button" className="button button--quiet" onClick={() => setChanges(new Map())} disabled={busy}>
                    Discard changes
                  </button>
                )}
              </div>
            </section>
          ) : (
            <section id="config-panel-raw" role={canForm ? 'tabpanel' : undefined} aria-labelledby={canForm ? 'config-tab-raw' : undefined}>
              <p id="config-raw-help" className="muted">
                Secrets show as <span className="mono">{REDACTED_SENTINEL}</span>: leave that text as it is to keep the stored secret.
              </p>
              <CodeEditor text={draft} label="Config file (JSON5)" describedBy="config-raw-help" onChange={setDraft} />
              {rawProblem !== null && (
                <p className="field__problem" role="alert" data-testid="raw-problem">
                  {rawProblem}
                </p>
              )}
              <div className="form-actions">
                {canSet && (
                  <button type="button" className="button button--primary" disabled={busy || !rawChanged || rawProblem !== null} onClick={() => void saveRaw('set')}>
                    Save
                  </button>
                )}
                {canApply && (
                  <button type="button" className="button" disabled={busy || !rawChanged || rawProblem !== null} onClick={() => void saveRaw('apply')}>
                    Save and restart
                  </button>
                )}
                {rawChanged && (
                  <button type="button" className="button button--quiet" disabled={busy} onClick={() => setDraft(file.raw ?? '{\n}\n')}>
                    Discard edits
                  </button>
                )}
              </div>
            </section>
          )}
        </>
      )}
    </PageFrame>
  );
}
