/**
 * The Control UI's Setup page against a real gateway serving the real bundle: the whole
 * onboarding wizard in Chromium, with Anthropic played by a local stand-in that accepts one key
 * and refuses every other with its real 401. The key the provider refuses is reported at the
 * step and entered again; the setup lands in the gateway's config file and the workspace.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import JSON5 from 'json5';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { signInWithToken, startServedGateway, type ServedGateway } from './control-ui-support.js';
import { repoRoot } from './global-setup.js';

const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
const GOOD_KEY = 'sk-ant-control-ui-good-key';
const WRONG_KEY = 'sk-ant-control-ui-wrong-key';

let served: ServedGateway;
let provider: ModelProviderServer;

test.beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  provider = await ModelProviderServer.start();
  provider.acceptOnlyApiKey(GOOD_KEY);
  served = await startServedGateway({
    config: JSON.stringify({
      gateway: { controlUi: { root: join(repoRoot, 'dist', 'control-ui') } },
      models: { providers: { anthropic: { baseUrl: provider.anthropicBaseUrl } } },
    }),
    env: { ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: undefined },
  });
});

test.afterAll(async () => {
  await served?.stop();
  await provider?.close();
});

/** Answers the step on screen with the primary button, after checking it is the one expected. */
async function next(page: Page, title: string): Promise<void> {
  await expect(page.getByTestId('wizard-title')).toHaveText(title);
  await page.getByTestId('wizard-next').click();
}

test('the Setup page runs the onboarding wizard on the gateway: a refused key, then the whole setup written', async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithToken(page, served);
  await page.getByTestId('nav-setup').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Setup' })).toBeVisible();
  await page.getByRole('button', { name: 'Start the setup' }).click();

  await next(page, 'Gatehouse setup');
  await expect(page.getByTestId('wizard-title')).toHaveText('Security');
  await page.getByLabel('Yes').check();
  await next(page, 'Security');
  await expect(page.getByLabel('Anthropic')).toBeChecked();
  await next(page, 'Model provider');

  const key = page.getByLabel(/^Anthropic API key/);
  await expect(key).toHaveAttribute('type', 'password');
  await key.fill(WRONG_KEY);
  await page.getByTestId('wizard-next').click();
  // The gateway asked the provider; the provider's own reason is the step's question.
  await expect(page.getByTestId('wizard-title')).toHaveText('API key check');
  await expect(page.getByText('Anthropic refused the key: HTTP 401: invalid x-api-key')).toBeVisible();
  await expect(page.getByLabel('Enter the key again')).toBeChecked();
  await page.screenshot({ path: join(screenshotDir, 'control-ui-setup-refused-key.png'), fullPage: true });
  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(violations.map((violation) => violation.id)).toEqual([]);
  await page.getByTestId('wizard-next').click();

  await page.getByLabel(/^Anthropic API key/).fill(GOOD_KEY);
  await page.getByTestId('wizard-next').click();
  const model = page.getByLabel(/default model/);
  await expect(model).toHaveValue('anthropic/claude-opus-4-6');
  await next(page, 'Default model');

  const workspace = join(served.gateway.stateDir, 'setup-workspace');
  await page.getByLabel(/folder the agents work in/).fill(workspace);
  await next(page, 'Workspace');
  await expect(page.getByLabel('Keep the current token')).toBeChecked();
  await next(page, 'Gateway token');
  await expect(page.getByLabel('No')).toBeChecked();
  await next(page, 'Telegram');
  await expect(page.getByText(`Workspace: ${workspace}`)).toBeVisible();
  await next(page, 'Review');
  await expect(page.getByTestId('wizard-ended')).toHaveText('Setup written. The gateway applies it now.');

  // The provider was asked twice, once per key; the page never saw a key come back.
  const checks = provider.requests.filter((request) => request.provider === 'models');
  expect(checks.map((request) => request.headers['x-api-key'])).toEqual([WRONG_KEY, GOOD_KEY]);
  await expect(page.locator('body')).not.toContainText(GOOD_KEY);
  const written = JSON5.parse(readFileSync(join(served.gateway.stateDir, 'gatehouse.json'), 'utf8'));
  expect(written).toMatchObject({
    env: { vars: { ANTHROPIC_API_KEY: GOOD_KEY } },
    agents: { defaults: { model: 'anthropic/claude-opus-4-6', workspace } },
    models: { providers: { anthropic: { baseUrl: provider.anthropicBaseUrl } } },
  });
  expect(existsSync(join(workspace, 'AGENTS.md'))).toBe(true);
  expect(existsSync(join(workspace, 'HEARTBEAT.md'))).toBe(true);
});
