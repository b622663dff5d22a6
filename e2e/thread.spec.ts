import type { BrowserContext, Locator } from '@playwright/test';
import { configureModelServer, dispatchCommand, expect, openPopup, test } from './fixtures';
import { afterPageTimers, expectFootnoteRunning } from './running';
import {
  answerThreads,
  commentRefs,
  DIGEST_TEXT,
  isChunk,
  isMerge,
  openItem,
  panel,
  progress,
  summarizeByShortcut,
} from './thread-model';

/**
 * "Summarize this discussion" in real Chromium, against the local model server, on a Hacker News
 * item page: the digest in the page's panel with links back to the comments, cancel, the cache,
 * and the update of a thread that grew (docs/ARCHITECTURE.md, Stable hooks).
 */

/** The item fixture's posts in page order, C1…C6 to the model: the story and five comments with text. */
const ITEM_POSTS = ['50121877', '50122004', '50122051', '50122133', '50122177', '50122190'];

function goTo(scope: Locator, handle: string): Locator {
  return scope.getByRole('button', { name: `Go to @${handle}'s comment` });
}

/** Serves `html` at exactly `url`, as routeFixture serves a fixture file. */
async function routeHtml(context: BrowserContext, url: string, html: string): Promise<void> {
  await context.route(
    (candidate) => candidate.href === url,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

/**
 * A Hacker News item page with `count` comments of about 300 characters each, in HN's markup as
 * the fixture reproduces it: every fifth comment top-level, the others replies to the one above.
 */
function generatedItem(storyId: number, count: number): string {
  const age = (id: number) =>
    `<span class="age" title="2026-11-27T10:00:00 1795773600"><a href="item?id=${id}">1 hour ago</a></span>`;
  const comments = Array.from({ length: count }, (_, i) => {
    const id = storyId + 1 + i;
    const indent = i % 5 === 0 ? 0 : 1;
    const text = `Comment ${i + 1}: ${'I checked the figures against the original tables and they hold up. '.repeat(4)}`;
    return (
      `<tr class="athing comtr" id="${id}"><td><table border="0"><tr><td class="ind" indent="${indent}"><img height="1" width="${indent * 40}" alt=""></td>` +
      `<td class="default"><div><span class="comhead"><a href="user?id=reader${i % 37}" class="hnuser">reader${i % 37}</a> ${age(id)}</span></div><br>` +
      `<div class="comment"><div class="commtext c00">${text}</div></div></td></tr></table></td></tr>`
    );
  });
  return (
    `<!DOCTYPE html><html lang="en" op="item"><head><title>Ask HN: A long discussion | Hacker News</title></head><body>` +
    `<table class="fatitem" border="0"><tr class="athing submission" id="${storyId}"><td class="title"><span class="titleline">` +
    `<a href="item?id=${storyId}">Ask HN: A long discussion</a></span></td></tr>` +
    `<tr><td class="subtext"><span class="subline">by <a href="user?id=asker" class="hnuser">asker</a> ${age(storyId)}</span></td></tr></table>` +
    `<table border="0" class="comment-tree">${comments.join('')}</table></body></html>`
  );
}

test.beforeEach(async ({ serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  answerThreads(modelServer);
});

test('the popup’s button writes the digest into the page’s panel; a ref the model invented leads nowhere', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await openItem(context, page);
  const popup = await openPopup(context, serviceWorker);
  await popup.getByRole('button', { name: 'Summarize this discussion' }).click();

  await expect(progress(page)).toHaveText('Summary ready.');
  const region = panel(page);
  await expect(region).toHaveAccessibleName('Footnote: summary of this discussion');
  await expect(region.getByText(DIGEST_TEXT.about)).toBeVisible();
  for (const position of DIGEST_TEXT.positions) await expect(region.getByText(position)).toBeVisible();
  await expect(region.getByText('(held by most)')).toBeVisible();
  await expect(region.getByText('Based on the 6 comments shown.')).toBeVisible();
  // The popup shows the same digest.
  await expect(popup.getByText(DIGEST_TEXT.about)).toBeVisible();

  // One request, for the six posts in page order.
  const requests = modelServer.completionRequests();
  expect(requests).toHaveLength(1);
  expect(isChunk(requests[0]!)).toBe(true);
  expect(commentRefs(requests[0]!)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);

  // Links only for the refs the request carried: C3 (quietfox) beside the invented one, none for
  // the claim that cited only the invented ref.
  const point = (text: string) => region.getByRole('listitem').filter({ hasText: text });
  await expect(point(DIGEST_TEXT.positions[0]).getByRole('button')).toHaveCount(2);
  await expect(point(DIGEST_TEXT.positions[1]).getByRole('button')).toHaveCount(1);
  await expect(goTo(point(DIGEST_TEXT.positions[1]), 'quietfox')).toBeVisible();
  await expect(point(DIGEST_TEXT.disputed)).toBeVisible();
  await expect(point(DIGEST_TEXT.disputed).getByRole('button')).toHaveCount(0);
  await expect(region.getByRole('button', { name: /^Go to / })).toHaveCount(5);
  await expect(region.getByRole('button', { name: 'Copy as Markdown' })).toBeVisible();
});

test('a point’s link scrolls to its comment and focuses it', async ({ context, page, serviceWorker }) => {
  await openItem(context, page);
  // The comments start far below the fold.
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.setAttribute('style', 'height: 3000px');
    document.querySelector('table.comment-tree')!.before(spacer);
  });
  await summarizeByShortcut(page, serviceWorker);

  const key = `hackernews:${ITEM_POSTS[5]}`; // ana_luisa's, the last: cited by the third position
  const comment = page.locator(`[data-footnote-post="${key}"]`);
  await expect(comment).not.toBeInViewport();
  await goTo(panel(page), 'ana_luisa').click();

  await expect(comment).toBeInViewport({ ratio: 1 });
  expect(
    await page.evaluate(
      () =>
        document.activeElement?.closest('[data-footnote-post]')?.getAttribute('data-footnote-post') ?? null,
    ),
  ).toBe(key);
});

