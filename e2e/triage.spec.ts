import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import {
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  openPopup,
  routeFixture,
  test,
  type Behaviour,
} from './fixtures';
import { TRIAGE_DWELL_MS } from '../entrypoints/content/triage-queue';
import { afterPageTimers, expectFootnoteRunning } from './running';
import {
  answerTriage,
  BATCH_WAIT_MS,
  FLAGGED_NAMES,
  isTriage,
  MISLEADING_REASON,
  postBlocks,
  refsOf,
  SWITCH_NAME,
  switchTriageOn,
} from './triage-model';
import { badge, card } from './x-card';
import { X_HOME_POSTS, X_HOME_URL } from './x-home';

/**
 * Feed triage in real Chromium, against the local model server: off, scrolling sends nothing;
 * on, the posts the reader stays on go in batches, and the flagged ones get a badge that says
 * why (docs/ARCHITECTURE.md, Stable hooks: its name starts with "Footnote", then the reason).
 */

const MASTODON_URL = 'https://mastodon.social/home';
/** Marked posts at least partly in the viewport, in page order (what triage sees as in view). */
function postsInView(page: Page): Promise<string[]> {
  return page.locator('[data-footnote-post]').evaluateAll((roots) =>
    roots
      .filter((root) => {
        const rect = root.getBoundingClientRect();
        return rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight;
      })
      .map((root) => root.getAttribute('data-footnote-post')!),
  );
}

/** The X home fixture, Footnote running on it, the pointer resting away from the posts. */
async function openXHome(context: BrowserContext, page: Page): Promise<void> {
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
  await expectFootnoteRunning(page, 'x');
  await page.mouse.move(5, 5);
}

async function scrollThrough(page: Page): Promise<void> {
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 600);
  await page.evaluate(() => window.scrollTo(0, 0));
}

test.beforeEach(async ({ serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  answerTriage(modelServer);
});

test('off (the default): scrolling the timeline sends nothing to the model', async ({
  context,
  page,
  modelServer,
}) => {
  await openXHome(context, page);
  await scrollThrough(page);
  await afterPageTimers(page, BATCH_WAIT_MS);
  expect(modelServer.completionRequests()).toEqual([]);
  await expect(page.locator('button.footnote-badge[data-flag]')).toHaveCount(0);
});

test('switched on in the popup: one batch for the posts in view, flagged badges say why, the card starts from the quick check', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await openXHome(context, page);

  const popup = await openPopup(context, serviceWorker);
  const triageSwitch = popup.getByRole('switch', { name: SWITCH_NAME });
  await expect(triageSwitch).not.toBeChecked();
  await expect(popup.getByText(/in batches of 20, to your model/)).toBeVisible();
  await expect(
    popup.getByText(/About [\d,]+ tokens per 100 posts with your model \(an estimate\)/),
  ).toBeVisible();
  await triageSwitch.check();
  expect(await serviceWorker.evaluate(() => chrome.storage.local.get('triageSites'))).toEqual({
    triageSites: ['x'],
  });

  // The page follows at once: the posts in view for a second go in one request.
  const [request] = await modelServer.waitForCompletionRequests(1, 15_000);
  const inView = await postsInView(page);
  expect(isTriage(request!)).toBe(true);
  expect(refsOf(request!)).toHaveLength(inView.length);
  const [first, second, ...rest] = inView;
  await expect(badge(page, first!)).toHaveAccessibleName(FLAGGED_NAMES[0]!);
  await expect(badge(page, second!)).toHaveAccessibleName(FLAGGED_NAMES[1]!);
  await expect(badge(page, first!)).toHaveText('!');
  for (const key of rest) await expect(badge(page, key)).toHaveAccessibleName(/^Footnote: show context/);
  await afterPageTimers(page, BATCH_WAIT_MS);
  expect(modelServer.completionRequests()).toHaveLength(1);

  // The popup lists them as flagged, and today's triage use.
  await expect(popup.getByRole('radio', { name: /Flagged/ })).toHaveAccessibleName(/2/);
  await expect(popup.getByText(/Quick check: may be misleading/)).toBeVisible();
  await popup.close();
  const again = await openPopup(context, serviceWorker);
  await expect(again.getByRole('switch', { name: SWITCH_NAME })).toBeChecked();
  await expect(again.getByText(/Checked as you scrolled today: \d+ posts, [\d,]+ tokens/)).toBeVisible();
  await again.close();

  // Hover opens the card: the quick check first, then the full note.
  modelServer.enqueue({ kind: 'note', note: DEFAULT_NOTE, chunkSize: 6, chunkDelayMs: 60 });
  await badge(page, first!).hover();
  await expect(card(page).getByText('Quick check')).toBeVisible();
  await expect(card(page).getByText(MISLEADING_REASON)).toBeVisible();
  await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();
  await expect(card(page).getByText('Quick check')).toHaveCount(0);
});

