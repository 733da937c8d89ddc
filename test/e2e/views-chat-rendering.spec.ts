/**
 * How the chat window renders a conversation, against the stub bridge: Markdown (and what model
 * output must never do to the page), code blocks with a copy button, tool cards, reasoning,
 * images, a very long transcript, and the keys and buttons that stop, retry and switch.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { ChatEventView, ChatMessageView } from '../../shared/ipc/contract.js';
import { stubInit, type StubBridgeInit, type StubReaction } from './stub-bridge.js';
import { openView, shot, useRendererServer } from './views-support.js';

useRendererServer();

const viewport = { width: 760, height: 600 };
const sessions = [
  { key: 'agent:main:main', title: 'Main', updatedAt: Date.now() - 1_000, active: false },
  { key: 'agent:main:notes', title: 'Trip notes', updatedAt: Date.now() - 90_000, active: false },
  { key: 'agent:main:garden', title: 'Garden plans', updatedAt: Date.now() - 900_000, active: false },
];
/** An 8×8 PNG. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGO44GCAFTEMLQkAaplQARqfGIQAAAAASUVORK5CYII=';

const markdownReply = [
  '## Plan',
  '',
  '| Step | Owner |',
  '| --- | --- |',
  '| Water the beds | Ana |',
  '',
  '- [x] buy seeds',
  '- [ ] plant them',
  '',
  'This is ~~wrong~~ right. See https://example.org/garden for more.',
  '',
  '```ts',
  'const greeting: string = "hello";',
  '```',
].join('\n');

const toolHistory: ChatMessageView[] = [
  { id: 'u1', role: 'user', text: 'What is in my workspace?', timestamp: Date.now() - 5_000 },
  {
    id: 'a1',
    role: 'assistant',
    text: 'There are **two** files.',
    timestamp: Date.now() - 4_000,
    thinking: 'I should list the files with ls.',
    tools: [
      { id: 'c1', name: 'exec', command: 'ls -la', state: 'done', output: 'notes.md\ntodo.txt', exitCode: 0, approval: { state: 'approved', approvalId: 'ap-1' } },
      { id: 'c2', name: 'exec', command: 'rm todo.txt', state: 'failed', output: 'a person denied this command', approval: { state: 'denied', approvalId: 'ap-2' } },
    ],
  },
  { id: 'u2', role: 'user', text: 'Here is a picture', timestamp: Date.now() - 3_000, images: [{ mimeType: 'image/png', dataUrl: `data:image/png;base64,${png}` }] },
];

function chatEvent(delayMs: number, event: Omit<ChatEventView, 'sessionKey'>): StubReaction {
  return { delayMs, emit: { channel: 'chat:event', payload: event, copyFromRequest: ['sessionKey'] } };
}

function chatInit(messages: ChatMessageView[], send: StubReaction[] = []): StubBridgeInit {
  return stubInit(
    {
      'chat:listSessions': { value: sessions },
      'chat:history': { value: { messages }, copyFromRequest: ['sessionKey'] },
    },
    { 'chat:send': send },
  );
}

/** Fails the test if the page ever opens a dialog (alert, confirm, prompt). */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

