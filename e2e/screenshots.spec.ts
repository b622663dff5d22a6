import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  configureModelServer,
  configureProvider,
  DEFAULT_API_KEY,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  openPopup,
  routeFixture,
  test,
} from './fixtures';
import { X_HOME_URL as HOME } from './x-home';

// Screenshots for the README, taken from the real extension on the fixture page, so they stay
// current. `npm run screenshots` writes them to docs/screenshots/; a normal run writes them to
// the test output folder and only checks that the card rendered.

const DOCS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const PT_POST = 'x:2126225507567988089';

const SAMPLE_NOTE = {
  summary: 'O post avisa que o metrô de São Paulo terá horário reduzido hoje por causa de uma greve.',
  classification: 'needs_context',
  note: 'A operação reduzida vale para as linhas 1, 2, 3 e 15; as linhas privatizadas (4 e 5) funcionam normalmente. Confira o horário de cada linha antes de sair.',
  claims: [
    {
      claim: 'O metrô de São Paulo funciona em horário reduzido hoje por causa de uma greve.',
      quote: 'Hoje o metrô de São Paulo vai funcionar em horário reduzido por causa da greve.',
      verdict: 'unverifiable',
      confidence: 0.55,
      basis: 'model_knowledge',
      explanation: 'Greves do metrô costumam afetar só as linhas estatais; sem uma fonte de hoje não é possível confirmar o horário.',
      citations: [],
    },
  ],
  detail: '',
  injection_detected: false,
};

test('screenshot: the card on X', async ({ context, page, serviceWorker, modelServer }, testInfo) => {
  await page.setViewportSize({ width: 1500, height: 820 });
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note: SAMPLE_NOTE });
  const post = page.locator(`[data-footnote-post="${PT_POST}"]`);
  await post.scrollIntoViewIfNeeded();
  await post.getByRole('button', { name: /^Footnote/ }).click();
  const card = page.getByRole('dialog', { name: /^Footnote/ });
  await expect(card.getByText(SAMPLE_NOTE.note)).toBeVisible();
  await expect(card).toHaveAttribute('aria-busy', 'false');
  await page.mouse.move(0, 0);

  const dir = process.env.UPDATE_SCREENSHOTS ? DOCS : testInfo.outputDir;
  await page.screenshot({ path: path.join(dir, 'card-x.png') });
});

test('screenshot: the card on X in Lights out (the card follows the site’s theme)', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await page.setViewportSize({ width: 1500, height: 820 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
  // X's "Lights out": a black body and light text (the fixture was captured in the light theme).
  await page.evaluate(() => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    for (const el of document.querySelectorAll<HTMLElement>('[style*="color: rgb(15, 20, 25)"]')) {
      el.style.color = 'rgb(231, 233, 234)';
    }
  });
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note: SAMPLE_NOTE });
  const post = page.locator(`[data-footnote-post="${PT_POST}"]`);
  await post.scrollIntoViewIfNeeded();
  await post.getByRole('button', { name: /^Footnote/ }).click();
  const card = page.getByRole('dialog', { name: /^Footnote/ });
  await expect(card.getByText(SAMPLE_NOTE.note)).toBeVisible();
  await expect(page.locator('footnote-card')).toHaveAttribute('data-theme', 'dark');
  await page.mouse.move(0, 0);

  const dir = process.env.UPDATE_SCREENSHOTS ? DOCS : testInfo.outputDir;
  await page.screenshot({ path: path.join(dir, 'card-x-dark.png') });
});

test('screenshot: the options page with the daily budget and the notes history', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note: DEFAULT_NOTE }, { kind: 'note', note: SAMPLE_NOTE });
  for (const key of ['x:2126243242333455973', PT_POST]) {
    await page.locator(`[data-footnote-post="${key}"]`).getByRole('button', { name: /^Footnote/ }).click();
    await expect(page.getByRole('dialog', { name: /^Footnote/ })).toHaveAttribute('aria-busy', 'false');
    await page.keyboard.press('Escape');
  }

  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.setViewportSize({ width: 900, height: 900 });
  await options.getByLabel('Daily token budget').fill('200000');
  const history = options.getByRole('region', { name: 'Notes history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);

  const dir = process.env.UPDATE_SCREENSHOTS ? DOCS : testInfo.outputDir;
  // From the "Notes" settings (answer language, budget) to the end of the history, without
  // the sections in between (they have their own screenshot).
  await options.getByRole('region', { name: 'Evidence sources' }).evaluate((el) => (el.style.display = 'none'));
  await options.getByRole('region', { name: 'Sites' }).evaluate((el) => (el.style.display = 'none'));
  const from = await options.locator('section', { has: options.getByRole('heading', { name: 'Notes', exact: true }) }).boundingBox();
  const to = await history.boundingBox();
  await options.screenshot({
    path: path.join(dir, 'options-history.png'),
    fullPage: true,
    clip: { x: 0, y: from!.y - 16, width: 900, height: to!.y + to!.height - from!.y + 32 },
  });
});

