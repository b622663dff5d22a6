import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { configureModelServer, DEFAULT_NOTE, expect, openExtensionPage, test } from './fixtures';
import { openNoteCard, openPopupWithNotes, PT_POST, screenshotPath } from './screenshot-helpers';
import { answerThreads, openItem, summarizeByShortcut } from './thread-model';
import { card } from './x-card';
import { gotoXHome } from './x-home-page';
import type { Note } from '../utils/core/note-schema';

// The store listings' screenshots (docs/store/), taken from the real extension like the README's,
// at 1280×800, the size the Chrome Web Store asks for. `npm run screenshots` writes them to
// docs/store/screenshots/; a normal run writes them to the test output and checks their size.

const STORE = fileURLToPath(new URL('../docs/store/screenshots/', import.meta.url));
const SIZE = { width: 1280, height: 800 };

/** The X home fixture's post about European electricity prices. */
const ENERGY_POST = 'x:2126220783187389345';

const ENERGY_NOTE: Note = {
  ...DEFAULT_NOTE,
  summary: 'The post reports that electricity prices in Europe fell for a third month in a row, and why.',
  classification: 'needs_context',
  note: 'These are wholesale prices. Household bills follow them months later, as most tariffs are fixed in advance, so bills may not fall yet.',
  claims: [
    {
      claim: 'Electricity prices across Europe fell for the third month in a row.',
      quote: 'Electricity prices across Europe fell for the third month in a row',
      verdict: 'unverifiable',
      confidence: 0.6,
      basis: 'model_knowledge',
      explanation:
        'Wholesale prices have fallen in several European markets this autumn; without this month’s figures the third fall in a row cannot be confirmed.',
      citations: [],
    },
  ],
};

/**
 * X's layout at 1280 px: the navigation on the left, the timeline beside it and the sidebar's room
 * on the right, where the card opens. The fixture centres its timeline, which leaves the card no
 * room beside it at this width.
 */
async function layOutAsXAt1280(page: Page): Promise<void> {
  await page
    .locator('header[role="banner"]')
    .evaluate((header) => Object.assign(header.style, { flexGrow: '0', width: '275px' }));
  await page.getByTestId('primaryColumn').evaluate((column) => (column.style.marginLeft = '0'));
}

/** Scrolls the post near the top of the window, so its card opens beside it at full height. */
async function scrollToTop(page: Page, post: string): Promise<void> {
  await page.locator(`[data-footnote-post="${post}"]`).evaluate((root) => {
    root.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -24);
  });
}

/** Writes the page as it is, pointer out of the way, and checks the PNG is exactly 1280×800. */
async function storeScreenshot(page: Page, testInfo: TestInfo, file: string): Promise<void> {
  const path = screenshotPath(testInfo, STORE, file);
  await page.mouse.move(0, 0);
  await page.screenshot({ path });
  const png = readFileSync(path);
  // A PNG's IHDR chunk: width and height, big-endian, at bytes 16 and 20.
  expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(SIZE);
}

test('store screenshot: a note on a post on X', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await page.setViewportSize(SIZE);
  await gotoXHome(context, page);
  await layOutAsXAt1280(page);
  await scrollToTop(page, ENERGY_POST);
  await openNoteCard(page, serviceWorker, modelServer, { post: ENERGY_POST, note: ENERGY_NOTE });
  await expect(card(page)).toHaveAttribute('aria-busy', 'false');

  await storeScreenshot(page, testInfo, '1-card.png');
});

test('store screenshot: the popup listing the page’s posts and their notes', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await page.setViewportSize(SIZE);
  const popup = await openPopupWithNotes({ context, page, serviceWorker, modelServer });
  await layOutAsXAt1280(page);
  // A headless browser draws no toolbar: the popup's own rendering is laid over the page where
  // the browser opens it, below the toolbar button at the top right.
  const image = await popup.screenshot();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(
    async (src) => {
      const img = document.createElement('img');
      img.src = src;
      img.alt = '';
      Object.assign(img.style, {
        position: 'fixed',
        top: '0',
        right: '24px',
        zIndex: '2147483647',
        border: '1px solid rgb(210, 210, 215)',
        borderRadius: '0 0 8px 8px',
        boxShadow: '0 8px 24px rgba(0, 0, 0, 0.25)',
      });
      document.body.append(img);
      await img.decode();
    },
    `data:image/png;base64,${image.toString('base64')}`,
  );

  await storeScreenshot(page, testInfo, '2-popup.png');
});

test('store screenshot: a discussion summarized', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await page.setViewportSize(SIZE);
  await configureModelServer(serviceWorker, modelServer);
  answerThreads(modelServer);
  await openItem(context, page);
  await summarizeByShortcut(page, serviceWorker);

  await storeScreenshot(page, testInfo, '3-thread-digest.png');
});

test('store screenshot: the setup guide', async ({ context, extensionId }, testInfo) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.setViewportSize(SIZE);
  await expect(options.getByRole('radiogroup', { name: 'Provider' })).toBeVisible();
  await options.getByLabel('API key', { exact: true }).fill('sk-proj-example-key');
  await options.getByLabel('API key', { exact: true }).blur();

  await storeScreenshot(options, testInfo, '4-options.png');
});

test.describe('in Brazilian Portuguese', () => {
  // As e2e/pt-br.spec.ts: Chromium on Linux follows LANGUAGE, given chromium-l10n.
  test.use({ launch: { args: ['--lang=pt-BR'], env: { LANGUAGE: 'pt_BR', LANG: 'pt_BR.UTF-8' } } });

  test('store screenshot: a note on a Portuguese post', async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }, testInfo) => {
    expect(await serviceWorker.evaluate(() => chrome.i18n.getUILanguage())).toBe('pt-BR');
    await page.setViewportSize(SIZE);
    await gotoXHome(context, page);
    await layOutAsXAt1280(page);
    await scrollToTop(page, PT_POST);
    await openNoteCard(page, serviceWorker, modelServer);
    await expect(card(page)).toHaveAttribute('aria-busy', 'false');

    await storeScreenshot(page, testInfo, '5-card-pt-br.png');
  });
});
