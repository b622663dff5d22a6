import type { Page } from '@playwright/test';
import {
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  openPopup,
  routeFixture,
  test,
  withGrantedHosts,
} from './fixtures';
import { expectFootnoteNotRunning, expectFootnoteRunning, expectFootnoteRunsElsewhere } from './running';

// Footnote on the other networks, at their real URLs, with the real build: posts are marked,
// badged as they scroll in, and a badge opens a card that streams the note.

const SITES = [
  { name: 'Bluesky', url: 'https://bsky.app/', fixture: 'bluesky/feed.html', site: 'bluesky' },
  { name: 'Mastodon', url: 'https://mastodon.social/home', fixture: 'mastodon/home.html', site: 'mastodon' },
  { name: 'Reddit', url: 'https://www.reddit.com/', fixture: 'reddit/feed.html', site: 'reddit' },
  { name: 'old Reddit', url: 'https://old.reddit.com/', fixture: 'reddit/old.html', site: 'reddit' },
  {
    name: 'Hacker News',
    url: 'https://news.ycombinator.com/',
    fixture: 'hackernews/front.html',
    site: 'hackernews',
  },
];

const marked = (page: Page) => page.locator('[data-footnote-post]');
const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

for (const { name, url, fixture, site } of SITES) {
  test(`${name}: posts get badges and a badge opens the note`, async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    await configureModelServer(serviceWorker, modelServer);
    await routeFixture(context, url, fixture);
    await page.goto(url);
    await expect.poll(() => marked(page).count()).toBeGreaterThan(1);
    const keys = await marked(page).evaluateAll((roots) =>
      roots.map((r) => r.getAttribute('data-footnote-post')!),
    );
    expect(keys.every((key) => key.startsWith(`${site}:`))).toBe(true);

    const first = marked(page).first();
    await first.scrollIntoViewIfNeeded();
    const badge = first.getByRole('button', { name: /^Footnote/ });
    await expect(badge).toHaveCount(1);
    await badge.click();
    await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
    expect(modelServer.completionRequests()).toHaveLength(1);
  });
}

// Thread context: the post a reply answers travels with the note request, in its own data block
// before the post (the request body the model server recorded is what the provider would get).
const THREADS = [
  {
    name: 'X',
    url: 'https://x.com/priyanair_md/status/2126060729405294181',
    fixture: 'x/status.html',
    replies: [
      // The focused post continues the thread's first post (the line X draws above it).
      {
        key: 'x:2126060729405294181',
        parent: 'Thread: what the new vaccine data actually shows, and what it does not',
      },
      // Rafael's reply continues Tom's, below the focused post.
      { key: 'x:2126119386096307688', parent: 'Is the age-adjusted table in the same file?' },
    ],
  },
  {
    name: 'Mastodon',
    url: 'https://mastodon.social/@mayachen/117687664053592342',
    fixture: 'mastodon/status.html',
    replies: [
      {
        key: 'mastodon:mastodon.social/117687664053592342',
        parent: '1/ New data on hospital admissions came out this morning',
      },
      {
        key: 'mastodon:mastodon.social/117687773189251364',
        parent: "Thanks, this is the clearest explanation I've seen.",
      },
    ],
  },
];

for (const { name, url, fixture, replies } of THREADS) {
  test(`${name}: a reply's note request carries the post it replies to`, async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    await configureModelServer(serviceWorker, modelServer);
    await routeFixture(context, url, fixture);
    await page.goto(url);
    for (const [i, { key, parent }] of replies.entries()) {
      const root = page.locator(`[data-footnote-post="${key}"]`);
      await root.scrollIntoViewIfNeeded();
      await root.getByRole('button', { name: /^Footnote/ }).click();
      await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
      const [request] = (await modelServer.waitForCompletionRequests(i + 1)).slice(i);
      const user = lastUserMessage(request!);
      const nonce = /The data markers for this request use the code ([0-9a-f]+)\./.exec(user)?.[1];
      expect(nonce).toBeTruthy();
      const context = user.split('The post replies to this post (context only):\n')[1] ?? '';
      const block = context.slice(0, context.indexOf(`DATA:${nonce}>>>`));
      expect(block.startsWith(`<<<DATA:${nonce}\n`)).toBe(true);
      expect(block).toContain(parent);
      // The parent comes before the post itself, which is the last block.
      expect(user.indexOf(parent)).toBeLessThan(user.indexOf('The post to write a note for:'));
      await page.keyboard.press('Escape');
    }
  });
}

test('turning a site off in options takes Footnote off the page at once; on brings it back', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  const url = 'https://news.ycombinator.com/';
  await routeFixture(context, url, 'hackernews/front.html');
  await page.goto(url);
  const badges = page.getByRole('button', { name: /^Footnote/ });
  await expect.poll(() => badges.count()).toBeGreaterThan(1);

  const setDisabled = (sites: string[]) =>
    serviceWorker.evaluate((value) => chrome.storage.local.set({ disabledSites: value }), sites);
  await expectFootnoteRunning(page, 'hackernews');
  await setDisabled(['hackernews']);
  await expectFootnoteNotRunning(page);
  await expect(badges).toHaveCount(0);
  await expect(marked(page)).toHaveCount(0);

  await setDisabled(['reddit']); // another site off: this one back on, without a reload
  await expectFootnoteRunning(page, 'hackernews');
  await expect.poll(() => badges.count()).toBeGreaterThan(1);
  await badges.first().click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
});

test.describe('a site the user enables from the popup', () => {
  const ORIGIN = 'https://social.example.org';
  // The state after the user accepted the browser's permission prompt (headless cannot click it).
  test.use({ extensionDir: withGrantedHosts([`${ORIGIN}/*`]) });

  test('an unknown Mastodon instance: nothing until enabled, then badges after the reload', async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    await configureModelServer(serviceWorker, modelServer);
    await routeFixture(context, `${ORIGIN}/home`, 'mastodon/other-instance.html');
    await page.goto(`${ORIGIN}/home`);
    // No content script is registered for this origin, and the build does start its content
    // scripts (on a built-in site loaded after this page): Footnote was never asked here.
    expect(await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    await expectFootnoteRunsElsewhere(context, {
      url: 'https://mastodon.social/home',
      fixture: 'mastodon/home.html',
      site: 'mastodon',
    });
    await page.bringToFront();
    await expectFootnoteNotRunning(page);
    await expect(marked(page)).toHaveCount(0);

    const popup = await openPopup(context, serviceWorker);
    const reloaded = page.waitForEvent('load');
    await popup.getByRole('button', { name: 'Enable Footnote on social.example.org' }).click();
    await reloaded;
    await expectFootnoteRunning(page, 'mastodon');
    await expect.poll(() => marked(page).count()).toBeGreaterThan(1);
    const keys = await marked(page).evaluateAll((roots) =>
      roots.map((r) => r.getAttribute('data-footnote-post')!),
    );
    expect(keys.every((key) => key.startsWith('mastodon:'))).toBe(true);

    // Persisted: the registration survives, and is exactly this origin.
    const registered = await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered.map((s) => [s.id, s.matches, s.persistAcrossSessions])).toEqual([
      ['footnote-enabled-sites', [`${ORIGIN}/*`], true],
    ]);
  });
});
