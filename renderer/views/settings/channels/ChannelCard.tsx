import { useId } from 'react';
import type { ChannelsView, ChatChannelView, GatehouseBridge } from '../../../../shared/ipc/contract';
import { channelStrings } from '../../../channel-strings';
import { ChannelAccountRow } from './ChannelAccountRow';
import { ChannelTokenForm } from './ChannelTokenForm';

export interface ChannelCardProps {
  bridge: GatehouseBridge | undefined;
  channel: ChatChannelView;
  actions: ChannelsView['actions'];
  onChanged: () => Promise<void>;
}

/** One channel (Telegram, Discord): its accounts, then the token field. */
export function ChannelCard({ bridge, channel, actions, onChanged }: ChannelCardProps) {
  const titleId = useId();
  return (
    <article className="channel" aria-labelledby={titleId} data-testid={`channel-${channel.id}`}>
      <h3 id={titleId} className="channel__title">
        {channel.label}
      </h3>
      {channel.accounts.length === 0 ? (
        <p className="muted">{channelStrings.noAccount}</p>
      ) : (
        <ul className="channel__accounts" aria-label={channelStrings.accountsLabel(channel.label)}>
          {channel.accounts.map((account) => (
            <li key={account.accountId}>
              <ChannelAccountRow bridge={bridge} channel={channel} account={account} actions={actions} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
      {channel.tokenChannel !== undefined && <ChannelTokenForm bridge={bridge} channel={channel} tokenChannel={channel.tokenChannel} onSaved={onChanged} />}
    </article>
  );
}
