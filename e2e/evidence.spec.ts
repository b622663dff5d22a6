import type { Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../test-support/test-http-server';
import {
  configureEvidence,
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  routeFixture,
  test,
  withGrantedHosts,
} from './fixtures';
import { expectOnlyTheControlRan, installProbe } from './probe';
import { PAYLOADS } from './payloads';

// Evidence end to end (issue #5): the post's link is fetched by the background (through a
// redirect, to a page a local server writes), given to the model as E1, and the card links
// exactly the page that was fetched. A model citing an unknown ID or writing its own URL gets no link.

const STATUS_URL = 'https://mastodon.social/@mayachen/117687656200409703';
/** The link in the fixture post; the route below redirects it to the local article. */
const POST_LINK = 'https://stats.health.example.org/tables/admissions-by-age-2026-q3.csv';
/**
 * The local article server under a public name that Chromium resolves to 127.0.0.1: a redirect
 * to 127.0.0.1 itself would be one into the reader's own network, which Footnote refuses
 * (redirect-guard.spec.ts), and a redirect to a routed URL never reaches its route.
 */
const ARTICLE_HOST = 'articles.health.example';
test.use({ launch: { args: [`--host-resolver-rules=MAP ${ARTICLE_HOST} 127.0.0.1`] } });
const ARTICLE_TEXT = 'Age-adjusted admissions rose 8% in the third quarter, not 40%.';

/** A hostile evidence page: payloads in its title, site name and text (issue #7). */
const HOSTILE = PAYLOADS.filter((payload) => payload.executes && payload.kind !== 'long').slice(0, 12);
const attribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

let articles: TestServer;
/** The article server's address under its public name. */
let articlesUrl = '';
/** Where the post's link redirects to, per test. */
let articlePath = '/admissions';
test.beforeAll(async () => {
  articles = await startTestServer({
    '/hostile': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html><head><title>${attribute(HOSTILE.map((p) => p.text).join(' '))}</title>
        <meta property="og:site_name" content="${attribute(HOSTILE[0]!.text)}"></head>
        <body><article><p>${HOSTILE.map((p) => p.text).join('</p><p>')}</p></article></body></html>`,
      ),
    '/admissions': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html><head><title>Hospital admissions by age, Q3 2026</title>
        <meta property="og:site_name" content="Health Statistics Office"></head>
        <body><article><h1>Hospital admissions by age, Q3 2026</h1>
        <p>${ARTICLE_TEXT} The crude figure compares groups of different ages.</p>
        <script>document.title = 'pwned'</script></article></body></html>`,
      ),
  });
  articlesUrl = `http://${ARTICLE_HOST}:${new URL(articles.url).port}`;
});
test.afterAll(() => articles.close());

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

async function openLinkedPostCard(page: Page): Promise<void> {
  await openStatus(page);
  const post = page.locator('[data-footnote-post]').filter({ hasText: 'Adjusted for age' });
  await post.getByRole('button', { name: /^Footnote/ }).click();
}

test.beforeEach(async ({ context, serviceWorker, modelServer }) => {
  articlePath = '/admissions';
  await configureModelServer(serviceWorker, modelServer);
  await configureEvidence(serviceWorker, { links: true, wikipedia: false });
  await context.route(POST_LINK, (route) =>
    route.fulfill({ status: 302, headers: { location: `${articlesUrl}${articlePath}` } }),
  );
  await routeFixture(context, STATUS_URL, 'mastodon/status.html');
});

async function openStatus(page: Page): Promise<void> {
  await page.addInitScript(installProbe);
  await page.goto(STATUS_URL);
}