test('batches only, and no post asked twice: scrolling on and back, and across a reload', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  test.setTimeout(90_000); // a second on each post, two batches, a reload
  await switchTriageOn(serviceWorker, 'x');
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
  await modelServer.waitForCompletionRequests(1, 15_000);
  // Every post, a second in view each, then back to the top.
  for (const key of X_HOME_POSTS) {
    await page.locator(`[data-footnote-post="${key}"]`).scrollIntoViewIfNeeded();
    await afterPageTimers(page, TRIAGE_DWELL_MS + 200);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await afterPageTimers(page, BATCH_WAIT_MS);

  const requests = modelServer.completionRequests();
  expect(requests.every(isTriage)).toBe(true);
  const asked = requests.flatMap(postBlocks);
  expect(asked).toHaveLength(X_HOME_POSTS.length);
  expect(new Set(asked).size).toBe(asked.length);

  // The background keeps the verdicts: after a reload, the flags come back with no model call.
  const flagged = await page.locator('button.footnote-badge[data-flag]').count();
  expect(flagged).toBeGreaterThanOrEqual(2);
  await page.reload();
  await expectFootnoteRunning(page, 'x');
  await expect(page.locator('button.footnote-badge[data-flag]').first()).toBeVisible({ timeout: 15_000 });
  await afterPageTimers(page, BATCH_WAIT_MS);
  expect(modelServer.completionRequests()).toHaveLength(requests.length);
});

test('Mastodon: the posts in view are triaged and the flagged ones say why', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await switchTriageOn(serviceWorker, 'mastodon');
  await routeFixture(context, MASTODON_URL, 'mastodon/home.html');
  await page.goto(MASTODON_URL);
  const [request] = await modelServer.waitForCompletionRequests(1, 15_000);
  expect(isTriage(request!)).toBe(true);
  const [first, second] = await postsInView(page);
  expect(refsOf(request!).length).toBeGreaterThanOrEqual(2);
  await expect(badge(page, first!)).toHaveAccessibleName(FLAGGED_NAMES[0]!);
  await expect(badge(page, second!)).toHaveAccessibleName(FLAGGED_NAMES[1]!);
});

test('a rate limit pauses triage and the popup says why; the card still works', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  // Every triage call is refused (the background's one retry too); notes are written as usual.
  modelServer.setDefault((request): Behaviour =>
    isTriage(request)
      ? { kind: 'error', status: 429, message: 'Rate limit reached.', headers: { 'retry-after': '1' } }
      : { kind: 'note', note: DEFAULT_NOTE },
  );
  await switchTriageOn(serviceWorker, 'x');
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
  await modelServer.waitForCompletionRequests(1, 15_000);

  const popup = await openPopup(context, serviceWorker);
  await expect(popup.getByRole('alert')).toContainText('Checking posts as you scroll is paused.');
  await expect(popup.getByRole('alert')).toContainText('rate-limiting');
  await popup.close();

  const requests = modelServer.completionRequests().length;
  await badge(page, X_HOME_POSTS[0]!).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(requests + 1);
});

test('options: a triage switch per site, with what it sends and costs; open pages follow at once', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
  await expectFootnoteRunning(page, 'x');
  const options = await openExtensionPage(context, extensionId, 'options.html');
  const sites = options.getByRole('region', { name: 'Sites' });
  await expect(sites.getByText(/in batches of 20, to your model/)).toBeVisible();
  const triageX = sites.getByRole('switch', { name: 'Check posts on X (Twitter) as I scroll' });
  await expect(triageX).not.toBeChecked();
  await triageX.click();
  await expect(sites.getByRole('status')).toHaveText('Saved. Open pages follow the change at once.');
  expect(await serviceWorker.evaluate(() => chrome.storage.local.get('triageSites'))).toEqual({
    triageSites: ['x'],
  });
  await page.bringToFront();
  const [request] = await modelServer.waitForCompletionRequests(1, 15_000);
  expect(isTriage(request!)).toBe(true);
});

/** X's page backgrounds (it sets them on <body>). */
const BACKGROUNDS = { light: 'rgb(255, 255, 255)', dark: 'rgb(0, 0, 0)' } as const;
for (const theme of ['light', 'dark'] as const) {
  test(`flagged badges have no axe violations on X's ${theme} theme`, async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    await switchTriageOn(serviceWorker, 'x');
    await routeFixture(context, X_HOME_URL, 'x/home.html');
    await page.goto(X_HOME_URL);
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((bg) => (document.body.style.backgroundColor = bg), BACKGROUNDS[theme]);
    await modelServer.waitForCompletionRequests(1, 15_000);
    const flagged = page.locator('button.footnote-badge[data-flag]');
    await expect(flagged).toHaveCount(2);
    const results = await new AxeBuilder({ page }).include('button.footnote-badge[data-flag]').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    expect([...results.passes, ...results.incomplete].some((r) => r.nodes.length > 0)).toBe(true);
  });
}
