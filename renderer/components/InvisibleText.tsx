import { useMemo } from 'react';
import { revealInvisibleCharacters, type TextSegment } from '../format/invisible-characters';
import { strings } from '../strings';

export interface InvisibleTextProps {
  text: string;
  segments?: readonly TextSegment[];
}

/**
 * Text with its hidden characters drawn as highlighted escapes (`\u200B`), in typed order:
 * the container forces left-to-right with `unicode-bidi: bidi-override` (styles), so even
 * right-to-left letters cannot reorder what is shown.
 */
export function InvisibleText({ text, segments }: InvisibleTextProps) {
  const shown = useMemo(() => segments ?? revealInvisibleCharacters(text), [segments, text]);
  return (
    <>
      {shown.map((segment, index) =>
        segment.kind === 'text' ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <span key={index}>
            <mark className="hidden-char" title={strings.approvals.hiddenTitle(segment.name)} data-code-point={segment.codePoint}>
              {segment.escape}
            </mark>
            {segment.breaksLine ? '\n' : null}
          </span>
        ),
      )}
    </>
  );
}
