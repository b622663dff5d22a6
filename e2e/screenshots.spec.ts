import { fileURLToPath } from 'node:url';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { configureModelServer, DEFAULT_NOTE, expect, openExtensionPage, test } from './fixtures';
import { badge, card } from './x-card';
import {
  openNoteCard,
  openPopupWithNotes,
  PT_POST,
  SAMPLE_NOTE,
  screenshotPath as screenshotPathIn,
} from './screenshot-helpers';
import { answerTriage, BATCH_WAIT_MS, switchTriageOn } from './triage-model';
import { answerThreads, openItem, summarizeByShortcut } from './thread-model';
import { gotoXHome } from './x-home-page';

// Screenshots for the README, taken from the real extension on the fixture page, so they stay
// current. `npm run screenshots` writes them to docs/screenshots/; a normal run writes them to
// the test output folder and only checks that the card rendered.

const DOCS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** Where a screenshot goes: docs/screenshots/ for `npm run screenshots`, else the test's output. */
function screenshotPath(testInfo: TestInfo, file: string): string {
  return screenshotPathIn(testInfo, DOCS, file);
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

test('screenshot: the card on X', async ({ context, page, serviceWorker, modelServer }, testInfo) => {
  await page.setViewportSize({ width: 1500, height: 820 });
  await gotoXHome(context, page);
  await openNoteCard(page, serviceWorker, modelServer);
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
  await openNoteCard(page, serviceWorker, modelServer);
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
  const popup = await openPopupWithNotes({ context, page, serviceWorker, modelServer });
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
