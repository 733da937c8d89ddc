/**
 * The Control UI's Sessions, Nodes, Skills, Usage and Config pages against a real gateway serving
 * the real bundle: no serious or critical accessibility violations (axe) in light and dark,
 * screenshots of each in both themes at desktop (1280×800) and phone (390×844) widths under
 * test-results/screenshots/, and what each page does with the gateway: sessions renamed,
 * compacted and deleted after a confirmation; the config form and raw editor writing with the
 * hash they read, secrets kept, and a file changed underneath shown as a conflict with a reload.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { GatewayStore } from '../../gateway/agent/store/gateway-store.js';
import { makeStateDir } from '../helpers/gateway-process.js';
import { signInWithToken, startServedGateway, type ServedGateway } from './control-ui-support.js';
import { repoRoot } from './global-setup.js';

const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
const pages = ['sessions', 'nodes', 'skills', 'usage', 'config'] as const;
const headings: Record<(typeof pages)[number], string> = { sessions: 'Sessions', nodes: 'Nodes', skills: 'Skills', usage: 'Usage', config: 'Config' };
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const SECRET = 'provider-key-never-shown-1234';

let served: ServedGateway;

/** Two sessions with a few messages and the tokens their turns took, written through the gateway's own store before it starts. */
function seedSessions(stateDir: string): void {
  const store = GatewayStore.open(stateDir);
  try {
    const now = Date.now();
    for (const [key, label, words] of [
      ['agent:main:trip', 'Trip planning', ['Where should we go in May?', 'Lisbon is lovely in May.']],
      ['agent:main:recipes', undefined, ['A soup with leeks, please', 'Leek and potato soup: …']],
    ] as const) {
      store.sessions.save({ sessionKey: key, sessionId: `${key}-1`, agentId: 'main', ...(label ? { label } : {}), settings: {}, createdAtMs: now - 60_000, updatedAtMs: now });
      words.forEach((text, index) =>
        store.transcript.append({ sessionKey: key, sessionId: `${key}-1`, role: index % 2 === 0 ? 'user' : 'assistant', content: [{ type: 'text', text }], meta: {}, ts: now - 1_000 + index }),
      );
    }
    const day = 86_400_000;
    for (const [ago, sessionKey, inputTokens, outputTokens] of [
      [2 * day, 'agent:main:trip', 800, 200],
      [day, 'agent:main:trip', 400, 100],
      [0, 'agent:main:recipes', 1_000, 600],
    ] as const) {
      store.usage.record({ ts: now - ago, sessionKey, agentId: 'main', provider: 'local', model: 'small', inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 });
    }
  } finally {
    store.close();
  }
}

function configText(extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      gateway: { controlUi: { root: join(repoRoot, 'dist', 'control-ui') } },
      models: { providers: { local: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: SECRET, api: 'openai-completions', models: [{ id: 'small', name: 'Small', cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 } }] } } },
      ...extra,
    },
    null,
    2,
  );
}

test.beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  const stateDir = makeStateDir();
  seedSessions(stateDir);
  served = await startServedGateway({ stateDir, config: configText() });
});

test.afterAll(async () => {
  await served?.stop();
});

async function open(page: Page, name: (typeof pages)[number]): Promise<void> {
  await page.evaluate(`location.hash = '#${name}'`);
  await expect(page.getByRole('heading', { level: 1, name: headings[name], exact: true })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`Sessions, Nodes, Skills, Usage and Config in ${scheme}: no serious accessibility violations; screenshots`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await signInWithToken(page, served);
    const problems: string[] = [];
    for (const name of pages) {
      await open(page, name);
      if (name === 'config') await expect(page.getByTestId('raw-editor').or(page.getByTestId('config-form'))).toBeVisible();
      for (const violation of await seriousViolations(page)) problems.push(`${name}: ${violation}`);
    }
    // The raw editor (CodeMirror, its own chunk) with its highlighting, judged too.
    await open(page, 'config');
    await page.getByRole('tab', { name: 'Raw JSON5' }).click();
    await expect(page.getByTestId('raw-editor')).toHaveAttribute('data-ready', 'true');
    for (const violation of await seriousViolations(page)) problems.push(`config (raw): ${violation}`);
    for (const [size, viewport] of Object.entries(viewports)) {
      await page.setViewportSize(viewport);
      for (const name of pages) {
        await open(page, name);
        await page.screenshot({ path: join(screenshotDir, `control-ui-${name}-${scheme}-${size}.png`), fullPage: true });
      }
    }
    expect(problems).toEqual([]);
  });
}

