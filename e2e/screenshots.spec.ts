import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page, TestInfo, Worker } from '@playwright/test';
import {
  configureModelServer,
  configureProvider,
  DEFAULT_API_KEY,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  openPopup,
  test,
  type ModelServer,
} from './fixtures';
import { badge, card } from './x-card';
import { answerTriage, BATCH_WAIT_MS, switchTriageOn } from './triage-model';
import { answerThreads, openItem, summarizeByShortcut } from './thread-model';
import { gotoXHome } from './x-home-page';

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
      explanation:
        'Greves do metrô costumam afetar só as linhas estatais; sem uma fonte de hoje não é possível confirmar o horário.',
      citations: [],
    },
  ],
  detail: '',
  injection_detected: false,
};

/** Where a screenshot goes: docs/screenshots/ for `npm run screenshots`, else the test's output. */
function screenshotPath(testInfo: TestInfo, file: string): string {
  return path.join(process.env.UPDATE_SCREENSHOTS ? DOCS : testInfo.outputDir, file);
}

/** A full-page screenshot of the options page from one section to another, with a margin. */
async function screenshotSections(options: Page, from: Locator, to: Locator, file: string): Promise<void> {
  const top = await from.boundingBox();
  const bottom = await to.boundingBox();
  await options.screenshot({
    path: file,
    fullPage: true,
    clip: { x: 0, y: top!.y - 16, width: 900, height: bottom!.y + bottom!.height - top!.y + 32 },
  });
}

/** The model answers with SAMPLE_NOTE; the Portuguese post's card is opened until it shows it. */
async function openSampleCard(page: Page, serviceWorker: Worker, modelServer: ModelServer): Promise<void> {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note: SAMPLE_NOTE });
  await page.locator(`[data-footnote-post="${PT_POST}"]`).scrollIntoViewIfNeeded();
  await badge(page, PT_POST).click();
  await expect(card(page).getByText(SAMPLE_NOTE.note)).toBeVisible();
}

test('screenshot: the card on X', async ({ context, page, serviceWorker, modelServer }, testInfo) => {
  await page.setViewportSize({ width: 1500, height: 820 });
  await gotoXHome(context, page);
  await openSampleCard(page, serviceWorker, modelServer);
  await expect(card(page)).toHaveAttribute('aria-busy', 'false');
  await page.mouse.move(0, 0);

  await page.screenshot({ path: screenshotPath(testInfo, 'card-x.png') });
});

test('screenshot: the card on X in Lights out (the card follows the site’s theme)', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await page.setViewportSize({ width: 1500, height: 820 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await gotoXHome(context, page);
  // X's "Lights out": a black body and light text (the fixture was captured in the light theme).
  await page.evaluate(() => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    for (const el of document.querySelectorAll<HTMLElement>('[style*="color: rgb(15, 20, 25)"]')) {
      el.style.color = 'rgb(231, 233, 234)';
    }
  });
  await openSampleCard(page, serviceWorker, modelServer);
  await expect(page.locator('footnote-card')).toHaveAttribute('data-theme', 'dark');
  await page.mouse.move(0, 0);

  await page.screenshot({ path: screenshotPath(testInfo, 'card-x-dark.png') });
});

test('screenshot: the options page with the daily budget and the notes history', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await gotoXHome(context, page);
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note: DEFAULT_NOTE }, { kind: 'note', note: SAMPLE_NOTE });
  for (const key of ['x:2126243242333455973', PT_POST]) {
    await badge(page, key).click();
    await expect(card(page)).toHaveAttribute('aria-busy', 'false');
    await page.keyboard.press('Escape');
  }

  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.setViewportSize({ width: 900, height: 900 });
  await options.getByLabel('Daily token budget').fill('200000');
  const history = options.getByRole('region', { name: 'Notes history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);

  // From the "Notes" settings (answer language, budget) to the end of the history, without
  // the sections in between (they have their own screenshot).
  await options
    .getByRole('region', { name: 'Evidence sources' })
    .evaluate((el) => (el.style.display = 'none'));
  await options.getByRole('region', { name: 'Sites' }).evaluate((el) => (el.style.display = 'none'));
  await screenshotSections(
    options,
    options.locator('section', { has: options.getByRole('heading', { name: 'Notes', exact: true }) }),
    history,
    screenshotPath(testInfo, 'options-history.png'),
  );
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
  await expect(sites.getByRole('switch', { name: 'Facebook', exact: true })).not.toBeChecked();

  await screenshotSections(options, evidence, sites, screenshotPath(testInfo, 'options-sources.png'));
});

test('screenshot: the popup with its filter, statuses and provider', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await gotoXHome(context, page);
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
  modelServer.enqueue(
    { kind: 'note', note: SAMPLE_NOTE },
    { kind: 'note', note: photo },
    { kind: 'note', note: prices },
  );
  const posts = [
    [page.locator(`[data-footnote-post="${PT_POST}"]`), SAMPLE_NOTE.summary],
    [
      page.locator('[data-footnote-post]', { hasText: 'No, this photo is not from last week' }),
      photo.summary,
    ],
    [page.locator('[data-footnote-post]', { hasText: 'Electricity prices across Europe' }), prices.summary],
  ] as const;
  for (const [post, summary] of posts) {
    await post.scrollIntoViewIfNeeded();
    await post.getByRole('button', { name: /^Footnote/ }).click();
    await expect(card(page).getByText(summary)).toBeVisible();
    await page.keyboard.press('Escape');
  }

  const popup = await openPopup(context, serviceWorker);
  await popup.getByRole('radio', { name: /^Has note 3/ }).check();
  await expect(popup.getByRole('list').getByRole('listitem')).toHaveCount(3);
  await expect(popup.getByRole('radio', { name: /^Flagged 2/ })).toBeVisible();
  await popup.mouse.move(0, 0);
  await popup.screenshot({ path: screenshotPath(testInfo, 'popup.png') });
});

test('screenshot: the options page’s setup guide on first open', async ({
  context,
  extensionId,
}, testInfo) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.setViewportSize({ width: 900, height: 900 });
  await expect(options.getByRole('radiogroup', { name: 'Provider' })).toBeVisible();
  await options.getByLabel('API key', { exact: true }).fill('sk-proj-example-key');
  await options.getByLabel('API key', { exact: true }).blur();

  await options.screenshot({ path: screenshotPath(testInfo, 'options-onboarding.png'), fullPage: true });
});

test('screenshot: triage flags posts in the feed before anyone hovers', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await page.setViewportSize({ width: 1100, height: 820 });
  await configureModelServer(serviceWorker, modelServer);
  answerTriage(modelServer);
  await switchTriageOn(serviceWorker, 'x');
  await gotoXHome(context, page);
  const flagged = page.getByRole('button', { name: /^Footnote: may be/ });
  await expect(flagged).toHaveCount(2, { timeout: BATCH_WAIT_MS + 10_000 });
  await page.mouse.move(0, 0);

  await page.screenshot({ path: screenshotPath(testInfo, 'feed-triage.png') });
});

test('screenshot: a Hacker News discussion summarized, in the page’s panel', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await page.setViewportSize({ width: 1200, height: 820 });
  await configureModelServer(serviceWorker, modelServer);
  answerThreads(modelServer);
  await openItem(context, page);
  await summarizeByShortcut(page, serviceWorker);
  await page.screenshot({ path: screenshotPath(testInfo, 'thread-digest.png') });
});
