/**
 * The controller's handlers for the chat-channel channels of the contract: Settings → Channels
 * (`channels:*`) and the Pairing panel's chat senders (`pairing:senders`, `…Sender`). Each
 * request is checked against its schema before a service sees it; actions answer an
 * ActionResult instead of throwing.
 */
import type { ChannelsView, InvokeResponse, SenderPairingListView } from '../../shared/ipc/contract.js';
import type { GatewayRequest } from '../gateway-request.js';
import { ChannelsService } from './channels-service.js';
import { actionResult } from '../action-result.js';
import { parseRequest } from '../requests/request-schemas.js';
import { SenderPairingService } from './sender-pairing-service.js';

export interface ChannelServicesOptions {
  request: GatewayRequest;
  connected: () => boolean;
  methods: () => readonly string[];
  emitChannels: (view: ChannelsView) => void;
  emitSenders: (view: SenderPairingListView) => void;
  /** A sender asked to pair (the controller notifies). */
  senderRequested: () => void;
  refreshDelaysMs?: readonly number[];
  log?: (message: string) => void;
}

/** The two services behind these handlers, over one operator connection. */
export function createChannelServices(options: ChannelServicesOptions): { channels: ChannelsService; senders: SenderPairingService } {
  const { request, connected, methods, log } = options;
  const served = { request, connected, methods, ...(log === undefined ? {} : { log }) };
  return {
    channels: new ChannelsService({
      ...served,
      ...(options.refreshDelaysMs === undefined ? {} : { refreshDelaysMs: options.refreshDelaysMs }),
      emit: options.emitChannels,
    }),
    senders: new SenderPairingService({ ...served, emit: options.emitSenders, requested: options.senderRequested }),
  };
}

type ChannelHandlerName =
  | 'channels:status'
  | 'channels:check'
  | 'channels:setToken'
  | 'channels:start'
  | 'channels:stop'
  | 'channels:logout'
  | 'pairing:senders'
  | 'pairing:approveSender'
  | 'pairing:dismissSender';

export type ChannelHandlers = { [C in ChannelHandlerName]: (request: unknown) => Promise<InvokeResponse<C>> };

export function channelHandlers(channels: ChannelsService, senders: SenderPairingService): ChannelHandlers {
  return {
    'channels:status': () => channels.status(),
    'channels:check': () => channels.check(),
    'channels:setToken': (raw) => actionResult(() => channels.setToken(parseRequest('channels:setToken', raw))),
    'channels:start': (raw) => actionResult(() => channels.start(parseRequest('channels:start', raw))),
    'channels:stop': (raw) => actionResult(() => channels.stop(parseRequest('channels:stop', raw))),
    'channels:logout': (raw) => actionResult(() => channels.logout(parseRequest('channels:logout', raw))),
    'pairing:senders': () => senders.list(),
    'pairing:approveSender': (raw) => actionResult(() => senders.approve(parseRequest('pairing:approveSender', raw))),
    'pairing:dismissSender': (raw) => actionResult(() => senders.dismiss(parseRequest('pairing:dismissSender', raw))),
  };
}
