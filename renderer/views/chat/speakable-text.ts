/**
 * A reply's Markdown as words to read out: emphasis, code and heading marks dropped, a link as its
 * text, an image as its description. Only for the screen-reader announcement; the transcript shows
 * the Markdown rendered.
 */
export function speakableText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^```[^\n]*$/gm, '')
    .replace(/^\s{0,3}(?:#{1,6}|>)\s?/gm, '')
    .replace(/(^|[^\w*~`])(\*\*|__|~~|`|\*|_)(?=\S)([^\n]*?\S)\2(?!\w)/gm, '$1$3')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
