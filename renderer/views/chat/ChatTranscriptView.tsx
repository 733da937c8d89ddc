import { useEffect, useRef } from 'react';
import type { ChatMessageView } from '../../../shared/ipc/contract';
import type { ChatTranscript } from '../../state/chat-transcript';
import { strings } from '../../strings';

const roleNames: Record<ChatMessageView['role'], string> = {
  user: strings.chat.you,
  assistant: strings.chat.assistant,
  tool: strings.chat.tool,
  system: strings.chat.system,
};

function Message({ message }: { message: ChatMessageView }) {
  return (
    <li className={`message message--${message.role}`} data-aborted={message.aborted === true} data-failed={message.error !== undefined}>
      <span className="message__role">{roleNames[message.role]}</span>
      <div className="message__text">{message.text}</div>
      {message.aborted && <p className="message__note">{strings.chat.aborted}</p>}
      {message.error !== undefined && <p className="message__note">{strings.chat.failedMessage(message.error)}</p>}
    </li>
  );
}

/** The conversation, newest at the bottom and kept in view; streaming text is read out politely. */
export function ChatTranscriptView({ transcript }: { transcript: ChatTranscript }) {
  const scroller = useRef<HTMLDivElement>(null);
  const streamingText = transcript.streaming?.text;
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [transcript.messages.length, streamingText]);

  const empty = transcript.messages.length === 0 && transcript.streaming === undefined;
  return (
    <div ref={scroller} className="transcript" tabIndex={0} aria-label={strings.chat.transcriptLabel}>
      {empty && <p className="muted transcript__empty">{strings.chat.emptyTranscript}</p>}
      <ol className="transcript__list">
        {transcript.messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
        {transcript.streaming !== undefined && (
          <li className="message message--assistant message--streaming">
            <span className="message__role">{roleNames.assistant}</span>
            <div className="message__text" aria-live="polite" data-testid="streaming-text">
              {streamingText === '' ? <span className="muted">{strings.chat.thinking}</span> : streamingText}
            </div>
          </li>
        )}
      </ol>
    </div>
  );
}
