// Markdown, as models write it, to the HTML subset Telegram's Bot API accepts (parse_mode HTML:
// b, i, s, code, pre, a, blockquote). Everything else is escaped text. When Telegram still refuses
// the markup the sender falls back to plain text (telegram-outbound.ts).

const FENCE = /^\s*(```|~~~)\s*([\w+#.-]*)\s*$/;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** Inline markup of one line (no code fences here). */
function inline(line: string): string {
  const held: string[] = [];
  // Private-use characters mark held spans: models do not write them.
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE001`;
  let text = line.replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(code)}</code>`));
  text = text.replace(/\[([^\]\n]+)\]\(((?:https?:\/\/|tg:\/\/)[^)\s]+)\)/g, (_, label: string, url: string) =>
    hold(`<a href="${escapeAttribute(url)}">${escapeHtml(label)}</a>`),
  );
  text = escapeHtml(text)
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<b>$1</b>')
    .replace(/__(?=\S)(.+?)(?<=\S)__/g, '<b>$1</b>')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '<s>$1</s>')
    .replace(/(^|[^\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])/g, '$1<i>$2</i>')
    .replace(/(^|[^\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)/g, '$1<i>$2</i>');
  return text.replace(/\uE000(\d+)\uE001/g, (_, index: string) => held[Number(index)] ?? '');
}

function blockLine(line: string): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
  if (heading) return `<b>${inline(heading[1] ?? '')}</b>`;
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
  if (bullet) return `${bullet[1] ?? ''}• ${inline(bullet[2] ?? '')}`;
  return inline(line);
}

export function markdownToTelegramHtml(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !FENCE.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      i += 1;
      const language = fence[2] ? ` class="language-${escapeAttribute(fence[2])}"` : '';
      out.push(`<pre><code${language}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] ?? '')) quoted.push(blockLine((lines[i++] ?? '').replace(/^\s*>\s?/, '')));
      out.push(`<blockquote>${quoted.join('\n')}</blockquote>`);
      continue;
    }
    out.push(blockLine(line));
    i += 1;
  }
  return out.join('\n');
}
