/**
 * Chat in the browser through an exec approval, end to end: a real gateway serving the real
 * bundle, its model a scripted provider (test/fixtures/model-provider) that calls the exec tool
 * with a command the gateway asks a person about. The chat's tool card says it is waiting for
 * approval; the Approvals page (another tab of the same signed-in browser) allows it once; the
 * card then shows the command's real output, and the reply the model gives after it finishes.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { signInWithToken, startServedGateway, type ServedGateway } from './control-ui-support.js';
import { repoRoot } from './global-setup.js';

let provider: ModelProviderServer;
let served: ServedGateway;

test.beforeAll(async () => {
  provider = await ModelProviderServer.start();
  served = await startServedGateway({
    config: JSON.stringify({
      gateway: { controlUi: { root: join(repoRoot, 'dist', 'control-ui') } },
      models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'k', api: 'openai-completions', models: [{ id: 'm', name: 'M' }] } } },
      agents: { defaults: { model: 'mock/m' } },
    }),
  });
});

test.afterAll(async () => {
  await served?.stop();
  await provider?.close();
});

test('a tool call waits for approval in the chat, is allowed on the Approvals page, and the run finishes with its output', async ({ page, context }) => {
  const command = 'echo hello-from-the-browser';
  provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command } }] });
  provider.enqueue({ text: ['The command printed hello-from-the-browser.'] });

  await signInWithToken(page, served);
  await page.goto(new URL('#chat', served.origin).href);
  const composer = page.getByPlaceholder(/message/i);
  await expect(composer).toBeEnabled();
  await composer.fill('Please run the greeting command');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const card = page.locator('.tool-card-wrap').filter({ hasText: command });
  await expect(card.locator('[data-approval]')).toHaveText('Waiting for approval');
  await expect(card.getByRole('button', { name: 'Review in Approvals' })).toBeVisible();

  // The Approvals page, in a second tab of the same browser (signed in by its device token).
  const approvals = await context.newPage();
  await approvals.goto(new URL('#approvals', served.origin).href);
  await expect(approvals.getByText(command, { exact: true }).first()).toBeVisible();
  await approvals.getByRole('button', { name: 'Allow once' }).click();
  await expect(approvals.getByText('No commands are waiting for your approval.')).toBeVisible();
  await approvals.close();

  // Back in the chat, without a reload: the card follows the run.
  await expect(card.locator('[data-approval]')).toHaveText('Approved');
  await expect(card.locator('[data-tool-state]')).toContainText('Done');
  await card.locator('summary').click();
  await expect(card.getByTestId('tool-output')).toContainText('hello-from-the-browser');
  await expect(page.locator('.chat-transcript')).toContainText('The command printed hello-from-the-browser.');
  await expect(composer).toBeEnabled();

  // The command really ran once, on the gateway, and its output went back to the model.
  const followUp = provider.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
  const toolMessage = followUp.messages.find((message) => message.role === 'tool');
  expect(JSON.parse(toolMessage!.content)).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'hello-from-the-browser\n' });
});