test.describe('with permission to read linked pages', () => {
  // The state after the user allowed it (a headless browser cannot click the permission prompt).
  test.use({
    extensionDir: withGrantedHosts(['https://stats.health.example.org/*', `http://${ARTICLE_HOST}/*`]),
  });

  test('the note cites E1 and the card links exactly the page the background fetched', async ({
    page,
    modelServer,
  }) => {
    const cited = {
      ...DEFAULT_NOTE,
      claims: DEFAULT_NOTE.claims.map((claim) => ({ ...claim, basis: 'evidence', citations: ['E1'] })),
    };
    modelServer.enqueue({ kind: 'note', note: cited });
    await openLinkedPostCard(page);
    await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();

    // The model was given the page's readable text (not its script) as evidence E1.
    const user = lastUserMessage(modelServer.completionRequests()[0]!);
    expect(user).toMatch(/Evidence E1 \(a page the post links to\):\n<<<DATA:[0-9a-f]{24}\n/);
    expect(user).toContain(ARTICLE_TEXT);
    expect(user).not.toContain('pwned');

    const fetched = `${articlesUrl}/admissions`;
    const source = card(page).getByRole('link', { name: 'Hospital admissions by age, Q3 2026', exact: true });
    await expect(source).toHaveAttribute('href', fetched);
    await expect(source).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(card(page).getByText('Health Statistics Office', { exact: true })).toBeVisible();
    const citation = card(page)
      .getByRole('link', { name: /^Source E1:/ })
      .first();
    await expect(citation).toHaveAttribute('href', fetched);
    // Every link in the card is one the background fetched.
    const hrefs = await card(page)
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(1);
    expect(new Set(hrefs)).toEqual(new Set([fetched]));
    await card(page).screenshot({ path: test.info().outputPath('card-with-sources.png') });
  });

  test("a verdict grounded in the fetched page shows the page's words; an invented span is dropped", async ({
    page,
    modelServer,
  }) => {
    const [claim] = DEFAULT_NOTE.claims;
    const grounded = {
      ...DEFAULT_NOTE,
      claims: [
        {
          ...claim!,
          claim: 'Admissions rose 40%.',
          verdict: 'refuted',
          confidence: 0.9,
          basis: 'evidence',
          citations: ['E1'],
          // Curly quotes and odd spacing: still the page's words.
          support: [{ evidence: 'E1', text: '“Age-adjusted admissions  rose 8% in the third quarter”' }],
        },
        {
          ...claim!,
          claim: 'Admissions doubled among children.',
          verdict: 'refuted',
          confidence: 0.4,
          basis: 'evidence',
          citations: ['E1'],
          support: [{ evidence: 'E1', text: 'Admissions among children fell by half.' }],
        },
      ],
    };
    modelServer.enqueue({ kind: 'note', note: grounded });
    await openLinkedPostCard(page);
    const first = card(page).locator('li.claim').filter({ hasText: 'Admissions rose 40%.' });
    await expect(
      first.getByRole('link', { name: /^Source E1:/ }).filter({ hasText: 'E1 says:' }),
    ).toBeVisible();
    await expect(first.getByText('Age-adjusted admissions rose 8% in the third quarter')).toBeVisible();
    // The second span is not in the page: no quote, and a weak refutation from the model's own
    // knowledge is not shown as one.
    const second = card(page).locator('li.claim').filter({ hasText: 'Admissions doubled among children.' });
    await expect(second.getByText('E1 says:')).toHaveCount(0);
    await expect(second.getByText('Unverifiable', { exact: true })).toBeVisible();
  });

  test('a citation of an unknown ID or a URL the model wrote becomes no link', async ({
    page,
    modelServer,
  }) => {
    const invented = {
      ...DEFAULT_NOTE,
      note: 'See https://invented.example/proof for details.',
      claims: DEFAULT_NOTE.claims.map((claim) => ({
        ...claim,
        basis: 'evidence',
        citations: ['E7', 'https://invented.example/proof', 'javascript:alert(1)'],
      })),
    };
    modelServer.enqueue({ kind: 'note', note: invented });
    await openLinkedPostCard(page);
    await expect(card(page).getByText('See https://invented.example/proof for details.')).toBeVisible();
    const hrefs = await card(page)
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([`${articlesUrl}/admissions`]); // the sources list only
    await expect(card(page).getByRole('link', { name: /^Source E7/ })).toHaveCount(0);
  });

  test('a hostile evidence page is shown as text: nothing runs, no other link appears', async ({
    page,
    modelServer,
  }) => {
    articlePath = '/hostile';
    modelServer.enqueue({
      kind: 'note',
      note: {
        ...DEFAULT_NOTE,
        claims: DEFAULT_NOTE.claims.map((c) => ({ ...c, basis: 'evidence', citations: ['E1'] })),
      },
    });
    await openLinkedPostCard(page);
    await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
    const source = card(page).getByRole('listitem').filter({ hasText: 'E1' }).last();
    await expect(source).toContainText('<img src=x onerror');
    await source.hover();
    await card(page).getByText('Why this verdict?').click();
    await expectOnlyTheControlRan(page);
    const hrefs = await card(page)
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs)).toEqual(new Set([`${articlesUrl}/hostile`]));
    // What the model got is inside its data block, with no markup a browser would run.
    const user = lastUserMessage(modelServer.completionRequests()[0]!);
    expect(user).toContain('Evidence E1');
    expect(user).not.toContain('<script');
  });
});

test('without permission to read linked pages, the card says so and offers options', async ({
  page,
  modelServer,
}) => {
  await openLinkedPostCard(page);
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expect(card(page).getByText(/Linked pages: not read/)).toBeVisible();
  await expect(card(page).getByRole('button', { name: 'Open options' })).toBeVisible();
  expect(lastUserMessage(modelServer.completionRequests()[0]!)).not.toContain('Evidence E1');
});
