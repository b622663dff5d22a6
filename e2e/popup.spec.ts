import type { BrowserContext, Page } from '@playwright/test';
import {
  configureModelServer,
  configureProvider,
  DEFAULT_API_KEY,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  openPopup,
  test,
} from './fixtures';
import { badge, card, cardAlert } from './x-card';
import { gotoXHome, spendTodaysBudget } from './x-home-page';

// The toolbar popup: the filter over the tab's posts, and the provider status whose one-click
// fixes open the options page where the problem is fixed.

const POSTS = ['x:2126243242333455973', 'x:2126237607100211984', 'x:2126225507567988089'];
const ACCURATE = { ...DEFAULT_NOTE, classification: 'accurate', note: '', summary: 'An accurate summary.' };
const MISLEADING = { ...DEFAULT_NOTE, classification: 'misleading', summary: 'A misleading summary.' };

async function openNote(page: Page, key: string, expected: RegExp | string): Promise<void> {
  await badge(page, key).click();
  await expect(card(page)).toContainText(expected);
  await page.keyboard.press('Escape');
}

/** Opens the post's card, waits for its error panel, and closes it. */
async function openError(page: Page, key: string): Promise<void> {
  await badge(page, key).click();
  await expect(cardAlert(page)).toBeVisible();
  await page.keyboard.press('Escape');
}

/**
 * The options tab a fix opened (a new tab, or one already open, moved to the section): found
 * by its address, whichever it is.
 */
async function optionsOpenedBy(
  context: BrowserContext,
  click: () => Promise<void>,
  hash: string,
): Promise<Page> {
  const at = (p: Page) => p.url().endsWith(`/options.html#${hash}`);
  await click();
  await expect.poll(() => context.pages().some(at), { message: `an options tab at #${hash}` }).toBe(true);
  return context.pages().find(at)!;
}

test('the filter shows all posts, those with a note, or the flagged ones, by mouse and keyboard', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note: ACCURATE }, { kind: 'note', note: MISLEADING });
  await gotoXHome(context, page);
  await openNote(page, POSTS[0]!, ACCURATE.summary);
  await openNote(page, POSTS[1]!, MISLEADING.summary);

  const popup = await openPopup(context, serviceWorker);
  const items = popup.getByRole('list').getByRole('listitem');
  const all = await items.count();
  expect(all).toBeGreaterThan(2);
  const filter = popup.getByRole('group', { name: 'Show' });
  await expect(filter.getByRole('radio', { name: `All ${all}` })).toBeChecked();
  await expect(filter.getByRole('radio', { name: 'Has note 2' })).toBeVisible();
  await expect(filter.getByRole('radio', { name: 'Flagged 1' })).toBeVisible();

  await filter.getByRole('radio', { name: /^Flagged/ }).click();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(MISLEADING.summary);

  // A radio group: the arrow keys move the choice.
  await filter.getByRole('radio', { name: /^Flagged/ }).focus();
  await popup.keyboard.press('ArrowLeft');
  await expect(filter.getByRole('radio', { name: /^Has note/ })).toBeChecked();
  await expect(items).toHaveCount(2);
  await expect(popup.getByRole('list')).toContainText(ACCURATE.summary);
  await popup.keyboard.press('ArrowLeft');
  await expect(items).toHaveCount(all);

  // Status chips stay, and the provider is named.
  await expect(items.filter({ hasText: ACCURATE.summary }).getByText('Note ready')).toBeVisible();
  await expect(popup.getByText(`Provider: ${new URL(modelServer.baseUrl).host}`)).toBeVisible();
});

test('the open popup follows the page: a post opened from it shows its note once written, new posts join', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await gotoXHome(context, page);
  const popup = await openPopup(context, serviceWorker);
  const items = popup.getByRole('list').getByRole('listitem');
  const first = items.first();
  await expect(first).toBeVisible();
  const all = await items.count();

  await first.getByRole('button').first().click();
  await expect(card(page)).toContainText(DEFAULT_NOTE.summary);
  // The note reaches the popup that is still open: nobody asked again.
  await expect(first).toContainText(DEFAULT_NOTE.summary);
  await expect(first.getByText('Note ready')).toBeVisible();

  // The page shows more posts (infinite scroll): the list grows.
  await page.evaluate(() => window.footnoteFixture.appendPosts(2));
  await expect(items).toHaveCount(all + 2);
});

test('no provider: "Set up a provider" opens the options page’s setup guide', async ({
  context,
  serviceWorker,
}) => {
  const popup = await openPopup(context, serviceWorker);
  await expect(popup.getByText('No AI provider is set up yet.')).toBeVisible();
  const options = await optionsOpenedBy(
    context,
    () => popup.getByRole('button', { name: 'Set up a provider' }).click(),
    'onboarding',
  );
  await expect(options.getByRole('heading', { level: 1, name: 'Welcome to Footnote' })).toBeVisible();
  await expect(options.locator('#onboarding')).toBeFocused();
});

test('a rejected key: "Fix the API key" brings the open options tab to the key field', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  await configureProvider(serviceWorker, {
    baseUrl: modelServer.baseUrl,
    model: 'footnote-test-model',
    apiKey: 'sk-wrong',
  });
  await gotoXHome(context, page);
  await openError(page, POSTS[0]!);

  // Options is already open in another tab: the fix reuses it rather than adding one.
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect(options.getByLabel('Base URL')).toHaveValue(modelServer.baseUrl);
  await page.bringToFront();
  const tabs = context.pages().length;

  const popup = await openPopup(context, serviceWorker);
  const status = popup.getByRole('region', { name: 'The provider rejected the API key.' });
  await expect(status).toContainText('Check the API key in the settings, or paste a new one.');
  const fixed = await optionsOpenedBy(
    context,
    () => status.getByRole('button', { name: 'Fix the API key' }).click(),
    'api-key',
  );
  expect(context.pages()).toHaveLength(tabs);
  const key = fixed.getByLabel('API key', { exact: true });
  await expect(key).toBeFocused();

  // Fixed there, the next note works.
  await key.fill(DEFAULT_API_KEY);
  await fixed.getByRole('button', { name: 'Save' }).click();
  await expect(fixed.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
});

test('Ollama refusing the extension (403): "Show setup help" opens the local-model help', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.setOriginPolicy('ollama');
  await gotoXHome(context, page);
  await openError(page, POSTS[0]!);

  const popup = await openPopup(context, serviceWorker);
  await expect(popup.getByText('Your local model server refused Footnote, or is not running.')).toBeVisible();
  const options = await optionsOpenedBy(
    context,
    () => popup.getByRole('button', { name: 'Show setup help' }).click(),
    'setup-help',
  );
  const help = options.getByRole('region', { name: 'Local models: setup help' });
  await expect(help).toBeFocused();
  await expect(help).toContainText('OLLAMA_ORIGINS="chrome-extension://*,moz-extension://*" ollama serve');
});

test('a spent daily budget: "Change the budget" opens options at the budget', async ({
  context,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await spendTodaysBudget(serviceWorker, { budget: 1000, used: 1010 });
  const popup = await openPopup(context, serviceWorker);
  await expect(popup.getByText("Today's token budget is used up.")).toBeVisible();
  const options = await optionsOpenedBy(
    context,
    () => popup.getByRole('button', { name: 'Change the budget' }).click(),
    'daily-token-budget',
  );
  const budget = options.getByLabel('Daily token budget');
  await expect(budget).toBeFocused();
  await expect(budget).toHaveValue('1000');
});
