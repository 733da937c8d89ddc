/**
 * chat.history messages → the transcript's message views (ChatMessageView): the text parts as
 * the message's text, the model's reasoning, images, and tool calls as cards. A tool message's
 * results complete the cards of the calls before them, so a call and its output read as one card;
 * a result whose call is not in view gets a card of its own.
 */
import type { ChatImageView, ChatMessageView, ToolCardView } from '../../shared/ipc/contract.js';
import type { ChatHistoryMessage } from '../../shared/protocol/chat/results.js';
import { clip } from '../text/clip.js';
import { toolCardFromCall, toolCardFromResult, withToolResult } from './tool-cards.js';

/** A message longer than this is cut for the view (the transcript keeps it whole). */
export const MAX_VIEW_TEXT = 20_000;

/**
 * Image types shown inline: raster formats only. SVG is left out because it is a document (it
 * can carry script and external references); an image of another type is named, not shown.
 */
const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
/** Base64 characters of one inline image (about 6 MB decoded): larger ones are named, not sent to the view. */
const MAX_IMAGE_DATA = 8_000_000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Part = Record<string, unknown>;

function role(message: ChatHistoryMessage): ChatMessageView['role'] {
  if (message.role === 'toolResult' || message.role === 'tool') return 'tool';
  return message.role === 'user' || message.role === 'system' ? message.role : 'assistant';
}

function imageView(part: Part): ChatImageView | undefined {
  const mimeType = part['mimeType'];
  const data = part['data'];
  if (typeof mimeType !== 'string' || typeof data !== 'string') return undefined;
  if (!INLINE_IMAGE_TYPES.includes(mimeType) || data.length > MAX_IMAGE_DATA || !BASE64.test(data)) return undefined;
  return { mimeType, dataUrl: `data:${mimeType};base64,${data}` };
}

/** One history message as a view, its tool calls as cards of their own. */
export function chatMessageView(message: ChatHistoryMessage): ChatMessageView {
  const texts: string[] = [];
  const thinking: string[] = [];
  const images: ChatImageView[] = [];
  const tools: ToolCardView[] = [];
  for (const part of message.content as readonly Part[]) {
    switch (part['type']) {
      case 'text':
        if (typeof part['text'] === 'string' && part['text'] !== '') texts.push(part['text']);
        break;
      case 'thinking':
        if (typeof part['thinking'] === 'string' && part['thinking'] !== '') thinking.push(part['thinking']);
        break;
      case 'image': {
        const image = imageView(part);
        if (image) images.push(image);
        else texts.push(`[image: ${String(part['mimeType'] ?? 'unknown type')} not shown]`);
        break;
      }
      case 'toolCall':
        tools.push(toolCardFromCall(String(part['id']), String(part['name']), part['arguments']));
        break;
      case 'toolResult':
        tools.push(toolCardFromResult(String(part['toolCallId']), String(part['name']), part['result'], part['isError'] === true));
        break;
      default:
        break;
    }
  }
  return {
    id: message.id,
    role: role(message),
    text: clip(texts.join('\n\n'), MAX_VIEW_TEXT),
    timestamp: message.timestamp,
    ...(thinking.length > 0 ? { thinking: clip(thinking.join('\n\n'), MAX_VIEW_TEXT) } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(message.aborted ? { aborted: true } : {}),
    ...(message.errorMessage ? { error: message.errorMessage } : {}),
  };
}

/** Where each card stands: index of its message and of the card in it. */
type CardIndex = Map<string, { message: number; card: number }>;

function isEmpty(view: ChatMessageView): boolean {
  return view.text === '' && view.tools === undefined && view.images === undefined && view.thinking === undefined && view.error === undefined;
}

/** A page of history, oldest first, as views: each tool result folded into its call's card. */
export function historyViews(messages: readonly ChatHistoryMessage[]): ChatMessageView[] {
  const views: ChatMessageView[] = [];
  const cards: CardIndex = new Map();
  for (const message of messages) {
    const view = chatMessageView(message);
    const results = (message.content as readonly Part[]).filter((part) => part['type'] === 'toolResult');
    if (view.role === 'tool' && results.length > 0) {
      const leftover: ToolCardView[] = [];
      for (const part of results) {
        const id = String(part['toolCallId']);
        const at = cards.get(id);
        const owner = at === undefined ? undefined : views[at.message];
        const card = at === undefined ? undefined : owner?.tools?.[at.card];
        if (at === undefined || owner?.tools === undefined || card === undefined) {
          leftover.push(toolCardFromResult(id, String(part['name']), part['result'], part['isError'] === true));
          continue;
        }
        const tools = [...owner.tools];
        tools[at.card] = withToolResult(card, part['result'], part['isError'] === true);
        views[at.message] = { ...owner, tools };
      }
      const { tools: _folded, ...rest } = view;
      const remaining: ChatMessageView = leftover.length > 0 ? { ...rest, tools: leftover } : rest;
      if (!isEmpty(remaining)) views.push(remaining);
      continue;
    }
    view.tools?.forEach((card, index) => cards.set(card.id, { message: views.length, card: index }));
    views.push(view);
  }
  return views;
}
