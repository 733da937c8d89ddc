/**
 * What Markdown written by a model may turn into. Model output is untrusted (a web page or file it
 * read can steer it), so:
 * - no raw HTML: react-markdown never parses it, and rehype-sanitize's allowlist (GitHub's) drops
 *   any element or attribute outside it, event handlers and `style` included;
 * - links only to absolute http(s) and mailto URLs: no `javascript:`/`data:` links, and no
 *   relative or `#fragment` links, which would move the app's own hash-routed page;
 * - images inline only from data: URLs of raster types (PNG, JPEG, GIF, WebP — not SVG, a
 *   document that can carry script) and from blob: URLs (made by this page itself). An https
 *   image is shown as a link instead of being fetched: an image the model asks for is loaded
 *   without anyone clicking, so its URL could carry the conversation to whoever serves it (the
 *   usual prompt-injection exfiltration path), and the tray's CSP allows no remote images anyway.
 */
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

const INLINE_DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/]+={0,2}$/i;

export type ImageSource = { kind: 'inline'; src: string } | { kind: 'remote'; href: string; host: string } | { kind: 'blocked' };

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** A link target the transcript may show, or undefined (the link becomes plain text). */
export function safeLinkHref(url: string): string | undefined {
  const target = parsed(url.trim());
  if (target === undefined) return undefined;
  return target.protocol === 'http:' || target.protocol === 'https:' || target.protocol === 'mailto:' ? target.href : undefined;
}

/** How an image source is shown: inline, as a link to a remote image, or not at all. */
export function imageSource(url: string): ImageSource {
  const trimmed = url.trim();
  if (INLINE_DATA_IMAGE.test(trimmed)) return { kind: 'inline', src: trimmed };
  const target = parsed(trimmed);
  if (target?.protocol === 'blob:') return { kind: 'inline', src: target.href };
  if (target?.protocol === 'https:') return { kind: 'remote', href: target.href, host: target.host };
  return { kind: 'blocked' };
}

/** react-markdown's URL hook: unsafe URLs are emptied before any element is made with them. */
export function transcriptUrlTransform(url: string, key: string): string {
  if (key === 'src') return imageSource(url).kind === 'blocked' ? '' : url.trim();
  return safeLinkHref(url) ?? '';
}

/**
 * GitHub's sanitize allowlist with URL protocols narrowed to the ones above, and task-list
 * checkboxes kept (read-only). `language-*` classes on code stay for the highlighter.
 */
export const transcriptSanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    src: ['https', 'data', 'blob'],
  },
};