test.describe('chat rendering', () => {
  test('renders GitHub-flavoured Markdown with highlighted code and safe links', async ({ page }) => {
    const { problems } = await openView(page, 'chat', chatInit([{ id: 'a1', role: 'assistant', text: markdownReply, timestamp: Date.now() }]), viewport);
    const message = page.locator('.message--assistant').last();
    await expect(message.getByRole('heading', { name: 'Plan' })).toBeVisible();
    await expect(message.getByRole('cell', { name: 'Water the beds' })).toBeVisible();
    await expect(message.getByRole('checkbox')).toHaveCount(2);
    await expect(message.getByRole('checkbox').first()).toBeChecked();
    await expect(message.getByRole('checkbox').first()).toBeDisabled();
    await expect(message.locator('del')).toHaveText('wrong');
    const link = message.getByRole('link', { name: 'https://example.org/garden' });
    await expect(link).toHaveAttribute('href', 'https://example.org/garden');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(message.locator('pre code.hljs .hljs-keyword').first()).toHaveText('const');
    await shot(page, 'chat-markdown-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'chat-markdown-dark');
    expect(problems).toEqual([]);
  });

  test('keeps script, event-handler and javascript: payloads in model output inert', async ({ page }) => {
    const payload = [
      'Hello <script>alert("script")</script>',
      '',
      '<img src="x" onerror="alert(\'onerror\')">',
      '',
      '<a href="javascript:alert(\'raw link\')">raw link</a> <iframe src="javascript:alert(1)"></iframe>',
      '',
      '[click me](javascript:alert("markdown%20link")) and [data](data:text/html,<script>alert(1)</script>) and [here](#settings)',
      '',
      '![pixel](javascript:alert("image")) ![tracker](https://tracker.example/p.png?q=secret) ![vector](data:image/svg+xml;base64,PHN2Zz4=)',
      '',
      'Inline <b onmouseover="alert(\'hover\')" style="position:fixed;inset:0">cover</b> text',
    ].join('\n');
    const dialogs = watchDialogs(page);
    const { problems } = await openView(page, 'chat', chatInit([{ id: 'a1', role: 'assistant', text: payload, timestamp: Date.now() }]), viewport);
    const transcript = page.getByRole('log');
    await expect(transcript.getByText('click me')).toBeVisible();
    await transcript.getByText('click me').click();
    await transcript.getByText('cover').hover();

    expect(await transcript.locator('script, iframe, object, embed, style').count()).toBe(0);
    const attributes = await transcript.evaluate((root) =>
      Array.from(root.querySelectorAll('*')).flatMap((element) =>
        Array.from(element.attributes).filter((attribute) => /^on/i.test(attribute.name) || /javascript:/i.test(attribute.value) || attribute.name === 'style' && element.closest('.md') !== null).map((attribute) => `${element.tagName} ${attribute.name}=${attribute.value}`),
      ),
    );
    expect(attributes).toEqual([]);
    const hrefs = await transcript.locator('.md a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    // Only the remote image's link is left: an https image is linked, never fetched.
    expect(hrefs).toEqual(['https://tracker.example/p.png?q=secret']);
    expect(await transcript.locator('.md img').count()).toBe(0);
    await expect(transcript.getByText('Image: tracker (tracker.example, opens outside the app)')).toBeVisible();
    expect(dialogs).toEqual([]);
    expect(page.url()).toMatch(/#chat$/);
    expect(problems).toEqual([]);
  });

  test('copies a code block, and says how when the clipboard refuses', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openView(page, 'chat', chatInit([{ id: 'a1', role: 'assistant', text: '```bash\necho "copied text"\n```', timestamp: Date.now() }]), viewport);
    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect(page.getByRole('button', { name: 'Copy code' })).toHaveText('Copied');
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('echo "copied text"\n');

    // The page's clipboard now refuses, as a browser without the permission would.
    await page.evaluate("Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } })");
    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect(page.getByText('Copying was refused: the code is selected')).toBeVisible();
    expect(await page.evaluate('window.getSelection().toString()')).toBe('echo "copied text"');
  });

  test('shows tool calls as collapsible cards, reasoning closed, and images', async ({ page }) => {
    const { problems } = await openView(page, 'chat', chatInit(toolHistory), viewport);
    const cards = page.locator('.tool-card');
    await expect(cards).toHaveCount(2);
    const listing = cards.filter({ hasText: 'ls -la' });
    await expect(listing.locator('summary')).toContainText('Approved');
    await expect(listing.locator('summary')).toContainText('Done (exit 0)');
    await expect(cards.filter({ hasText: 'rm todo.txt' }).locator('summary')).toContainText('Denied');
    await expect(page.getByTestId('tool-output')).toHaveCount(0);

    await listing.locator('summary').click();
    await expect(listing.getByTestId('tool-output')).toHaveText('notes.md\ntodo.txt');
    await listing.locator('summary').click();
    await expect(listing.getByTestId('tool-output')).toHaveCount(0);

    const thinking = page.locator('.chat-thinking');
    await expect(thinking).not.toHaveAttribute('open');
    await expect(page.getByText('I should list the files with ls.')).toHaveCount(0);
    await thinking.locator('summary').click();
    await expect(page.getByText('I should list the files with ls.')).toBeVisible();

    // Opened, a card and the reasoning have no serious or critical accessibility problems, light or dark.
    await listing.locator('summary').click();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page }).include('.chat').analyze();
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    }

    const image = page.getByRole('img', { name: 'Image 1 of the message' });
    await expect(image).toBeVisible();
    expect(await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)).toBe(8);
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'chat-window-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'chat-window-dark');
    expect(problems).toEqual([]);
  });

  test('streams tool cards and links a pending approval to the Approvals window', async ({ page }) => {
    const running = { id: 'c1', name: 'exec', command: 'df -h', state: 'running' as const };
    const { stub } = await openView(
      page,
      'chat',
      chatInit(
        [],
        [
          chatEvent(100, { runId: 'run-1', state: 'delta', text: '', thinking: 'Disk usage, then.', tools: [running] }),
          chatEvent(300, { runId: 'run-1', state: 'delta', text: '', thinking: 'Disk usage, then.', tools: [{ ...running, approval: { state: 'pending', approvalId: 'ap-9' } }] }),
        ],
      ),
      viewport,
    );
    await page.getByLabel('Message').fill('How full is the disk?');
    await page.keyboard.press('Enter');
    const card = page.locator('.tool-card', { hasText: 'df -h' });
    await expect(card.locator('summary')).toContainText('Waiting for approval');
    await expect(card.locator('summary')).toContainText('Running');
    await page.getByRole('button', { name: 'Review in Approvals' }).click();
    await expect.poll(() => stub.requests('window:open')).toEqual([{ view: 'approvals' }]);

    await stub.emit('chat:event', {
      sessionKey: 'agent:main:main',
      runId: 'run-1',
      state: 'final',
      text: 'The disk is **half** full.',
      tools: [{ ...running, state: 'done', output: '50%', exitCode: 0, approval: { state: 'approved', approvalId: 'ap-9' } }],
    });
    await expect(card.locator('summary')).toContainText('Approved');
    await expect(page.getByRole('button', { name: 'Review in Approvals' })).toHaveCount(0);
    await expect(page.locator('.message--assistant strong')).toHaveText('half');
    // The finished reply is read out once, from the log; its rows and tokens are not live.
    await expect(page.getByTestId('transcript-announcement')).toHaveText('The disk is half full.');
    await expect(page.locator('.chat-transcript__canvas')).toHaveAttribute('aria-live', 'off');
  });

  test('opens a 5,000-message transcript at the newest message with few rows in the DOM', async ({ page }) => {
    const messages: ChatMessageView[] = Array.from({ length: 5_000 }, (_, index) => ({
      id: `m${index}`,
      role: index % 2 === 0 ? 'user' : 'assistant',
      text: `Message number ${index}${index % 7 === 3 ? '\n\nwith a second paragraph' : ''}`,
      timestamp: Date.now() - (5_000 - index) * 1_000,
    }));
    const { problems } = await openView(page, 'chat', chatInit(messages), viewport);
    await expect(page.getByText('Message number 4999', { exact: true })).toBeVisible();
    await expect(page.getByText('Message number 0', { exact: true })).toHaveCount(0);
    const rows = await page.locator('.chat-transcript__row').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(60);

    // Scrolled up, it stays put and offers the way back.
    const log = page.getByRole('log');
    await log.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(page.getByText('Message number 0', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await expect(page.getByText('Message number 4999', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Jump to latest' })).toHaveCount(0);
    expect(await page.locator('.chat-transcript__row').count()).toBeLessThan(60);
    expect(problems).toEqual([]);
  });

  test('stops with Esc, retries the last prompt, and finds a session with Ctrl+K', async ({ page }) => {
    const init = chatInit(
      [
        { id: 'u1', role: 'user', text: 'Summarise my notes', timestamp: Date.now() - 2_000 },
        { id: 'a1', role: 'assistant', text: '', timestamp: Date.now() - 1_000, error: 'rate limited' },
      ],
      [chatEvent(100, { runId: 'run-1', state: 'delta', text: 'Working on' })],
    );
    init.reactions!['chat:abort'] = [chatEvent(50, { runId: 'run-1', state: 'aborted', text: 'Working on' })];
    const { stub } = await openView(page, 'chat', init, viewport);
    await expect(page.getByText('This reply failed: rate limited')).toBeVisible();

    await page.getByRole('button', { name: 'Retry the last prompt' }).click();
    await expect.poll(() => stub.requests('chat:send')).toEqual([{ sessionKey: 'agent:main:main', text: 'Summarise my notes' }]);
    await expect(page.getByTestId('streaming-text')).toHaveText('Working on');
    await expect(page.getByRole('button', { name: 'Retry the last prompt' })).toHaveCount(0);

    await page.keyboard.press('Escape');
    await expect.poll(() => stub.requests('chat:abort')).toEqual([{ sessionKey: 'agent:main:main' }]);
    await expect(page.getByText('Stopped before it finished.', { exact: true })).toBeVisible();

    await page.keyboard.press('Control+k');
    await expect(page.getByLabel('Find a session')).toBeFocused();
    await page.keyboard.type('garden');
    await expect(page.locator('.sessions__item')).toHaveText(['Garden plans']);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Garden plans' })).toHaveAttribute('aria-current', 'true');

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
    await expect(page.getByRole('tooltip')).toContainText('Esc');
    await expect(page.getByRole('tooltip')).toContainText('Ctrl+K');
  });
});
