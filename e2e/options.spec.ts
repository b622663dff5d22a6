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
  withGrantedHosts,
  openEvidenceOptions,
} from './fixtures';
import { expectFootnoteNotRunning, expectFootnoteRunning, expectFootnoteRunsElsewhere } from './running';
import { badge, card } from './x-card';
import { gotoXHome } from './x-home-page';

/** A first open shows the setup guide (e2e/onboarding.spec.ts); these tests use the full page. */
async function skipGuide(options: Page): Promise<void> {
  await options.getByRole('button', { name: 'Skip the guide and show all settings' }).click();
}

async function fillProvider(options: Page, baseUrl: string, apiKey: string): Promise<void> {
  await skipGuide(options);
  await options.getByLabel('Provider').selectOption({ label: 'Custom' });
  await options.getByLabel('Base URL').fill(baseUrl);
  await options.getByLabel('API key', { exact: true }).fill(apiKey);
  await options.getByLabel('Model', { exact: true }).fill(DEFAULT_MODEL);
}

test('save a provider, and Test connection lists the models', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
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

test('Test connection with a wrong key shows the 401 and the provider’s words', async ({
  context,
  extensionId,
  modelServer,
}) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, 'sk-wrong');
  await options.getByRole('button', { name: 'Test connection' }).click();
  const alert = options.getByRole('alert');
  await expect(alert).toContainText('401');
  await expect(alert).toContainText('Incorrect API key provided.');
});

test('the key is never in chrome.storage, where content scripts could read it', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
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

test('the daily token budget is saved, and empty means no budget', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
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
  await gotoXHome(context, page);
  const keys = ['x:2126243242333455973', 'x:2126237607100211984'];
  const expected = [DEFAULT_NOTE.summary, hostile.summary];
  for (const [i, key] of keys.entries()) {
    await badge(page, key).click();
    await expect(card(page).getByText(expected[i]!)).toBeVisible();
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
  const hrefs = await history
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
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
  expect(md).toContain('See \\[this\\]\\(https\\://evil\\.test/x\\) \\<b\\>now\\</b\\> at www\\.evil\\.test');
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
  await badge(page, keys[0]!).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(before + 1);
});

// ---- Sites ----

test('a site switched off in options gets no badges', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  const sites = options.getByRole('region', { name: 'Sites' });
  const x = sites.getByRole('switch', { name: 'X (Twitter)', exact: true });
  await expect(x).toBeChecked();
  await expect(sites.getByRole('switch')).toHaveCount(18); // each site's, and its triage switch
  await x.click();
  await expect(x).not.toBeChecked();
  await expect(sites.getByRole('status')).toHaveText('Saved. Reload open pages for the change to apply.');
  expect(
    await serviceWorker.evaluate(async () => (await chrome.storage.local.get('disabledSites')).disabledSites),
  ).toEqual(['x']);

  await routeFixture(context, 'https://x.com/home', 'x/home.html');
  await page.bringToFront();
  await page.goto('https://x.com/home');
  // Content scripts ran on a site loaded after this one: this one's had its chance too.
  await expectFootnoteRunsElsewhere(context, {
    url: 'https://news.ycombinator.com/',
    fixture: 'hackernews/front.html',
    site: 'hackernews',
  });
  await expectFootnoteNotRunning(page);
  await expect(page.locator('[data-footnote-post]')).toHaveCount(0);

  // On again: the page that was left alone starts at once (its content script was there,
  // following the switch), and the next load has badges.
  await options.bringToFront();
  await x.click();
  await expect(x).toBeChecked();
  await expectFootnoteRunning(page, 'x');
  await page.bringToFront();
  await page.reload();
  await expect.poll(() => page.locator('[data-footnote-post]').count()).toBeGreaterThan(1);
});

test.describe('a site enabled from the popup', () => {
  const ORIGIN = 'https://social.example.org';
  test.use({ extensionDir: withGrantedHosts([`${ORIGIN}/*`]) });

  test('is listed in options, and Remove unregisters it', async ({ context, extensionId, serviceWorker }) => {
    const options = await openExtensionPage(context, extensionId, 'options.html');
    await skipGuide(options);
    // What the popup's "Enable Footnote on this site" does once the permission is granted.
    expect(
      await options.evaluate(
        (origin) => chrome.runtime.sendMessage({ type: 'sites:enable', origin }),
        ORIGIN,
      ),
    ).toEqual({
      ok: true,
    });
    const sites = options.getByRole('region', { name: 'Sites' });
    const enabled = sites.getByRole('list', { name: 'Sites you enabled' });
    await expect(enabled.getByRole('listitem')).toHaveCount(1);
    await expect(enabled.getByRole('listitem')).toContainText('social.example.org');
    expect(
      await serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length),
    ).toBe(1);

    await enabled.getByRole('button', { name: 'Remove social.example.org' }).click();
    await expect(sites.getByRole('status')).toHaveText('Footnote no longer runs on social.example.org.');
    await expect(enabled).toHaveCount(0);
    await expect(sites.getByRole('heading', { name: 'Sites you enabled' })).toBeFocused();
    await expect(sites.getByText('None yet.', { exact: false })).toBeVisible();
    expect(await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    expect(
      await serviceWorker.evaluate(
        async () => (await chrome.storage.local.get('enabledOrigins')).enabledOrigins,
      ),
    ).toEqual([]);
  });
});

// ---- Evidence sources ----

