import type { Page } from '@playwright/test';
import {
  configureModelServer,
  DEFAULT_NOTE,
  dispatchCommand,
  expect,
  lastUserMessage,
  openPopup,
  routeFixture,
  test,
} from './fixtures';
import { CLOSE_GRACE_MS } from '../entrypoints/content/card-timing';
import { afterPageTimers } from './running';
import { X_HOME_POSTS as HOME_POSTS, X_HOME_PT_POST as PT_POST, X_HOME_URL as HOME } from './x-home';

const post = (page: Page, key: string) => page.locator(`[data-footnote-post="${key}"]`);
const badgeOf = (page: Page, key: string) => post(page, key).getByRole('button', { name: /^Footnote/ });
const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

async function markedKeys(page: Page): Promise<string[]> {
  return page
    .locator('[data-footnote-post]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-footnote-post')!));
}

test.beforeEach(async ({ context, page }) => {
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
});

test('every post gets one badge, also posts appended later and a recycled cell', async ({ page }) => {
  await expect.poll(() => markedKeys(page)).toEqual(HOME_POSTS);
  // At once, without scrolling: the last post, screens below, has its badge too.
  for (const key of HOME_POSTS) await expect(badgeOf(page, key)).toHaveCount(1);

  const appended = await page.evaluate(() => window.footnoteFixture.appendPosts(3));
  for (const id of appended) await expect(badgeOf(page, `x:${id}`)).toHaveCount(1);

  // React reuses the node of the first post for another one: same element, new post.
  const [oldId] = HOME_POSTS[0]!.split(':').slice(1);
  const element = await post(page, HOME_POSTS[0]!).elementHandle();
  await page.evaluate(([from]) => window.footnoteFixture.recyclePost(from!, '2126999999999999999'), [oldId]);
  await expect(post(page, 'x:2126999999999999999')).toHaveCount(1);
  await expect(post(page, HOME_POSTS[0]!)).toHaveCount(0);
  expect(await element!.getAttribute('data-footnote-post')).toBe('x:2126999999999999999');
  await expect(badgeOf(page, 'x:2126999999999999999')).toHaveCount(1);
});

test('hovering a badge opens the card, which streams the note; Esc closes it', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  const note = { ...DEFAULT_NOTE, summary: 'Um resumo neutro do post sobre a ponte.' };
  modelServer.enqueue({ kind: 'note', note, chunkSize: 6, chunkDelayMs: 40 });

  await badgeOf(page, PT_POST).hover();
  const dialog = card(page);
  await expect(dialog).toBeVisible();
  // The summary is on screen while the rest of the note is still streaming.
  await expect(dialog.getByText(note.summary)).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-busy', 'true');
  await expect(dialog.getByText(note.note)).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-busy', 'false');
  await expect(dialog.getByText('Needs context')).toBeVisible();
  await expect(dialog.getByText(note.claims[0]!.explanation)).toBeVisible();

  const [request] = modelServer.completionRequests();
  expect(lastUserMessage(request!)).toContain('author: ');
  expect(lastUserMessage(request!)).toContain('language: pt');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a click pins the card with focus in it; Esc gives focus back to the badge', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  const badge = badgeOf(page, HOME_POSTS[0]!);
  await badge.click();
  const dialog = card(page);
  await expect(dialog).toBeFocused();
  await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
  // Pinned: moving the pointer away does not close it, also once an unpinned card would have.
  await page.mouse.move(5, 5);
  await afterPageTimers(page, CLOSE_GRACE_MS * 2);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(badge).toBeFocused();
  // The click did not reach the post (X would navigate to it).
  expect(page.url()).toBe(HOME);
});

test('a click outside closes a pinned card', async ({ page, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  await badgeOf(page, HOME_POSTS[1]!).click();
  await expect(card(page)).toBeVisible();
  await page.mouse.click(5, 5);
  await expect(card(page)).toBeHidden();
});

test('a cached note reopens without a second request', async ({ page, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  const badge = badgeOf(page, HOME_POSTS[2]!);
  await badge.click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await page.keyboard.press('Escape');
  await badge.click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('the summarize-post shortcut opens the card for the focused post', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await badgeOf(page, PT_POST).focus();
  await dispatchCommand(serviceWorker, 'summarize-post');
  const dialog = card(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(lastUserMessage(modelServer.completionRequests()[0]!)).toContain('language: pt');
});

test('the summarize-post shortcut falls back to the post nearest the viewport centre', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await page.mouse.move(0, 0);
  await dispatchCommand(serviceWorker, 'summarize-post');
  await expect(card(page)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('the popup lists the tab’s posts and shows a note once written', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await expect.poll(() => markedKeys(page)).toEqual(HOME_POSTS);
  await badgeOf(page, PT_POST).click();
  await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();

  const popup = await openPopup(context, serviceWorker);
  const items = popup.getByRole('list').getByRole('listitem');
  await expect(items).toHaveCount(HOME_POSTS.length);
  await expect(popup.getByText(DEFAULT_NOTE.summary)).toBeVisible();
});

test('an SPA navigation closes the card; posts rendered on the new page get badges', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await badgeOf(page, HOME_POSTS[0]!).click();
  await expect(card(page)).toBeVisible();
  await page.evaluate(() => history.pushState({}, '', '/explore'));
  await expect(card(page)).toBeHidden();
  const [id] = await page.evaluate(() => window.footnoteFixture.appendPosts(1));
  await post(page, `x:${id}`).scrollIntoViewIfNeeded();
  await expect(badgeOf(page, `x:${id}`)).toHaveCount(1);
});
