import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import {
  configureModelServer,
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  readProviderConfig,
  routeFixture,
  test,
} from './fixtures';

async function fillProvider(options: Page, baseUrl: string, apiKey: string): Promise<void> {
  await options.getByLabel('Provider').selectOption({ label: 'Custom' });
  await options.getByLabel('Base URL').fill(baseUrl);
  await options.getByLabel('API key', { exact: true }).fill(apiKey);
  await options.getByLabel('Model', { exact: true }).fill(DEFAULT_MODEL);
}

test('save a provider, and Test connection lists the models', async ({ context, extensionId, serviceWorker, modelServer }) => {
  modelServer.setModels([DEFAULT_MODEL, 'another-model']);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, DEFAULT_API_KEY);

  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status').filter({ hasText: '2 models' })).toBeVisible();
  expect(modelServer.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  expect(modelServer.requests.at(-1)?.headers.authorization).toBe(`Bearer ${DEFAULT_API_KEY}`);

  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await readProviderConfig(serviceWorker)).toEqual({
    provider: { preset: 'custom', baseUrl: modelServer.baseUrl, model: DEFAULT_MODEL },
    apiKey: DEFAULT_API_KEY,
  });

  // What was saved is what the page shows next time.
  await options.reload();
  await expect(options.getByLabel('Base URL')).toHaveValue(modelServer.baseUrl);
  await expect(options.getByLabel('API key', { exact: true })).toHaveValue(DEFAULT_API_KEY);
});

test('Test connection with a wrong key shows the 401 and the provider’s words', async ({ context, extensionId, modelServer }) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, 'sk-wrong');
  await options.getByRole('button', { name: 'Test connection' }).click();
  const alert = options.getByRole('alert');
  await expect(alert).toContainText('401');
  await expect(alert).toContainText('Incorrect API key provided.');
});

test('the key is never in chrome.storage, where content scripts could read it', async ({ context, extensionId, serviceWorker, modelServer }) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, DEFAULT_API_KEY);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const everything = await serviceWorker.evaluate(async () =>
    JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]),
  );
  expect(everything).toContain(modelServer.baseUrl);
  expect(everything).not.toContain(DEFAULT_API_KEY);
});

test('the daily token budget is saved, and empty means no budget', async ({ context, extensionId, serviceWorker, modelServer }) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, DEFAULT_API_KEY);
  const budget = options.getByLabel('Daily token budget');
  await expect(budget).toHaveValue('');

  await budget.fill('-5');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(budget).toBeFocused();
  await expect(budget).toHaveAttribute('aria-invalid', 'true');
  await expect(options.getByText('Enter a whole number of tokens')).toBeVisible();

  await budget.fill('50000');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const stored = () =>
    serviceWorker.evaluate(async () => (await chrome.storage.local.get('dailyTokenBudget')).dailyTokenBudget);
  expect(await stored()).toBe(50_000);
  await options.reload();
  await expect(options.getByLabel('Daily token budget')).toHaveValue('50000');

  await options.getByLabel('Daily token budget').fill('');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await stored()).toBe(0);
});

async function downloadText(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

test('notes history: lists past notes, exports JSON and Markdown, clears after a confirmation', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  // Model output that tries to be markup: it must stay text in the page and in the export.
  const hostile = {
    ...DEFAULT_NOTE,
    summary: 'See [this](https://evil.test/x) <b>now</b> at www.evil.test',
    note: '![tracker](https://evil.test/p.png)',
  };
  modelServer.enqueue({ kind: 'note', note: DEFAULT_NOTE }, { kind: 'note', note: hostile });
  await routeFixture(context, 'https://x.com/home', 'x/home.html');
  await page.goto('https://x.com/home');
  const keys = ['x:2126243242333455973', 'x:2126237607100211984'];
  const expected = [DEFAULT_NOTE.summary, hostile.summary];
  for (const [i, key] of keys.entries()) {
    await page.locator(`[data-footnote-post="${key}"]`).getByRole('button', { name: /^Footnote/ }).click();
    await expect(page.getByRole('dialog', { name: /^Footnote/ }).getByText(expected[i]!)).toBeVisible();
    await page.keyboard.press('Escape');
  }

  const options = await openExtensionPage(context, extensionId, 'options.html');
  const history = options.getByRole('region', { name: 'Notes history' });
  const items = history.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(history.getByText('2 notes')).toBeVisible();
  // Most recent first, as text: no element made from the model's markup, no link to it.
  await expect(items.nth(0)).toContainText(hostile.summary);
  await expect(items.nth(1)).toContainText(DEFAULT_NOTE.summary);
  await expect(items.nth(0)).toContainText('Needs context');
  await expect(history.locator('b, img')).toHaveCount(0);
  const hrefs = await history.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.map((href) => /^https:\/\/x\.com\/\w+\/status\/(\d+)$/.exec(href ?? '')?.[1])).toEqual(
    [...keys].reverse().map((key) => key.slice(2)),
  );

  const [json] = await Promise.all([
    options.waitForEvent('download'),
    history.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^footnote-notes-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await downloadText(json));
  expect(exported.notes.map((n: { post: { key: string } }) => n.post.key)).toEqual([...keys].reverse());
  expect(exported.notes[0].note.summary).toBe(hostile.summary);
  await expect(history.getByRole('status')).toContainText(json.suggestedFilename());

  const [markdown] = await Promise.all([
    options.waitForEvent('download'),
    history.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(markdown.suggestedFilename()).toMatch(/\.md$/);
  const md = await downloadText(markdown);
  expect(md.match(/^## /gm)).toHaveLength(2);
  expect(md).toContain(`<${hrefs[0]}>`);
  expect(md).toContain('See \\[this\\](https\\://evil\\.test/x) \\<b\\>now\\</b\\> at www\\.evil\\.test');
  expect(md).toContain('\\!\\[tracker\\]');
  expect(md).not.toMatch(/(^|[^\\])\[/m);

  // Clear cache asks first, in the page; Cancel keeps everything.
  await history.getByRole('button', { name: 'Clear cache' }).click();
  const confirm = history.getByRole('group', { name: /Delete all 2 cached notes/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await options.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(history.getByRole('button', { name: 'Clear cache' })).toBeFocused();
  await expect(items).toHaveCount(2);

  await history.getByRole('button', { name: 'Clear cache' }).click();
  await confirm.getByRole('button', { name: 'Delete notes' }).click();
  await expect(history.getByRole('status')).toHaveText('The cache is cleared.');
  await expect(items).toHaveCount(0);
  await expect(history.getByText('No notes yet.')).toBeVisible();
  await expect(history.getByRole('button', { name: 'Clear cache' })).toBeFocused();
  await expect(history.getByRole('button', { name: 'Export JSON' })).toBeDisabled();

  // The notes are really gone from the cache: on a fresh page, the card asks the model again.
  const before = modelServer.completionRequests().length;
  await page.bringToFront();
  await page.reload();
  await page.locator(`[data-footnote-post="${keys[0]}"]`).getByRole('button', { name: /^Footnote/ }).click();
  await expect(page.getByRole('dialog', { name: /^Footnote/ }).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(before + 1);
});
