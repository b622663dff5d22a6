import { fileURLToPath } from 'node:url';
import type { Page, Worker } from '@playwright/test';
import {
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  routeFixture,
  test,
  withGrantedHosts,
} from './fixtures';
import { SITE_IDS } from '../utils/core/post';
import { card, cardAlert } from './x-card';
import { X_HOME_PT_POST, X_HOME_URL } from './x-home';

/** The menu items' ids (utils/background/context-menu.ts). */
const CHECK_POST = 'footnote-check-post';
const CHECK_SELECTION = 'footnote-check-selection';

/** An article on a site Footnote does not run on. */
const ARTICLE_URL = 'https://news.example.org/2026/10/reservoir-levels';
const ARTICLE = fileURLToPath(new URL('plain-article.html', import.meta.url));
const ARTICLE_TITLE = "Reservoir levels: what the agency's report says";

// A real click on the menu item grants activeTab, and with it the page; a click dispatched in the
// worker grants nothing, so this build already holds the article's host, as activeTab would.
test.use({ extensionDir: withGrantedHosts(['https://news.example.org/*']) });

/**
 * Clicks a context menu item: there is no way to open the browser's own menu from a test, but
 * dispatching onClicked in the worker runs the registered listeners as a real click does, with
 * the active tab and what Chrome would pass (the top frame, the selection's text).
 */
async function clickMenuItem(
  serviceWorker: Worker,
  menuItemId: string,
  selectionText?: string,
): Promise<void> {
  await serviceWorker.evaluate(
    async ({ menuItemId, selectionText }) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      const info = { menuItemId, editable: false, frameId: 0, pageUrl: tab?.url, selectionText };
      // dispatch() exists at run time (Chrome's own tests fire events with it) but is untyped.
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(
        info,
        tab,
      );
    },
    { menuItemId, selectionText },
  );
}

/** Which of these menu items exist (update() fails for an id the menu does not have). */
function existingItems(serviceWorker: Worker, ids: string[]): Promise<boolean[]> {
  return serviceWorker.evaluate(
    (ids) =>
      Promise.all(
        ids.map((id) =>
          chrome.contextMenus.update(id, {}).then(
            () => true,
            () => false,
          ),
        ),
      ),
    ids,
  );
}

async function footnoteReady(page: Page, site: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-footnote-ready', site);
}

test('the context menu offers both items; "check this post" only while Footnote runs somewhere', async ({
  serviceWorker,
}) => {
  await expect.poll(() => existingItems(serviceWorker, [CHECK_POST, CHECK_SELECTION])).toEqual([true, true]);

  const everySite = SITE_IDS.filter((id) => id !== 'generic');
  await serviceWorker.evaluate((sites) => chrome.storage.local.set({ disabledSites: sites }), everySite);
  await expect.poll(() => existingItems(serviceWorker, [CHECK_POST, CHECK_SELECTION])).toEqual([false, true]);

  await serviceWorker.evaluate(() => chrome.storage.local.set({ disabledSites: ['facebook'] }));
  await expect.poll(() => existingItems(serviceWorker, [CHECK_POST, CHECK_SELECTION])).toEqual([true, true]);
});

test('"check this post" opens the card of the post right-clicked, or says there is none', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
  await footnoteReady(page, 'x');

  await page
    .locator(`[data-footnote-post="${X_HOME_PT_POST}"] [data-testid="tweetText"]`)
    .click({ button: 'right' });
  await clickMenuItem(serviceWorker, CHECK_POST);
  const dialog = card(page);
  await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
  // As the shortcut opens it: pinned, with focus in it.
  await expect(dialog).toBeFocused();
  const [request] = await modelServer.waitForCompletionRequests(1);
  expect(lastUserMessage(request!)).toContain('Bom dia!');
  await page.screenshot({ path: testInfo.outputPath('context-menu-post.png') });

  // Somewhere no post is: the card says so, and asks no model.
  await page.locator('header[role="banner"]').click({ button: 'right' });
  await clickMenuItem(serviceWorker, CHECK_POST);
  await expect(cardAlert(page)).toContainText('There is no post where you right-clicked');
  await expect(dialog).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('context-menu-no-post.png') });
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('"check the selected text" on any page: a card beside the selection, written from it and its page', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}, testInfo) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, ARTICLE_URL, ARTICLE);
  await page.goto(ARTICLE_URL);
  // Footnote does not run here: nothing of it is on the page before the click.
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-footnote-ready');

  const claim = page.locator('#claim');
  await claim.selectText();
  const [selected, selectionBox] = await page.evaluate(() => {
    const selection = document.getSelection()!;
    return [String(selection), selection.getRangeAt(0).getBoundingClientRect().toJSON() as DOMRect] as const;
  });
  await clickMenuItem(serviceWorker, CHECK_SELECTION, selected);

  const dialog = card(page);
  await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expect(dialog).toBeFocused();
  const [request] = await modelServer.waitForCompletionRequests(1);
  const prompt = lastUserMessage(request!);
  expect(prompt).toContain('The reservoir held 90% of its capacity in September');
  expect(prompt).toContain('site: generic');
  expect(prompt).toContain('author: Example News (@news.example.org)');
  expect(prompt).toContain('links: https://agency.example.gov/report');
  // The page is the context: its title and description, as what the text "replies to".
  expect(prompt).toContain(`The post replies to this post (context only)`);
  expect(prompt).toContain(ARTICLE_TITLE);
  expect(prompt).toContain('The regional water agency published its yearly report on reservoir levels.');

  // Beside the selection: to its right, level with it.
  const cardBox = (await dialog.boundingBox())!;
  expect(cardBox.x).toBeGreaterThanOrEqual(selectionBox.right);
  expect(cardBox.y).toBeLessThan(selectionBox.bottom);
  await page.screenshot({ path: testInfo.outputPath('context-menu-selection.png') });

  // The same words again: the same post, its note from the cache.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await clickMenuItem(serviceWorker, CHECK_SELECTION, selected);
  await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('"check the selected text" in a text field takes the text the browser gives', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, ARTICLE_URL, ARTICLE);
  await page.goto(ARTICLE_URL);
  const field = page.locator('#comment');
  await field.selectText();
  await clickMenuItem(serviceWorker, CHECK_SELECTION, 'Water use went down by a third since the new tariff.');

  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  const [request] = await modelServer.waitForCompletionRequests(1);
  expect(lastUserMessage(request!)).toContain('text:\nWater use went down by a third since the new tariff.');
});

test('"check the selected text" on a site Footnote runs on: its own card, which a post’s card replaces', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
  await footnoteReady(page, 'x');
  const post = page.locator(`[data-footnote-post="${X_HOME_PT_POST}"]`);
  await post.locator('[data-testid="tweetText"]').selectText();
  await clickMenuItem(
    serviceWorker,
    CHECK_SELECTION,
    await page.evaluate(() => String(document.getSelection())),
  );

  const dialog = card(page);
  await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
  const [request] = await modelServer.waitForCompletionRequests(1);
  expect(lastUserMessage(request!)).toContain('site: generic');
  expect(lastUserMessage(request!)).toContain('Bom dia!');

  // The post's own badge: its card, and only one card on the page.
  await post.getByRole('button', { name: /^Footnote/ }).click();
  await expect(dialog).toHaveCount(1);
  await expect(dialog).toHaveAccessibleName(/@bia_souza/);
  await modelServer.waitForCompletionRequests(2);
});
