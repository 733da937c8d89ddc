/**
 * The setup wizard view in the tray's onboarding window (built renderer, Chromium, stub bridge):
 * each step type the gateway sends is rendered and answered, a refused answer shows the
 * gateway's reason at the step, a progress step shows a spinner and is answered at once, and
 * the onboarding finishes on the panel. The walk against a real gateway is control-ui-wizard.spec.ts.
 */
import { expect, test } from '@playwright/test';
import type { WizardActionResult, WizardStepView } from '../../shared/ipc/contract.js';
import { stubInit, stubSettings } from './stub-bridge.js';
import { openView, shot, useRendererServer } from './views-support.js';

useRendererServer();

const sessionId = 'wizard-session-1';
type Answer = { value: WizardActionResult } | { hang: true };
const running = (step: WizardStepView): Answer => ({ value: { ok: true, progress: { sessionId, done: false, status: 'running', step } } });

const noteStep: WizardStepView = { id: 'step-note', type: 'note', title: 'Gatehouse setup', message: 'This sets up the gateway.\nNothing is written until you confirm.' };
const riskStep: WizardStepView = { id: 'step-risk', type: 'confirm', title: 'Security', message: 'You are responsible. Continue?', initialValue: false };
const providerStep: WizardStepView = {
  id: 'step-provider',
  type: 'select',
  title: 'Model provider',
  message: 'Which model provider should the agents use?',
  options: [
    { value: 'anthropic', label: 'Anthropic', hint: 'needs an API key' },
    { value: 'openai', label: 'OpenAI' },
  ],
  initialValue: 'anthropic',
};
const keyStep: WizardStepView = { id: 'step-key', type: 'text', title: 'API key', message: 'OpenAI API key', sensitive: true };
const checkStep: WizardStepView = { id: 'step-check', type: 'progress', title: 'API key', message: 'Checking the key with OpenAI…' };
const channelsStep: WizardStepView = {
  id: 'step-extras',
  type: 'multiselect',
  title: 'Extras',
  message: 'Which extras?',
  options: [
    { value: 'telegram', label: 'Telegram' },
    { value: 'heartbeat', label: 'Heartbeat' },
  ],
};
const reviewStep: WizardStepView = { id: 'step-review', type: 'confirm', title: 'Review', message: 'Write this setup?\n\n• Default model: openai/gpt-6-astra', initialValue: true };