test('Linked pages asks for every site; refused, it stays off and says so', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  const options = await context.newPage();
  // A headless browser cannot answer the permission prompt (its promise never settles): answer "no" for the
  // user, and record what was asked.
  await options.addInitScript(() => {
    const asked: unknown[] = [];
    (window as unknown as { asked: unknown[] }).asked = asked;
    chrome.permissions.request = ((permissions: unknown, callback?: (granted: boolean) => void) => {
      asked.push(permissions);
      if (callback) setTimeout(() => callback(false), 0);
      else return Promise.resolve(false);
    }) as typeof chrome.permissions.request;
  });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const evidence = options.getByRole('region', { name: 'Evidence sources' });
  await expect(
    evidence.getByText('Sent: a request for each linked page, to the site it is on.'),
  ).toBeVisible();
  const links = evidence.getByRole('switch', { name: 'Linked pages' });
  await expect(links).not.toBeChecked(); // no permission for every site yet
  await links.click();
  await expect(evidence.getByRole('alert')).toHaveText(
    'Footnote was not allowed to read other sites, so Linked pages stays off.',
  );
  await expect(links).not.toBeChecked();
  expect(await options.evaluate(() => (window as unknown as { asked: unknown[] }).asked)).toEqual([
    { origins: ['https://*/*', 'http://*/*'] },
  ]);
});

test.describe('with the permission for every site', () => {
  test.use({ extensionDir: withGrantedHosts(['https://*/*', 'http://*/*']) });

  test('evidence sources and their keys are saved with the form', async ({
    context,
    extensionId,
    serviceWorker,
    modelServer,
  }) => {
    const { options, evidence } = await openEvidenceOptions({
      context,
      extensionId,
      serviceWorker,
      modelServer,
    });
    await expect(evidence.getByRole('switch', { name: 'Linked pages' })).toBeChecked();
    // configureModelServer switched Wikipedia off (no internet here): switch it back on.
    const wikipedia = evidence.getByRole('switch', { name: 'Wikipedia' });
    await expect(wikipedia).not.toBeChecked();
    await wikipedia.click();
    await evidence
      .getByRole('switch', { name: 'Professional fact-checks (Google Fact Check Tools)' })
      .click();
    await expect(
      evidence.getByText('Sent: search terms from the post, to Google Fact Check Tools.'),
    ).toBeVisible();
    await evidence.getByLabel('Web search').selectOption('searxng');

    // Save checks what the sources that are on need.
    await options.getByRole('button', { name: 'Save' }).click();
    const factCheckKey = evidence.getByLabel('Fact Check Tools API key');
    await expect(factCheckKey).toBeFocused();
    await expect(factCheckKey).toHaveAttribute('type', 'password');
    await factCheckKey.fill('fc-secret-key');
    await evidence.getByLabel('SearXNG address').fill('http://127.0.0.1:8888/');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();

    const stored = await serviceWorker.evaluate(async () =>
      JSON.stringify(await chrome.storage.local.get(null)),
    );
    expect(JSON.parse(stored).evidence).toEqual({
      links: true,
      wikipedia: true,
      factCheck: true,
      webSearch: 'searxng',
      searxngUrl: 'http://127.0.0.1:8888',
      selfCheck: true,
      sendImages: true,
      sourceRatings: false,
      ratingListUrl: '',
    });
    expect(stored).not.toContain('fc-secret-key'); // with the other keys, where content scripts cannot read

    await options.reload();
    await expect(options.getByLabel('Fact Check Tools API key')).toHaveValue('fc-secret-key');
    await expect(options.getByLabel('Web search')).toHaveValue('searxng');
  });
});

// ---- Export and import ----

test('settings export without and with keys, and an import that applies only valid files', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  const transfer = options.getByRole('region', { name: 'Export and import settings' });
  const includeKeys = transfer.getByLabel('Include API keys');
  await expect(includeKeys).not.toBeChecked();

  const [plain] = await Promise.all([
    options.waitForEvent('download'),
    transfer.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  expect(plain.suggestedFilename()).toMatch(/^footnote-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await downloadText(plain));
  expect(file).toMatchObject({
    format: 'footnote-settings',
    version: 1,
    provider: { preset: 'custom', baseUrl: modelServer.baseUrl, model: DEFAULT_MODEL },
    answerLanguage: 'auto',
    sites: { disabled: [], enabledOrigins: [] },
  });
  expect(JSON.stringify(file)).not.toContain(DEFAULT_API_KEY);

  await includeKeys.check();
  const [withKeys] = await Promise.all([
    options.waitForEvent('download'),
    transfer.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  expect(JSON.parse(await downloadText(withKeys)).keys).toEqual({ apiKey: DEFAULT_API_KEY });

  // An invalid file changes nothing and says what is wrong.
  const before = await serviceWorker.evaluate(async () =>
    JSON.stringify(await chrome.storage.local.get(null)),
  );
  const invalid = { ...file, answerLanguage: 'fr', dailyTokenBudget: -3 };
  await options.locator('#import-file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(invalid)),
  });
  const alert = transfer.getByRole('alert');
  await expect(alert).toContainText('This file was not imported, and nothing was changed.');
  await expect(alert.getByRole('listitem')).toHaveText(['answerLanguage', 'dailyTokenBudget']);
  expect(await serviceWorker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)))).toBe(
    before,
  );

  // A valid one is applied and shown.
  const valid = {
    ...file,
    answerLanguage: 'es',
    dailyTokenBudget: 12345,
    sites: { disabled: ['youtube'], enabledOrigins: [] },
  };
  await options.locator('#import-file').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(valid)),
  });
  await expect(transfer.getByRole('status')).toHaveText(
    'Imported: provider, answer language, daily budget, sites, evidence sources.',
  );
  await expect(options.getByLabel('Answer language')).toHaveValue('es');
  await expect(options.getByLabel('Daily token budget')).toHaveValue('12345');
  await expect(options.getByRole('switch', { name: 'YouTube comments', exact: true })).not.toBeChecked();
});
