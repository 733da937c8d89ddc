/**
 * The conversation as a virtualised log: only the rows near the viewport are in the DOM, so a
 * session of thousands of messages scrolls as smoothly as a short one. It opens at the newest
 * message and follows a streaming reply while the person is at the bottom; once they scroll up
 * it stays where they are and offers "Jump to latest".
 *
 * For assistive technology the log announces each reply once, when it is finished: the rows
 * themselves are not live (rows mounting as the person scrolls, or tokens streaming in, would be
 * read out), a hidden line inside the log carries the finished reply instead.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChatMessageView } from '../../../shared/ipc/contract';
import type { ChatTranscript } from '../../state/chat-transcript';
import { strings } from '../../strings';
import { chatStrings } from './chat-strings';
import { ChatMessage, StreamingMessage } from './ChatMessage';
import { DisclosureContext, type Disclosures } from './disclosure-state';
import { speakableText } from './speakable-text';

/** How close to the end still counts as "at the bottom" (px): a row's rounding, a trackpad's overshoot. */
const BOTTOM_SLACK = 48;
const ESTIMATED_ROW = 88;
/** A finished reply is read out up to this many characters; the rest is in the transcript. */
const SPOKEN_MAX = 600;

export interface ChatTranscriptViewProps {
  transcript: ChatTranscript;
  onReviewApproval?: (() => void) | undefined;
}

/** What is read out for a finished reply: its text, or that it was stopped or failed. */
function announcement(message: ChatMessageView): string {
  const said = clipForSpeech(speakableText(message.text));
  if (message.error !== undefined) return `${strings.chat.failedMessage(message.error)} ${said}`.trim();
  if (message.aborted) return `${said} ${strings.chat.aborted}`.trim();
  return said;
}

function clipForSpeech(text: string): string {
  return text.length > SPOKEN_MAX ? `${text.slice(0, SPOKEN_MAX)}…` : text;
}

export function ChatTranscriptView({ transcript, onReviewApproval }: ChatTranscriptViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [spoken, setSpoken] = useState('');
  const streamedRun = useRef<string | undefined>(undefined);
  const atBottom = useRef(true);
  const [following, setFollowing] = useState(true);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());

  const { messages, streaming } = transcript;

  // The run that was streaming has finished: its message is read out once.
  useLayoutEffect(() => {
    const finished = streamedRun.current;
    streamedRun.current = streaming?.runId;
    if (finished === undefined || finished === streaming?.runId) return;
    const message = messages.findLast((candidate) => candidate.id === finished);
    if (message !== undefined) setSpoken(announcement(message));
  }, [messages, streaming]);
  const count = messages.length + (streaming === undefined ? 0 : 1);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW,
    overscan: 6,
    getItemKey: (index) => messages[index]?.id ?? `streaming:${streaming?.runId ?? ''}`,
  });

  const disclosures = useMemo<Disclosures>(
    () => ({
      isOpen: (key) => opened.has(key),
      setOpen: (key, open) =>
        setOpened((previous) => {
          if (previous.has(key) === open) return previous;
          const next = new Set(previous);
          if (open) next.add(key);
          else next.delete(key);
          return next;
        }),
    }),
    [opened],
  );

  /** Where the last follow left the scroll position: moving above it is the person scrolling up. */
  const followedTo = useRef(0);

  /** Still at the bottom, or only left behind by new content (not scrolled up by the person)? */
  const stillFollowing = useCallback((element: HTMLDivElement): boolean => {
    const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
    if (distance <= BOTTOM_SLACK) return true;
    return atBottom.current && element.scrollTop >= followedTo.current - 1;
  }, []);

  const scrollToEnd = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = element.scrollHeight;
    followedTo.current = element.scrollTop;
  }, []);

  // A session opens at its newest message.
  useLayoutEffect(() => {
    atBottom.current = true;
    followedTo.current = 0;
    streamedRun.current = undefined;
    setFollowing(true);
    setOpened(new Set());
    setSpoken('');
  }, [transcript.sessionKey]);

  // While following, every new row, streamed chunk or re-measured row keeps the end in view.
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !atBottom.current) return;
    if (!stillFollowing(element)) {
      atBottom.current = false;
      setFollowing(false);
      return;
    }
    scrollToEnd();
  }, [count, streaming, totalSize, scrollToEnd, stillFollowing]);

  const onScroll = (): void => {
    const element = scroller.current;
    if (!element) return;
    const follow = stillFollowing(element);
    atBottom.current = follow;
    setFollowing(follow);
  };

  const jumpToLatest = (): void => {
    atBottom.current = true;
    setFollowing(true);
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
    scrollToEnd();
  };

  const empty = count === 0;
  return (
    <div className="chat-transcript">
      <div
        ref={scroller}
        className="transcript chat-transcript__scroller"
        role="log"
        aria-live="polite"
        aria-relevant="additions text"
        aria-label={strings.chat.transcriptLabel}
        tabIndex={0}
        onScroll={onScroll}
      >
        {empty && <p className="muted transcript__empty">{strings.chat.emptyTranscript}</p>}
        <p className="sr-only" data-testid="transcript-announcement">
          {spoken}
        </p>
        <DisclosureContext.Provider value={disclosures}>
          <div className="chat-transcript__canvas" style={{ height: totalSize }} aria-live="off">
            {virtualizer.getVirtualItems().map((item) => {
              const message = messages[item.index];
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className="chat-transcript__row"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {message !== undefined ? (
                    <ChatMessage message={message} onReviewApproval={onReviewApproval} />
                  ) : streaming !== undefined ? (
                    <StreamingMessage runId={streaming.runId} text={streaming.text} parts={streaming} onReviewApproval={onReviewApproval} />
                  ) : null}
                </div>
              );
            })}
          </div>
        </DisclosureContext.Provider>
      </div>
      {!following && !empty && (
        <button type="button" className="button button--primary button--small chat-transcript__jump" onClick={jumpToLatest}>
          {chatStrings.jumpToLatest}
        </button>
      )}
    </div>
  );
}
