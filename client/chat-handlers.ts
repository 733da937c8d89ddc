/**
 * The contract's chat channels over a ChatRelay (client/chat/): each request checked against its
 * schema first, actions answering an ActionResult. The tray's controller and the browser bridge
 * both serve these.
 */
import type { InvokeResponse } from '../shared/ipc/contract.js';
import { actionResult } from './action-result.js';
import type { ChatRelay } from './chat/chat-relay.js';
import { describeFailure } from './describe-failure.js';
import { parseRequest } from './requests/request-schemas.js';

type ChatChannel = 'chat:listSessions' | 'chat:history' | 'chat:send' | 'chat:abort' | 'chat:listModels' | 'chat:setModel';

export type ChatHandlers = { [C in ChatChannel]: (request: unknown) => Promise<InvokeResponse<C>> };

export function chatHandlers(chat: ChatRelay): ChatHandlers {
  return {
    'chat:listSessions': () => chat.listSessions(),
    'chat:history': (raw) => chat.history(parseRequest('chat:history', raw).sessionKey),
    'chat:send': async (raw) => {
      try {
        const { sessionKey, text } = parseRequest('chat:send', raw);
        if (text.trim() === '') return { ok: false, message: 'The message is empty.' };
        return await chat.send(sessionKey, text);
      } catch (error) {
        return { ok: false, message: describeFailure(error) };
      }
    },
    'chat:abort': (raw) => actionResult(() => chat.abort(parseRequest('chat:abort', raw).sessionKey)),
    'chat:listModels': () => chat.listModels(),
    'chat:setModel': (raw) =>
      actionResult(() => {
        const { sessionKey, model } = parseRequest('chat:setModel', raw);
        return chat.setModel(sessionKey, model);
      }),
  };
}
