import { useState } from 'react';
import type { ChatChannelView, GatehouseBridge, TokenChannelId } from '../../../../shared/ipc/contract';
import { channelStrings } from '../../../channel-strings';
import { Field } from '../../../components/Field';
import { FormStatus, type FormStatusValue } from '../../../components/FormStatus';
import { errorMessage } from '../../../format/error-message';
import { checkToken, type TokenProblem } from '../../../state/channel-health';
import { strings } from '../../../strings';

export interface ChannelTokenFormProps {
  bridge: GatehouseBridge | undefined;
  channel: ChatChannelView;
  tokenChannel: TokenChannelId;
  onSaved: () => Promise<void>;
}

/**
 * Add or replace a bot token. The field is a password field and empties after saving: the token
 * goes to main once, main writes it into the gateway's config, and nothing ever reads it back.
 */
export function ChannelTokenForm({ bridge, channel, tokenChannel, onSaved }: ChannelTokenFormProps) {
  const s = channelStrings;
  const [token, setToken] = useState('');
  const [accountId, setAccountId] = useState(channel.defaultAccountId);
  const [problem, setProblem] = useState<TokenProblem | undefined>(undefined);
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const [saving, setSaving] = useState(false);
  const target = channel.accounts.find((account) => account.accountId === accountId);
  const tokenSet = target?.token === 'set';

  const save = async (): Promise<void> => {
    if (saving) return;
    const checked = checkToken(token);
    if (!checked.ok) {
      setProblem(checked.problem);
      setStatus(undefined);
      return;
    }
    setProblem(undefined);
    if (!bridge) return;
    setSaving(true);
    setStatus(undefined);
    try {
      const request = accountId === channel.defaultAccountId ? { channel: tokenChannel, token: checked.token } : { channel: tokenChannel, accountId, token: checked.token };
      const result = await bridge.invoke('channels:setToken', request);
      if (result?.ok) {
        setToken('');
        setStatus({ tone: 'ok', text: result.message || s.tokenSaved });
        await onSaved();
      } else setStatus({ tone: 'error', text: result?.message || strings.common.actionFailed });
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="channel__token"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
    >
      {channel.accounts.length > 1 && (
        <Field label={s.accountLabel}>
          {({ id }) => (
            <select id={id} value={accountId} onChange={(event) => setAccountId(event.target.value)}>
              {channel.accounts.map((account) => (
                <option key={account.accountId} value={account.accountId}>
                  {s.accountName(account.accountId, account.isDefault)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={s.tokenLabel(channel.label)} help={s.tokenHelp[tokenChannel]} problem={problem === undefined ? undefined : problem === 'spaces' ? s.tokenSpaces : s.tokenTooShort}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="password"
            value={token}
            placeholder={tokenSet ? s.tokenPlaceholderSaved : s.tokenPlaceholderNew}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => setToken(event.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={!bridge} aria-busy={saving}>
          {saving ? strings.common.saving : tokenSet ? s.replaceToken : s.saveToken}
        </button>
        <FormStatus status={status} testId={`channel-token-status-${channel.id}`} />
      </div>
    </form>
  );
}
