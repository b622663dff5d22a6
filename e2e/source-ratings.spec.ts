import type { Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-support/test-http-server';
import {
  configureEvidence,
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  routeFixture,
  test,
} from './fixtures';

// Source ratings (issue #16): the reader subscribes to a rating list in options (here a custom
// list "in CRED-1's format" on a local server, which the test writes itself), the background
// downloads it, and a post's link to a rated domain gets a chip in the card. A list that cannot
// be downloaded leaves notes without chips, and options says so.

const STATUS_URL = 'https://mastodon.social/@mayachen/117687656200409703';
/** The post in the fixture links to https://stats.health.example.org/…, rated here by its parent. */
const LIST = {
  'health.example.org': { c: 'c', s: 0.1, n: 2 },
  'elsewhere.example': { c: 'r', s: 0.9, n: 1 },
};

let lists: TestServer;
test.beforeAll(async () => {
  lists = await startTestServer({
    '/ratings.json': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(JSON.stringify(LIST)),
    '/corrupt.json': (_req, res) => res.writeHead(200).end('{"health.example.org": {"s": 0.1'),
  });
});
test.afterAll(() => lists.close());

test.beforeEach(async ({ context, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  // Ratings of the post's own links need no page to be fetched.
  await configureEvidence(serviceWorker, { links: false, wikipedia: false });
  await routeFixture(context, STATUS_URL, 'mastodon/status.html');
});

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

/** Options: the list's address, then the switch (no prompt: the test server's host is granted), then Save. */
async function subscribe(options: Page, listUrl: string): Promise<void> {
  const evidence = options.getByRole('region', { name: 'Evidence sources' });
  await evidence.getByLabel('Rating list address').fill(listUrl);
  const ratings = evidence.getByRole('switch', { name: 'Source ratings' });
  await expect(ratings).not.toBeChecked();
  await ratings.click();
  await expect(ratings).toBeChecked();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

async function openPostCard(page: Page): Promise<void> {
  await page.goto(STATUS_URL);
  const post = page.locator('[data-footnote-post]').filter({ hasText: 'Adjusted for age' });
  await post.getByRole('button', { name: /^Footnote/ }).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
}

test('a subscribed list rates the post’s link: the card shows the chip and credits the list', async ({
  context,
  extensionId,
  page,
}) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await subscribe(options, `${lists.url}/ratings.json`);
  const host = new URL(lists.url).host;
  await expect(options.getByRole('status').filter({ hasText: `${host}: 2 domains rated` })).toBeVisible();
  expect(lists.requests.map((r) => r.path)).toEqual(['/ratings.json']);
  expect(lists.requests[0]!.headers.cookie).toBeUndefined();

  await openPostCard(page);
  const rated = card(page).getByRole('listitem').filter({ hasText: 'stats.health.example.org' });
  const chip = rated.locator('.rating-chip');
  await expect(chip).toContainText('Low reliability');
  // Where the rating comes from: the tooltip, and the same words for screen readers.
  await expect(chip).toHaveAttribute(
    'title',
    new RegExp(`^Score 0\\.1 of 1 for health\\.example\\.org in the rating list ${host.replace('.', '\\.')}`),
  );
  await expect(chip).toContainText('Category: conspiracy.');
  await expect(card(page).getByText(`Source ratings: ${host}, the list you chose.`)).toBeVisible();
  // The post's link is shown as text: the card links only pages Footnote fetched.
  await expect(card(page).getByRole('link', { name: /health\.example\.org/ })).toHaveCount(0);
  await card(page).screenshot({ path: test.info().outputPath('card-with-rated-link.png') });
});

test('a list that is not in CRED-1’s format: options says so, and notes come without chips', async ({
  context,
  extensionId,
  page,
}) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await subscribe(options, `${lists.url}/corrupt.json`);
  await expect(options.getByRole('alert')).toContainText(
    "The list is not in CRED-1's format: " + `${lists.url}/corrupt.json is not JSON.`,
  );
  await expect(options.getByRole('alert')).toContainText(
    'Until a download works, notes are written without ratings.',
  );

  await openPostCard(page);
  await expect(card(page).getByText('Links in this post:')).toHaveCount(0);
  await expect(card(page).locator('.rating-chip')).toHaveCount(0);
});

test('switching on with CRED-1 asks for its host in the click; refused, it stays off and says so', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  // A headless browser cannot answer the prompt: answer "no" for the reader, recording what was asked.
  await options.addInitScript(() => {
    const asked: unknown[] = [];
    (window as unknown as { asked: unknown[] }).asked = asked;
    chrome.permissions.request = ((permissions: unknown, callback?: (granted: boolean) => void) => {
      asked.push(permissions);
      if (callback) setTimeout(() => callback(false), 0);
      else return Promise.resolve(false);
    }) as typeof chrome.permissions.request;
  });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const evidence = options.getByRole('region', { name: 'Evidence sources' });
  await expect(evidence.getByRole('link', { name: 'CC BY 4.0' })).toHaveAttribute(
    'href',
    'https://creativecommons.org/licenses/by/4.0/',
  );
  const ratings = evidence.getByRole('switch', { name: 'Source ratings' });
  await ratings.click();
  await expect(evidence.getByRole('alert')).toHaveText(
    'Footnote was not allowed to download the list from CRED-1, so Source ratings stays off.',
  );
  await expect(ratings).not.toBeChecked();
  expect(await options.evaluate(() => (window as unknown as { asked: unknown[] }).asked)).toEqual([
    { origins: ['https://raw.githubusercontent.com/*'] },
  ]);
});
