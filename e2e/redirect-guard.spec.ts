import type { Page } from '@playwright/test';
import {
  configureEvidence,
  DEFAULT_API_KEY,
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  routeFixture,
  test,
  waitForEndpointAllowed,
  withGrantedHosts,
} from './fixtures';

// A public page that redirects into the reader's own machine or network is not followed
// (utils/background/private-network-guard.ts): the browser blocks the hop, the note is still
// written, and the model endpoint on 127.0.0.1, which is on that network too, keeps working.

const STATUS_URL = 'https://mastodon.social/@mayachen/117687656200409703';
/** The link in the fixture post, at a public hostname: the route below answers it with a 302. */
const POST_LINK = 'https://stats.health.example.org/tables/admissions-by-age-2026-q3.csv';
/** Where the redirect points: the model server's own address, outside its API. */
const PRIVATE_PATH = '/router/admin';

// The state after the reader allowed reading linked pages (a headless browser cannot click the
// permission prompt): host access everywhere, as the option asks (ALL_SITES in
// entrypoints/options/evidence-logic.ts).
test.use({ extensionDir: withGrantedHosts(['https://*/*', 'http://*/*']) });

test.beforeEach(async ({ context, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  await configureEvidence(serviceWorker, { links: true, wikipedia: false });
  await routeFixture(context, STATUS_URL, 'mastodon/status.html');
});

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });
const privateHits = (paths: readonly { path: string }[]) => paths.filter((r) => r.path === PRIVATE_PATH);

test("a linked page that redirects into the reader's network is not followed; the note is written", async ({
  context,
  page,
  modelServer,
}) => {
  const privateUrl = `${new URL(modelServer.baseUrl).origin}${PRIVATE_PATH}`;
  let redirects = 0;
  await context.route(POST_LINK, (route) => {
    redirects += 1;
    return route.fulfill({ status: 302, headers: { location: privateUrl } });
  });

  await page.goto(STATUS_URL);
  const post = page.locator('[data-footnote-post]').filter({ hasText: 'Adjusted for age' });
  await post.getByRole('button', { name: /^Footnote/ }).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();

  // The public page did answer with its redirect; the hop it asked for never left the browser.
  expect(redirects).toBe(1);
  expect(privateHits(modelServer.requests)).toEqual([]);
  // The model got no evidence from it, and the reader is told the link could not be read.
  const [request] = modelServer.completionRequests();
  expect(lastUserMessage(request!)).not.toContain('Evidence E1');
  await expect(card(page).getByText(/could not be reached this time/)).toBeVisible();
});

test('the configured model endpoint stays reachable; the same server outside it does not', async ({
  serviceWorker,
  modelServer,
}) => {
  // Saving the provider set its allow rule (the block rules are there from the start).
  await waitForEndpointAllowed(serviceWorker, modelServer);

  const get = (url: string) =>
    serviceWorker.evaluate(
      async ({ target, key }) => {
        try {
          return (await fetch(target, { headers: { authorization: `Bearer ${key}` } })).status;
        } catch (err) {
          return String(err);
        }
      },
      { target: url, key: DEFAULT_API_KEY },
    );
  // "Test connection" lists models with a GET: allowed under the endpoint's base URL.
  expect(await get(`${modelServer.baseUrl}/models`)).toBe(200);
  expect(await get(`${new URL(modelServer.baseUrl).origin}${PRIVATE_PATH}`)).toBe(
    'TypeError: Failed to fetch',
  );
  expect(privateHits(modelServer.requests)).toEqual([]);
  expect(modelServer.requests.filter((r) => r.path === '/v1/models')).toHaveLength(1);
});

test('why the browser checks each hop: a worker cannot read a redirect itself', async ({
  context,
  serviceWorker,
}) => {
  await context.route(POST_LINK, (route) =>
    route.fulfill({ status: 302, headers: { location: 'https://elsewhere.example.org/' } }),
  );
  const manual = await serviceWorker.evaluate(async (url) => {
    const response = await fetch(url, { redirect: 'manual' });
    return { type: response.type, status: response.status, location: response.headers.get('location') };
  }, POST_LINK);
  // An opaque redirect: no status, no Location, so no hop Footnote could check before taking it.
  expect(manual).toEqual({ type: 'opaqueredirect', status: 0, location: null });
});