test('Sessions: search, rename, change the model, compact and delete, each destructive change confirmed first', async ({ page }) => {
  await signInWithToken(page, served);
  await open(page, 'sessions');
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(2);

  await page.getByLabel('Search sessions').fill('leek');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('A soup with leeks, please');

  await page.getByRole('button', { name: 'Rename A soup with leeks, please' }).click();
  await page.getByLabel('Name (empty clears it)').fill('Soups');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Renamed to “Soups”.')).toBeVisible();
  await expect(rows.first().getByRole('heading', { name: 'Soups' })).toBeVisible();

  await page.getByRole('button', { name: 'Change model of Soups' }).click();
  await page.getByLabel('Model as provider/model (empty for the default)').fill('local/small');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(page.getByText('“Soups” now uses small.')).toBeVisible();

  await page.getByRole('button', { name: 'Compact Soups' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Compact “Soups”?' })).toBeVisible();
  await page.getByRole('button', { name: 'Compact', exact: true }).click();
  await expect(page.getByText(/Nothing to compact|older messages/)).toBeVisible();

  await page.getByRole('button', { name: 'Delete Soups' }).click();
  await expect(page.getByText('Delete “Soups” and its transcript? This cannot be undone.')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete Soups' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('“Soups” was deleted.')).toBeVisible();
  await expect(rows).toHaveCount(0);
});

test('Config: the form saves a change with inline validation; the raw editor keeps secrets and shows a conflict with a reload', async ({ page }) => {
  await signInWithToken(page, served);
  await open(page, 'config');
  const configFile = join(served.gateway.stateDir, 'gatehouse.json');

  // The form: an invalid value is named at the field and blocks saving; a valid one is written.
  await page.getByLabel('Section').selectOption({ label: 'Logging' });
  const level = page.locator('[data-path="logging.level"]');
  await level.selectOption('debug');
  await page.getByRole('button', { name: 'Save 1 change' }).click();
  await expect(page.getByText(/Saved: logging\.level/)).toBeVisible();
  expect(JSON.parse(readFileSync(configFile, 'utf8')).logging.level).toBe('debug');

  await page.getByLabel('Section').selectOption({ label: 'Gateway' });
  const port = page.locator('[data-path="gateway.port"]');
  await port.fill('70000');
  await expect(page.getByText('At most 65535.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save 1 change' })).toBeDisabled();
  await page.getByRole('button', { name: 'Discard changes' }).click();

  // The raw editor: the secret shows only as the sentinel, and saving keeps it.
  await page.getByRole('tab', { name: 'Raw JSON5' }).click();
  const editor = page.getByTestId('raw-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await expect(editor).toContainText('__OPENCLAW_REDACTED__');
  await expect(editor).not.toContainText(SECRET);
  const content = page.getByRole('textbox', { name: 'Config file (JSON5)' });
  await content.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// edited in the Control UI');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/^Saved/)).toBeVisible();
  const written = readFileSync(configFile, 'utf8');
  expect(written).toContain('// edited in the Control UI');
  expect(written).toContain(SECRET);

  // Broken JSON5 is named before anything is sent.
  await content.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n}');
  await expect(page.getByTestId('raw-problem')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Discard edits' }).click();

  // Someone else changes the file: the stale write is refused and the page offers a reload.
  writeFileSync(configFile, configText({ logging: { level: 'info' } }));
  await content.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// mine');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/The config file changed since this page read it/)).toBeVisible();
  expect(readFileSync(configFile, 'utf8')).not.toContain('// mine');
  await page.getByRole('button', { name: /Reload the current file/ }).click();
  await expect(editor).not.toContainText('// mine');
  // The gateway takes up a hand edit after its file-watch debounce (config.md §1.8); until then
  // config.get still answers the previous file, so refresh until it shows.
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(editor).toContainText('"info"', { timeout: 1_000 });
  }).toPass();
});

test('Nodes says when there are none, Skills reads skills.status, Usage charts the tokens and cost the store recorded', async ({ page }) => {
  await signInWithToken(page, served);
  await open(page, 'nodes');
  await expect(page.getByText('No nodes yet.', { exact: false })).toBeVisible();
  await open(page, 'skills');
  await expect(page.getByText(/ready · workspace/)).toBeVisible();
  // Disabling a skill goes through skills.update; the page then says what to do about it.
  const noteTaker = page.getByTestId('skill-row').filter({ has: page.getByRole('heading', { name: /note-taker/ }) });
  await noteTaker.getByRole('button', { name: 'Disable note-taker' }).click();
  await expect(noteTaker.getByText('Disabled: enable it to let agents use it.')).toBeVisible();
  await noteTaker.getByRole('button', { name: 'Enable note-taker' }).click();
  await expect(noteTaker.getByText('Ready', { exact: true })).toBeVisible();
  // Usage: 3,100 tokens over three days, priced at $1 / $2 per million input / output tokens.
  await open(page, 'usage');
  await expect(page.getByTestId('usage-total')).toHaveText('3.1k tokens · < $0.01');
  const perModel = page.getByRole('figure', { name: 'Per model' });
  await expect(perModel.getByRole('listitem')).toHaveText(['local/small 3.1k tokens']);
  const perSession = page.getByRole('figure', { name: 'Per session' });
  await expect(perSession.getByRole('listitem')).toHaveText(['agent:main:recipes 1.6k tokens', 'agent:main:trip 1.5k tokens']);
  await page.getByLabel('Cost').check();
  await expect(perModel.getByRole('listitem')).toHaveText(['local/small < $0.01']);
  await page.getByLabel('7 days').check();
  const perDay = page.getByRole('figure', { name: 'Per day' });
  await perDay.getByText('Table').click();
  // A heading row and one row per day of the range, the days without usage included.
  await expect(perDay.getByRole('row')).toHaveCount(8);
});

test('Config: the raw editor keeps every edit when edits come faster than the page repaints', async ({ page }) => {
  await signInWithToken(page, served);
  await open(page, 'config');
  await page.getByRole('tab', { name: 'Raw JSON5' }).click();
  const editor = page.getByTestId('raw-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await page.getByRole('textbox', { name: 'Config file (JSON5)' }).click();
  await page.keyboard.press('Control+End');
  // Each letter lands after the render its previous letter caused but, a task later, before the
  // next frame: when effects that run after paint still hold the previous text. Pushing that text
  // back into the editor lost letters (React) or re-rendered without end and hung the page (Preact).
  await page.evaluate(async () => {
    for (const letter of 'abcdefgh') {
      document.execCommand('insertText', false, letter);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  });
  await expect(editor).toContainText('}abcdefgh');
  await expect(page.getByTestId('raw-problem')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Discard edits' })).toBeEnabled();
});
