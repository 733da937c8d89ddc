import { memo, useDeferredValue } from 'react';
import type { ChatMessageView, ChatRunParts } from '../../../shared/ipc/contract';
import { Markdown } from '../../components/markdown/Markdown';
import { strings } from '../../strings';
import { chatStrings } from './chat-strings';
import { ThinkingBlock } from './ThinkingBlock';
import { ToolCard } from './ToolCard';

const roleNames: Record<ChatMessageView['role'], string> = {
  user: strings.chat.you,
  assistant: strings.chat.assistant,
  tool: strings.chat.tool,
  system: strings.chat.system,
};

export interface ChatMessageProps {
  message: ChatMessageView;
  onReviewApproval?: (() => void) | undefined;
}

/** Reasoning, tool cards, images, then the text: Markdown from the assistant, as typed otherwise. */
function MessageBody({ id, role, text, parts, images, onReviewApproval }: { id: string; role: ChatMessageView['role']; text: string; parts: ChatRunParts; images?: ChatMessageView['images']; onReviewApproval?: (() => void) | undefined }) {
  return (
    <>
      {parts.thinking !== undefined && <ThinkingBlock id={id} text={parts.thinking} />}
      {parts.tools?.map((card) => <ToolCard key={card.id} messageId={id} card={card} {...(onReviewApproval ? { onReviewApproval } : {})} />)}
      {images !== undefined && images.length > 0 && (
        <div className="chat-images">
          {images.map((image, index) => (
            <img key={index} className="chat-images__image" src={image.dataUrl} alt={chatStrings.imageAlt(index)} />
          ))}
        </div>
      )}
      {text !== '' && (role === 'assistant' ? <Markdown text={text} /> : <div className="message__text">{text}</div>)}
    </>
  );
}

/** One finished message; memoised, so a streaming reply does not re-render the rows above it. */
export const ChatMessage = memo(function ChatMessage({ message, onReviewApproval }: ChatMessageProps) {
  return (
    <article className={`message message--${message.role}`} data-aborted={message.aborted === true} data-failed={message.error !== undefined} aria-label={roleNames[message.role]}>
      <span className="message__role">{roleNames[message.role]}</span>
      <MessageBody id={message.id} role={message.role} text={message.text} parts={message} images={message.images} onReviewApproval={onReviewApproval} />
      {message.aborted && <p className="message__note">{strings.chat.aborted}</p>}
      {message.error !== undefined && <p className="message__note">{strings.chat.failedMessage(message.error)}</p>}
    </article>
  );
});

/** The reply being written: busy for assistive technology until it is done, so tokens are not read one by one. */
export function StreamingMessage({ runId, text, parts, onReviewApproval }: { runId: string; text: string; parts: ChatRunParts; onReviewApproval?: (() => void) | undefined }) {
  // Re-rendering the reply's Markdown may lag a burst of chunks; typing and scrolling never wait for it.
  const shownText = useDeferredValue(text);
  const empty = text === '' && parts.thinking === undefined && parts.tools === undefined;
  return (
    <article className="message message--assistant message--streaming" aria-busy="true" aria-label={roleNames.assistant}>
      <span className="message__role">{roleNames.assistant}</span>
      {empty ? (
        <span className="muted">{strings.chat.thinking}</span>
      ) : (
        <div data-testid="streaming-text">
          <MessageBody id={runId} role="assistant" text={shownText} parts={parts} onReviewApproval={onReviewApproval} />
        </div>
      )}
    </article>
  );
}
