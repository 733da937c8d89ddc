import { useDisclosure } from './disclosure-state';
import { chatStrings } from './chat-strings';

/** The model's reasoning: closed until asked for, plain text (never rendered as Markdown). */
export function ThinkingBlock({ id, text }: { id: string; text: string }) {
  const [open, setOpen] = useDisclosure(`${id}:thinking`);
  return (
    <details className="chat-thinking" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{chatStrings.thinkingSummary}</summary>
      {open && <div className="chat-thinking__text">{text}</div>}
    </details>
  );
}
