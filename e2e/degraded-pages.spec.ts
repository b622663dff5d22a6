import type { BrowserContext, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  fixturePath,
  lastUserMessage,
  openPopup,
  test,
} from './fixtures';
import { X_HOME_POSTS, X_HOME_URL } from './x-home';

// Pages that are not what the adapter expects: a post header it no longer knows, a post with
// nothing in it, a page whose posts it cannot find at all. Footnote stays useful and says so.

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });
const post = (page: Page, key: string) => page.locator(`[data-footnote-post="${key}"]`);

/** Serves the X home fixture at its real address with its markup changed, and opens it. */
async function gotoChangedXHome(
  context: BrowserContext,
  page: Page,
  change: (html: string) => string,
): Promise<void> {
  const body = change(await readFile(fixturePath('x/home.html'), 'utf8'));
  await context.route(X_HOME_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
  await page.goto(X_HOME_URL);
}

test('a post whose header the adapter no longer knows still gets a badge, top right, that opens its note', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  // A redesign renames the author block: the posts are still found by their permalinks.
  await gotoChangedXHome(context, page, (html) =>
    html.replaceAll('data-testid="User-Name"', 'data-testid="User-Header-2027"'),
  );
  const first = post(page, X_HOME_POSTS[0]!);
  const badge = first.getByRole('button', { name: /^Footnote/ });
  await expect(badge).toHaveCount(1);
  await expect(badge).toHaveClass(/footnote-badge-fallback/);
  // Top right of the post, and not over its text.
  const [postBox, badgeBox, textBox] = await Promise.all([
    first.boundingBox(),
    badge.boundingBox(),
    first.getByTestId('tweetText').first().boundingBox(),
  ]);
  expect(badgeBox!.x + badgeBox!.width).toBeGreaterThan(postBox!.x + postBox!.width - 40);
  expect(badgeBox!.y).toBeLessThan(postBox!.y + 40);
  const overlaps =
    badgeBox!.x < textBox!.x + textBox!.width &&
    textBox!.x < badgeBox!.x + badgeBox!.width &&
    badgeBox!.y < textBox!.y + textBox!.height &&
    textBox!.y < badgeBox!.y + badgeBox!.height;
  expect(overlaps).toBe(false);

  await badge.focus();
  await page.keyboard.press('Enter');
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('a post with nothing to check says so in the card and costs no model call', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await gotoChangedXHome(context, page, (html) => html);
  const key = X_HOME_POSTS[0]!;
  await expect(post(page, key).getByRole('button', { name: /^Footnote/ })).toHaveCount(1);
  // The site shows a bare picture: no text, no description, no quote, no link.
  await post(page, key).evaluate((root) => {
    for (const node of root.querySelectorAll('[data-testid="tweetText"], [data-testid="card.wrapper"]'))
      node.remove();
    for (const img of root.querySelectorAll('img')) img.setAttribute('alt', 'Image');
  });
  await post(page, key)
    .getByRole('button', { name: /^Footnote/ })
    .click();
  await expect(card(page).getByText(/^Nothing to check in this post/)).toBeVisible();

  // The next post is asked as usual: the model server was reachable all along.
  await post(page, X_HOME_POSTS[1]!)
    .getByRole('button', { name: /^Footnote/ })
    .click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);
  expect(lastUserMessage(modelServer.completionRequests()[0]!)).not.toContain(key.slice(2));
});

test('a page that should show posts and shows none says the site may have changed, with a diagnostic to copy', async ({
  context,
  page,
  serviceWorker,
}) => {
  test.slow(); // the popup waits out the grace period a slow feed gets (8 s)
  // Every post root renamed: the adapter finds nothing, as after a redesign.
  await gotoChangedXHome(context, page, (html) =>
    html.replaceAll('data-testid="tweet"', 'data-testid="post-2027"'),
  );
  await expect(page.getByTestId('post-2027').first()).toBeVisible();
  // The clipboard is read back from the page's tab (an extension origin cannot be granted it).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://x.com' });
  const popup = await openPopup(context, serviceWorker);
  await expect(
    popup.getByRole('heading', { name: /found no posts on this page — the site may have changed/ }),
  ).toBeVisible({ timeout: 20_000 });
  await popup.getByRole('button', { name: 'Copy diagnostic' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Diagnostic copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Footnote \d+\.\d+\.\d+: no posts found\nsite: x\npath: \/home\n/);
  expect(copied).toContain('post root (article[data-testid="tweet"]): 0');
  // No page text and no handles: only selectors and counts.
  const pageText = await page.locator('body').innerText();
  for (const word of pageText
    .split(/\s+/)
    .filter((w) => w.length > 6)
    .slice(0, 50))
    expect(copied).not.toContain(word);
});