test('screenshot: the options page’s evidence sources and sites', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await configureModelServer(serviceWorker, modelServer);
  await serviceWorker.evaluate(() => chrome.storage.local.set({ disabledSites: ['facebook'] }));
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.setViewportSize({ width: 900, height: 900 });
  const evidence = options.getByRole('region', { name: 'Evidence sources' });
  await evidence.getByRole('switch', { name: /^Professional fact-checks/ }).click();
  await evidence.getByLabel('Fact Check Tools API key').fill('AIza-example-key');
  await evidence.getByLabel('Web search').selectOption('brave');
  await options.locator('body').click({ position: { x: 5, y: 5 } });
  const sites = options.getByRole('region', { name: 'Sites' });
  await expect(sites.getByRole('switch', { name: 'Facebook' })).not.toBeChecked();

  const dir = process.env.UPDATE_SCREENSHOTS ? DOCS : testInfo.outputDir;
  const from = await evidence.boundingBox();
  const to = await sites.boundingBox();
  await options.screenshot({
    path: path.join(dir, 'options-sources.png'),
    fullPage: true,
    clip: { x: 0, y: from!.y - 16, width: 900, height: to!.y + to!.height - from!.y + 32 },
  });
});

test('screenshot: the popup with its filter, statuses and provider', async ({ context, page, serviceWorker, modelServer }, testInfo) => {
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
  // A local server, as LM Studio would be: the popup names the provider and the model.
  await configureProvider(serviceWorker, {
    baseUrl: modelServer.baseUrl,
    model: 'qwen2.5-7b-instruct',
    apiKey: DEFAULT_API_KEY,
    preset: 'lmstudio',
  });
  const photo = {
    ...DEFAULT_NOTE,
    classification: 'false',
    summary: 'The post presents a flood photo as taken last week.',
    note: 'This photo was first published in 2019 and shows a different flood. It does not show last week’s weather.',
  };
  const prices = {
    ...DEFAULT_NOTE,
    classification: 'accurate',
    summary: 'Electricity prices in Europe fell for a third month in a row, according to official figures.',
    note: '',
    claims: [],
  };
  modelServer.enqueue({ kind: 'note', note: SAMPLE_NOTE }, { kind: 'note', note: photo }, { kind: 'note', note: prices });
  const posts = [
    [page.locator(`[data-footnote-post="${PT_POST}"]`), SAMPLE_NOTE.summary],
    [page.locator('[data-footnote-post]', { hasText: 'No, this photo is not from last week' }), photo.summary],
    [page.locator('[data-footnote-post]', { hasText: 'Electricity prices across Europe' }), prices.summary],
  ] as const;
  for (const [post, summary] of posts) {
    await post.scrollIntoViewIfNeeded();
    await post.getByRole('button', { name: /^Footnote/ }).click();
    await expect(page.getByRole('dialog', { name: /^Footnote/ }).getByText(summary)).toBeVisible();
    await page.keyboard.press('Escape');
  }

  const popup = await openPopup(context, serviceWorker);
  await popup.getByRole('radio', { name: /^Has note 3/ }).check();
  await expect(popup.getByRole('list').getByRole('listitem')).toHaveCount(3);
  await expect(popup.getByRole('radio', { name: /^Flagged 2/ })).toBeVisible();
  await popup.mouse.move(0, 0);
  const dir = process.env.UPDATE_SCREENSHOTS ? DOCS : testInfo.outputDir;
  await popup.screenshot({ path: path.join(dir, 'popup.png') });
});

test('screenshot: the options page’s setup guide on first open', async ({ context, extensionId }, testInfo) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.setViewportSize({ width: 900, height: 900 });
  await expect(options.getByRole('radiogroup', { name: 'Provider' })).toBeVisible();
  await options.getByLabel('API key', { exact: true }).fill('sk-proj-example-key');
  await options.getByLabel('API key', { exact: true }).blur();

  const dir = process.env.UPDATE_SCREENSHOTS ? DOCS : testInfo.outputDir;
  await options.screenshot({ path: path.join(dir, 'options-onboarding.png'), fullPage: true });
});