test.describe('wizard view', () => {
  test('onboarding runs the gateway wizard: each step type, a refused key, and a progress step while the gateway checks it', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'onboarding',
      stubInit({
        'settings:get': { value: { ...stubSettings, onboardingDone: false, providerConfigured: false, model: undefined } },
        'wizard:start': running(noteStep),
        // The gateway's answers, one per wizard:next; the key check hangs until the test lets it end.
        'wizard:next': {
          queue: [running(riskStep), running(providerStep), running(keyStep), { value: { ok: false, refused: true, message: 'an API key has no spaces' } }, running(checkStep), { hang: true }],
        },
      }),
      { width: 560, height: 760 },
    );
    // Step 1 is the app's own: which gateway. Then the wizard.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Step 2 of 2')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Set up the gateway' })).toBeFocused();
    await page.getByRole('button', { name: 'Start the setup' }).click();
    expect(await stub.requests('wizard:start')).toEqual([{}]);

    await expect(page.getByTestId('wizard-title')).toHaveText('Gatehouse setup');
    await expect(page.getByText('Nothing is written until you confirm.')).toBeVisible();
    await page.getByTestId('wizard-next').click();

    await expect(page.getByTestId('wizard-title')).toHaveText('Security');
    await expect(page.getByLabel('No')).toBeChecked();
    await page.getByLabel('Yes').check();
    await page.getByTestId('wizard-next').click();

    await expect(page.getByLabel('Anthropic')).toBeChecked();
    await page.getByLabel('OpenAI').check();
    await page.getByTestId('wizard-next').click();

    // A sensitive text step is a password field; the gateway refuses the first answer and the step stays.
    const key = page.getByLabel('OpenAI API key');
    await expect(key).toHaveAttribute('type', 'password');
    await key.fill('sk has spaces');
    await page.getByTestId('wizard-next').click();
    await expect(page.getByRole('alert').filter({ hasText: 'an API key has no spaces' })).toBeVisible();
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'wizard-refused');

    // The progress step shows a spinner and is answered at once; its answer comes when the check ends.
    await key.fill('sk-good');
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('wizard-working')).toHaveText('Checking the key with OpenAI…');
    await expect(page.getByTestId('wizard-next')).toHaveCount(0);
    await shot(page, 'wizard-progress');
    expect(await stub.requests('wizard:next')).toEqual([
      { sessionId, stepId: 'step-note' },
      { sessionId, stepId: 'step-risk', value: true },
      { sessionId, stepId: 'step-provider', value: 'openai' },
      { sessionId, stepId: 'step-key', value: 'sk has spaces' },
      { sessionId, stepId: 'step-key', value: 'sk-good' },
      { sessionId, stepId: 'step-check' },
    ]);
    expect(problems).toEqual([]);
  });

  test('multiselect and review steps, the end of the setup, and Finish lands on the panel', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'onboarding',
      stubInit({
        'settings:get': { value: { ...stubSettings, onboardingDone: false } },
        'wizard:start': running(channelsStep),
        'wizard:next': { queue: [running(reviewStep), { value: { ok: true, progress: { sessionId, done: true, status: 'done' } } }] },
      }),
    );
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start the setup' }).click();
    await page.getByLabel('Telegram').check();
    await page.getByLabel('Heartbeat').check();
    await page.getByLabel('Telegram').uncheck();
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('wizard-title')).toHaveText('Review');
    await expect(page.getByText('• Default model: openai/gpt-6-astra')).toBeVisible();
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('wizard-ended')).toHaveText('Setup written. The gateway applies it now.');
    expect(await stub.requests('wizard:next')).toEqual([
      { sessionId, stepId: 'step-extras', value: ['heartbeat'] },
      { sessionId, stepId: 'step-review', value: true },
    ]);
    await page.getByTestId('onboarding-finish').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gatehouse' })).toBeVisible();
    expect((await stub.requests('settings:update')).at(-1)).toEqual({ onboardingDone: true });
    expect(problems).toEqual([]);
  });

  test('Cancel ends the wizard on the gateway; a start the gateway refuses says why and offers to try again', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'onboarding',
      stubInit({
        'settings:get': { value: { ...stubSettings, onboardingDone: false } },
        'wizard:start': { queue: [{ value: { ok: false, message: 'wizard already running' } }, running(noteStep)] },
      }),
    );
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start the setup' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'wizard already running' })).toBeVisible();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('wizard-title')).toHaveText('Gatehouse setup');
    await page.getByTestId('wizard-cancel').click();
    await expect(page.getByTestId('wizard-ended')).toHaveText('The setup was cancelled; nothing was written.');
    expect(await stub.requests('wizard:cancel')).toEqual([{ sessionId }]);
    expect(await stub.requests('wizard:status')).toEqual([]);
    // Skipping still finishes the onboarding.
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Gatehouse' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('a call that fails without a refusal keeps the step, and a wizard ended elsewhere shows as ended', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'onboarding',
      stubInit({
        'settings:get': { value: { ...stubSettings, onboardingDone: false } },
        'wizard:start': running(noteStep),
        'wizard:next': { value: { ok: false, message: 'Gatehouse is not connected to the gateway.' } },
        'wizard:status': { queue: [running(noteStep), { value: { ok: true, progress: { sessionId, done: true, status: 'cancelled', error: 'cancelled' } } }] },
      }),
    );
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start the setup' }).click();
    await page.getByTestId('wizard-next').click();
    // Still running on the gateway: the step stays, with the reason, to be sent again.
    await expect(page.getByRole('alert').filter({ hasText: 'Gatehouse is not connected to the gateway.' })).toBeVisible();
    await expect(page.getByTestId('wizard-title')).toHaveText('Gatehouse setup');
    await expect.poll(() => stub.requests('wizard:status')).toEqual([{ sessionId }]);
    // Cancelled elsewhere meanwhile (the terminal, the Control UI): the view says it ended.
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('wizard-ended')).toHaveText('The setup was cancelled; nothing was written.');
    expect(problems).toEqual([]);
  });
});
