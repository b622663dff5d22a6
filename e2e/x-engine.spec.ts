import type { Page } from '@playwright/test';
import {
  configureModelServer,
  DEFAULT_NOTE,
  dispatchCommand,
  expect,
  lastUserMessage,
  openPopup,
  routeFixture,
  stopServiceWorker,
  getServiceWorker,
  test,
} from './fixtures';
import { X_HOME_URL as HOME } from './x-home';

const KEY = 'x:2126225507567988089';

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });
const badge = (page: Page) =>
  page.locator(`[data-footnote-post="${KEY}"]`).getByRole('button', { name: /^Footnote/ });

test.beforeEach(async ({ context, page, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
});

test('a note survives a service-worker restart and a reload: reopened from the cache, no new call', async ({
  context,
  page,
  modelServer,
}) => {
  await badge(page).click();
  await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();
  await stopServiceWorker(context);
  await page.reload();
  await badge(page).click();
  await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();
  await expect(card(page).getByText('From cache')).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);
  await getServiceWorker(context); // the port woke a fresh worker
});

test('closing the card before any text arrived cancels the call; opening again asks again', async ({
  page,
  modelServer,
}) => {
  modelServer.enqueue({ kind: 'stall' });
  await badge(page).hover();
  await expect(card(page)).toBeVisible();
  await modelServer.waitForCompletionRequests(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => modelServer.completionRequests()[0]?.outcome).toBe('client-closed');

  await badge(page).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(2);
});

test('closing the card while text streams lets the note finish for next time', async ({
  page,
  modelServer,
}) => {
  modelServer.enqueue({ kind: 'note', note: DEFAULT_NOTE, chunkSize: 8, chunkDelayMs: 40 });
  await badge(page).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary.slice(0, 10), { exact: false })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect
    .poll(() => modelServer.completionRequests()[0]?.outcome, { timeout: 10_000 })
    .toBe('completed');
  await expect(badge(page)).toHaveAttribute('data-state', 'done');
  await badge(page).click();
  await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('summarize-visible fills the visible posts’ badges from one request, and the popup shows the digest', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  modelServer.setDefault((request) => {
    const refs = [...lastUserMessage(request).matchAll(/^ref: (P\d+)$/gm)].map((m) => m[1]!);
    return {
      kind: 'note',
      note: {
        notes: refs.map((ref) => ({ post: ref, ...DEFAULT_NOTE, summary: `Batch note ${ref}` })),
        digest: 'A calm feed.',
      },
    };
  });
  await dispatchCommand(serviceWorker, 'summarize-visible');
  await modelServer.waitForCompletionRequests(1);
  const visible = await page.locator('[data-footnote-post]').evaluateAll(
    (roots) =>
      roots.filter((r) => {
        const rect = r.getBoundingClientRect();
        return rect.bottom > 0 && rect.top < window.innerHeight;
      }).length,
  );
  expect(visible).toBeGreaterThan(1);
  const done = page.locator('[data-footnote-post] button.footnote-badge[data-state="done"]');
  await expect(done).toHaveCount(visible);
  expect(modelServer.completionRequests()).toHaveLength(1);

  await done.first().click();
  await expect(card(page).getByText('Batch note P1')).toBeVisible();

  const popup = await openPopup(context, serviceWorker);
  await expect(popup.getByText('A calm feed.')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Summarize visible posts' })).toBeVisible();
});
