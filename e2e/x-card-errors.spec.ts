import type { Page } from '@playwright/test';
import {
  configureModelServer,
  configureProvider,
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  expect,
  patchProviderSettings,
  routeFixture,
  stopServiceWorker,
  test,
  type Behaviour,
  type ModelServer,
} from './fixtures';
import { X_HOME_URL as HOME } from './x-home';

// Every failure of docs/ARCHITECTURE.md, Failures that the skeleton covers shows a specific message and an
// action in the card (role="alert"), never an endless spinner; and the action works.

const KEY = 'x:2126243242333455973';

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });
const alert = (page: Page) => card(page).getByRole('alert');

async function openCard(page: Page): Promise<void> {
  await page
    .locator(`[data-footnote-post="${KEY}"]`)
    .getByRole('button', { name: /^Footnote/ })
    .click();
  await expect(card(page)).toBeVisible();
}

test.beforeEach(async ({ context, page }) => {
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
});

test('no provider set: says so and offers the options page', async ({ context, page }) => {
  await openCard(page);
  await expect(alert(page)).toContainText('No AI provider is set up yet.');
  const optionsOpened = context.waitForEvent('page');
  await alert(page).getByRole('button', { name: 'Open options' }).click();
  expect((await optionsOpened).url()).toMatch(/^chrome-extension:\/\/[a-z]+\/options\.html/);
});

interface HttpCase {
  name: string;
  behaviours: Behaviour[];
  title: string;
  detail: RegExp;
  action: 'Open options' | 'Retry';
}

const HTTP_CASES: HttpCase[] = [
  {
    name: '401 wrong key',
    behaviours: [{ kind: 'error', status: 401 }],
    title: 'The provider rejected the API key.',
    detail: /rejected the API key \(401\).*Incorrect API key provided/,
    action: 'Open options',
  },
  {
    name: '403 refused',
    behaviours: [{ kind: 'error', status: 403 }],
    title: 'The provider refused access.',
    detail: /refused access \(403\)/,
    action: 'Open options',
  },
  {
    name: '404 model',
    behaviours: [{ kind: 'error', status: 404 }],
    title: 'The model was not found at this provider.',
    detail: new RegExp(`Model "${DEFAULT_MODEL}" was not found .*\\(404\\)`),
    action: 'Open options',
  },
  {
    name: '429 rate limit (after one automatic retry)',
    behaviours: [
      { kind: 'error', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'error', status: 429, headers: { 'retry-after': '0' } },
    ],
    title: 'The provider is rate-limiting requests.',
    detail: /rate-limiting requests \(429\)/,
    action: 'Retry',
  },
  {
    name: '5xx server error (after one automatic retry)',
    behaviours: [
      { kind: 'error', status: 500 },
      { kind: 'error', status: 502 },
    ],
    title: 'The provider had a server error.',
    detail: /server error \(502\)/,
    action: 'Retry',
  },
  {
    // Invalid once is repaired (one repair request); invalid twice is an error.
    name: 'malformed model JSON, twice',
    behaviours: [
      { kind: 'note', note: '{"summary": "Half a note", "classification": "fals' },
      { kind: 'note', note: '{"summary": "Still half", "classification": ' },
    ],
    title: "The model's answer could not be read.",
    detail: /gave an invalid answer twice \(not valid JSON/,
    action: 'Retry',
  },
];

for (const c of HTTP_CASES) {
  test(`${c.name}: specific message and action`, async ({ page, serviceWorker, modelServer }) => {
    await configureModelServer(serviceWorker, modelServer);
    modelServer.enqueue(...c.behaviours);
    await openCard(page);
    await expect(alert(page)).toContainText(c.title);
    await expect(alert(page)).toContainText(c.detail);
    await expect(alert(page).getByRole('button', { name: c.action })).toBeVisible();
    await expect(card(page)).toHaveAttribute('aria-busy', 'false');
    if (c.action === 'Retry') await retryShowsTheNote(page, modelServer);
  });
}

async function retryShowsTheNote(page: Page, modelServer: ModelServer): Promise<void> {
  await alert(page).getByRole('button', { name: 'Retry' }).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expect(alert(page)).toHaveCount(0);
  expect(modelServer.completionRequests().length).toBeGreaterThan(1);
}

test('network failure: names the URL and offers a retry', async ({ page, serviceWorker }) => {
  // Port 9 (discard) has nothing listening here: the connection is refused.
  await configureProvider(serviceWorker, {
    baseUrl: 'http://127.0.0.1:9/v1',
    model: DEFAULT_MODEL,
    apiKey: DEFAULT_API_KEY,
  });
  await openCard(page);
  await expect(alert(page)).toContainText('Could not reach the provider.');
  await expect(alert(page)).toContainText('http://127.0.0.1:9/v1');
  await expect(alert(page).getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('timeout: a provider that never answers fails in time, and retry works', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await patchProviderSettings(serviceWorker, { timeoutSeconds: 1 });
  modelServer.enqueue({ kind: 'stall' });
  await openCard(page);
  await expect(alert(page)).toContainText('The provider took too long to answer.', { timeout: 10_000 });
  await retryShowsTheNote(page, modelServer);
});

test('a stream that stalls mid-note times out instead of spinning', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await patchProviderSettings(serviceWorker, { timeoutSeconds: 1 });
  modelServer.enqueue({ kind: 'stall-after', chars: 40 });
  await openCard(page);
  await expect(alert(page)).toContainText('The provider took too long to answer.', { timeout: 10_000 });
});

test('a stream cut mid-JSON is reported, and retry works', async ({ page, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'cut', afterChars: 60 });
  await openCard(page);
  await expect(alert(page)).toContainText('Could not reach the provider.');
  await expect(alert(page)).toContainText('broke while the note was being written');
  await retryShowsTheNote(page, modelServer);
});

test('the service worker stopped mid-stream: the card offers a retry, which works', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'stall-after', chars: 40 });
  await openCard(page);
  await modelServer.waitForCompletionRequests(1);
  await stopServiceWorker(context);
  await expect(alert(page)).toContainText('background worker stopped before the note was finished');
  await retryShowsTheNote(page, modelServer);
});
