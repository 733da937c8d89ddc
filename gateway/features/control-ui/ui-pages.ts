// Small self-contained pages the gateway answers instead of the app: no script, no external
// style (the CSP forbids both), plain words a person can act on.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, paragraphs: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    ...paragraphs.map((text) => `<p>${text}</p>`),
    '</body></html>',
  ].join('\n');
}

export function missingBundlePage(root: string): string {
  return page('The Gatehouse Control UI is not built', [
    `The gateway serves the browser UI from <code>${escapeHtml(root)}</code>, and there is no <code>index.html</code> there.`,
    'Build it from the Gatehouse folder with <code>npm run build:control-ui</code>, or set <code>gateway.controlUi.root</code> to the folder of a built UI.',
    'The gateway itself is running; other clients are not affected.',
  ]);
}

export function insecureContextPage(): string {
  return page('Use HTTPS to open the Gatehouse Control UI from another machine', [
    'This page was requested over plain HTTP from another machine. Browsers allow the cryptography the Control UI signs in with (its device key) only on HTTPS pages or on localhost, and a plain connection would also expose your session on the network.',
    'Either turn on TLS on the gateway (<code>gateway.tls.enabled: true</code> in the config; a self-signed certificate is generated, and <code>gatehouse gateway run</code> prints its fingerprint to compare with the one your browser shows) and open <code>https://</code> instead,',
    'or forward the port over SSH (<code>ssh -L 18789:127.0.0.1:18789 you@gateway-host</code>) and open <code>http://127.0.0.1:18789/</code> on this machine.',
  ]);
}

export function escapeAttribute(text: string): string {
  return escapeHtml(text);
}