test('cancel stops the requests of a thread in several chunks', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  const url = 'https://news.ycombinator.com/item?id=60000000';
  await routeHtml(context, url, generatedItem(60_000_000, 600));
  await page.goto(url);
  await expectFootnoteRunning(page, 'hackernews');
  answerThreads(modelServer, { chunkDelayMs: 250, chunkSize: 4 }); // a slow model

  await dispatchCommand(serviceWorker, 'summarize-thread');
  const [first] = await modelServer.waitForCompletionRequests(1, 15_000);
  expect(isChunk(first!)).toBe(true);
  await expect(progress(page)).toHaveText(/^Chunk 1 of ([2-9]|\d\d)$/);
  const sent = commentRefs(first!);
  expect(sent[0]).toBe('C1');
  expect(sent.length).toBeLessThan(601);

  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(progress(page)).toHaveText('Cancelled. What was summarized so far is kept.');
  await expect
    .poll(() => first!.outcome, { message: 'the request under way to be stopped' })
    .toBe('client-closed');
  await afterPageTimers(page, 2_000);
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('asked again, the digest comes from the cache: no new request, the same digest', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await openItem(context, page);
  await summarizeByShortcut(page, serviceWorker);
  const links = await panel(page)
    .getByRole('button', { name: /^Go to / })
    .allTextContents();
  expect(modelServer.completionRequests()).toHaveLength(1);

  await page.reload();
  await expectFootnoteRunning(page, 'hackernews');
  await summarizeByShortcut(page, serviceWorker);
  await expect(panel(page).getByText('From cache')).toBeVisible();
  await expect(panel(page).getByText(DIGEST_TEXT.about)).toBeVisible();
  expect(
    await panel(page)
      .getByRole('button', { name: /^Go to / })
      .allTextContents(),
  ).toEqual(links);
  await expect(panel(page).getByRole('button', { name: /^Update/ })).toHaveCount(0);
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('a thread that grew offers an update, which sends only the new comments', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await openItem(context, page);
  await summarizeByShortcut(page, serviceWorker);
  expect(modelServer.completionRequests()).toHaveLength(1);

  // Two comments arrive on the page, after the others.
  const added = ['First new comment: the agency publishes its tables too.', 'Second new comment: agreed.'];
  await page.evaluate((texts) => {
    const tree = document.querySelector('table.comment-tree > tbody')!;
    const last = tree.querySelector('tr.athing.comtr:last-of-type')!;
    texts.forEach((text, i) => {
      const row = last.cloneNode(true) as Element;
      row.id = String(50122400 + i);
      const author = row.querySelector('a.hnuser')!;
      author.textContent = `newcomer${i + 1}`;
      author.setAttribute('href', `user?id=newcomer${i + 1}`);
      row.querySelector('.commtext')!.textContent = text;
      tree.append(row);
    });
  }, added);

  // Asked again, the kept digest shows at once, with the update on offer.
  await dispatchCommand(serviceWorker, 'summarize-thread');
  const update = panel(page).getByRole('button', { name: 'Update (2 new comments)' });
  await expect(update).toBeVisible();
  await expect(panel(page).getByText(DIGEST_TEXT.about)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);

  await update.click();
  await expect(progress(page)).toHaveText('Summary ready.');
  const [, ...more] = modelServer.completionRequests();
  const parts = more.filter(isChunk);
  expect(parts).toHaveLength(1);
  expect(commentRefs(parts[0]!)).toEqual(['C7', 'C8']);
  const sent = parts[0]!.rawBody;
  for (const text of added) expect(sent).toContain(text);
  expect(sent).not.toContain('Replying to the deleted comment');
  // …and the kept digest goes with them, to a merge.
  expect(more.filter(isMerge)).toHaveLength(1);
  await expect(panel(page).getByRole('button', { name: /^Update/ })).toHaveCount(0);
  await expect(goTo(panel(page), 'newcomer2').first()).toBeVisible();
});
