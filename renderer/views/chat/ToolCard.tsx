import type { ToolCardView } from '../../../shared/ipc/contract';
import { chatStrings } from './chat-strings';
import { useDisclosure } from './disclosure-state';

export interface ToolCardProps {
  messageId: string;
  card: ToolCardView;
  /** Opens where approvals are decided; absent where that is not possible. */
  onReviewApproval?: () => void;
}

/** One tool call: its command and state on the summary line; arguments and output when opened. */
export function ToolCard({ messageId, card, onReviewApproval }: ToolCardProps) {
  const [open, setOpen] = useDisclosure(`${messageId}:tool:${card.id}`);
  const approval = card.approval;
  return (
    <div className="tool-card-wrap">
    <details className="tool-card" data-state={card.state} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="tool-card__summary">
        <span className="tool-card__name">{card.name}</span>
        {card.command !== undefined && <code className="tool-card__command">{card.command}</code>}
        <span className="tool-card__badges">
          {approval !== undefined && (
            <span className="tool-card__badge" data-approval={approval.state}>
              {chatStrings.approvalState[approval.state]}
            </span>
          )}
          <span className="tool-card__badge" data-tool-state={card.state}>
            {chatStrings.toolState[card.state]}
            {card.exitCode !== undefined && ` (${chatStrings.exitCode(card.exitCode)})`}
          </span>
        </span>
      </summary>
      {open && (
        <div className="tool-card__body">
          {card.command !== undefined && (
            <>
              <h4 className="tool-card__label">{chatStrings.commandLabel}</h4>
              <pre className="tool-card__pre">{card.command}</pre>
            </>
          )}
          {card.args !== undefined && (
            <>
              <h4 className="tool-card__label">{chatStrings.argumentsLabel}</h4>
              <pre className="tool-card__pre">{card.args}</pre>
            </>
          )}
          {card.state !== 'running' && (
            <>
              <h4 className="tool-card__label">{chatStrings.outputLabel}</h4>
              <pre className="tool-card__pre" data-testid="tool-output">
                {card.output ?? chatStrings.noOutput}
              </pre>
            </>
          )}
        </div>
      )}
    </details>
    {approval?.state === 'pending' && onReviewApproval !== undefined && (
      <button type="button" className="button button--primary button--small tool-card__review" onClick={onReviewApproval}>
        {chatStrings.reviewApproval}
      </button>
    )}
    </div>
  );
}
