import type { Page } from '@playwright/test';
import { configureModelServer, DEFAULT_NOTE, expect, openPopup, routeFixture, test, withGrantedHosts } from './fixtures';

// Footnote on the other networks, at their real URLs, with the real build: posts are marked,
// badged as they scroll in, and a badge opens a card that streams the note.

const SITES = [
  { name: 'Bluesky', url: 'https://bsky.app/', fixture: 'bluesky/feed.html', site: 'bluesky' },
  { name: 'Mastodon', url: 'https://mastodon.social/home', fixture: 'mastodon/home.html', site: 'mastodon' },
  { name: 'Reddit', url: 'https://www.reddit.com/', fixture: 'reddit/feed.html', site: 'reddit' },
  { name: 'old Reddit', url: 'https://old.reddit.com/', fixture: 'reddit/old.html', site: 'reddit' },
  { name: 'Hacker News', url: 'https://news.ycombinator.com/', fixture: 'hackernews/front.html', site: 'hackernews' },
];

const marked = (page: Page) => page.locator('[data-footnote-post]');
const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

for (const { name, url, fixture, site } of SITES) {
  test(`${name}: posts get badges and a badge opens the note`, async ({ context, page, serviceWorker, modelServer }) => {
    await configureModelServer(serviceWorker, modelServer);
    await routeFixture(context, url, fixture);
    await page.goto(url);
    await expect.poll(() => marked(page).count()).toBeGreaterThan(1);
    const keys = await marked(page).evaluateAll((roots) => roots.map((r) => r.getAttribute('data-footnote-post')!));
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

test.describe('a site the user enables from the popup', () => {
  const ORIGIN = 'https://social.example.org';
  // The state after the user accepted the browser's permission prompt (headless cannot click it).
  test.use({ extensionDir: withGrantedHosts([`${ORIGIN}/*`]) });

  test('an unknown Mastodon instance: nothing until enabled, then badges after the reload', async ({ context, page, serviceWorker, modelServer }) => {
    await configureModelServer(serviceWorker, modelServer);
    await routeFixture(context, `${ORIGIN}/home`, 'mastodon/other-instance.html');
    await page.goto(`${ORIGIN}/home`);
    await page.waitForTimeout(500);
    await expect(marked(page)).toHaveCount(0); // no content script: Footnote was never asked here

    const popup = await openPopup(context, serviceWorker);
    const reloaded = page.waitForEvent('load');
    await popup.getByRole('button', { name: 'Enable Footnote on social.example.org' }).click();
    await reloaded;
    await expect.poll(() => marked(page).count()).toBeGreaterThan(1);
    const keys = await marked(page).evaluateAll((roots) => roots.map((r) => r.getAttribute('data-footnote-post')!));
    expect(keys.every((key) => key.startsWith('mastodon:'))).toBe(true);

    // Persisted: the registration survives, and is exactly this origin.
    const registered = await serviceWorker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered.map((s) => [s.id, s.matches, s.persistAcrossSessions])).toEqual([
      ['footnote-enabled-sites', [`${ORIGIN}/*`], true],
    ]);
  });
});
