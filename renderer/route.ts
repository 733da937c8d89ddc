/**
 * One renderer bundle serves every window; the URL hash picks the view (`#chat`, `#settings`,
 * …). Anything else, including no hash, is the tray panel.
 */

export const viewNames = ['panel', 'chat', 'approvals', 'pairing', 'settings', 'logs', 'onboarding'] as const;

export type ViewName = (typeof viewNames)[number];

export function viewFromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '').split(/[?/&]/, 1)[0]?.toLowerCase() ?? '';
  return (viewNames as readonly string[]).includes(name) ? (name as ViewName) : 'panel';
}

export function hashFor(view: ViewName): string {
  return `#${view}`;
}
