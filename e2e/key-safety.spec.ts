/**
 * Issue 7, "the key stays home" (SECURITY.md §2), in real Chromium with the local model server.
 * A distinctive canary key is configured; after notes and errors the tests look for it, or any
 * part of it, everywhere a page or a content script could see it:
 *  - every message the content script receives (recorded inside its own isolated world, over
 *    CDP: see WorldProbe.recordContentScriptMessages);
 *  - the page's DOM, every open shadow root (the card's) included, form values and web storage;
 *  - the console of every world of the tab and of the service worker;
 *  - what the content script's world can read through chrome.storage.local/sync/session and its
 *    IndexedDB (options.spec.ts checks chrome.storage from the worker's side; this reads it from
 *    where a hostile page's neighbour, the content script, actually runs);
 *  - every request the browser makes: the key only in the Authorization header to the endpoint.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import {
  configureProvider,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  openPopup,
  routeFixture,
  test,
  type ModelServer,
} from './fixtures';
import { X_HOME_POSTS, X_HOME_URL as HOME } from './x-home';
import { card, cardAlert, closeCard, expectSettled, openCard } from './x-card';
import {
  collectWorkerConsole,
  openShadowRootCount,
  pageReadableText,
  recordBrowserRequests,
  WorldProbe,
} from './world-probe';

const KEY = 'sk-test-KEYCANARY-123';
/** Searched for instead of the whole key, so that partial echoes ("sk-test-KEYCANARY-***") count too. */
const CANARY = 'KEYCANARY';

/** A post whose text has a link (t.co), the kind evidence gathering would fetch. */
const LINKED_POST = X_HOME_POSTS[0]!;

test.describe.configure({ timeout: 90_000 });

/** The endpoint accepts only the canary key, and the extension is set up with it. */
async function configureCanaryKey(serviceWorker: Worker, modelServer: ModelServer): Promise<void> {
  modelServer.setApiKeys([KEY]);
  await configureProvider(serviceWorker, { baseUrl: modelServer.baseUrl, model: DEFAULT_MODEL, apiKey: KEY });
}

/**
 * Opens the X home fixture with a WorldProbe attached, and records every message the content
 * script receives from then on.
 */
async function openHomeRecordingMessages(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<WorldProbe> {
  await routeFixture(context, HOME, 'x/home.html');
  const probe = await WorldProbe.attach(page, extensionId);
  await page.goto(HOME);
  await expect.poll(() => probe.contentScriptContextId()).not.toBeNull();
  await probe.recordContentScriptMessages();
  return probe;
}

/** Opens the post's card and waits for it to settle (a note or an error). */
async function showCard(page: Page, key: string, expected: string): Promise<void> {
  await openCard(page, key);
  await expect(card(page)).toContainText(expected, { timeout: 15_000 });
  await expectSettled(page);
  await closeCard(page);
}

test('notes and errors: the key is in no message to the content script, not in the page (shadow roots included), not in any console', async ({
  context,
  page,
  serviceWorker,
  modelServer,
  extensionId,
}) => {
  await configureCanaryKey(serviceWorker, modelServer);
  const workerConsole = collectWorkerConsole(serviceWorker);
  const probe = await openHomeRecordingMessages(context, page, extensionId);

  // A note, then the endpoint's ordinary failures (the 401 worded as OpenAI words it).
  await showCard(page, X_HOME_POSTS[0]!, DEFAULT_NOTE.summary);
  modelServer.enqueue({ kind: 'error', status: 401 });
  await showCard(page, X_HOME_POSTS[1]!, 'The provider rejected the API key.');
  modelServer.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 503 });
  await showCard(page, X_HOME_POSTS[2]!, 'The provider had a server error.');
  modelServer.enqueue({ kind: 'cut', afterChars: 50 });
  await showCard(page, X_HOME_POSTS[3]!, 'Could not reach the provider.');
  modelServer.enqueue(
    { kind: 'note', note: '{"summary": "not json' },
    { kind: 'note', note: 'still not json' },
  );
  await showCard(page, X_HOME_POSTS[4]!, "The model's answer could not be read.");
  // The popup lists the posts the content script pushes to it, and asks it to open the first
  // one's card (a tabs.sendMessage to it): the card shown again, with the note it holds.
  const popup = await openPopup(context, serviceWorker);
  const popupConsole: string[] = [];
  popup.on('console', (m) => popupConsole.push(m.text()));
  const first = popup.getByRole('list').getByRole('listitem').first();
  await expect(first).toContainText(DEFAULT_NOTE.summary);
  await first.getByRole('button').first().click();
  await expect(card(page)).toContainText(DEFAULT_NOTE.summary);

  // Controls: each capture really captures (a message per world reaches it).
  await page.evaluate(() => console.log('control: page'));
  await probe.inContentScript(`console.log('control: content script')`);
  await serviceWorker.evaluate(() => console.log('control: worker'));
  await expect
    .poll(() => probe.console.map((c) => `${c.world} ${c.text}`))
    .toEqual(
      expect.arrayContaining(['page log: control: page', 'content-script log: control: content script']),
    );
  await expect.poll(() => workerConsole).toContain('log: control: worker');

  // 1. Messages delivered to the content script: all kinds were seen, none carries the key.
  const messages = await probe.contentScriptMessages();
  const typeOf = (text: string) => /"type":"([^"]+)"/.exec(text)?.[1] ?? '';
  const kinds = new Set(messages.map((m) => `${m.channel} ${typeOf(m.text)}`));
  expect([...kinds]).toEqual(
    expect.arrayContaining(['port note:partial', 'port note:done', 'port note:error', 'tab posts:open']),
  );
  expect(messages.some((m) => m.channel === 'response')).toBe(true); // e.g. to card-ui:load
  const errorRequests = new Set(
    messages
      .filter((m) => typeOf(m.text) === 'note:error')
      .map((m) => /"requestId":"([^"]+)"/.exec(m.text)?.[1]),
  );
  expect(errorRequests.size).toBe(4); // 401, 5xx, cut stream, malformed
  expect(messages.filter((m) => m.text.includes(CANARY))).toEqual([]);

  // 2. The page: DOM, open shadow roots (the card is one), form values, web storage.
  expect(await openShadowRootCount(page)).toBeGreaterThan(0);
  const readable = await pageReadableText(page);
  expect(readable).toContain(DEFAULT_NOTE.summary); // the card's text was in what was searched
  expect(readable).not.toContain(CANARY);

  // 3. Consoles: every world of the tab, the popup's and the service worker's; exceptions too.
  const logs = [
    ...probe.console.map((c) => c.text),
    ...probe.exceptions.map((e) => e.text),
    ...workerConsole,
    ...popupConsole,
  ];
  expect(logs.filter((line) => line.includes(CANARY))).toEqual([]);
  test.info().annotations.push({
    type: 'searched',
    description: `${messages.length} messages received by the content script (${[...kinds].join(', ')}); ${readable.length} characters of page-readable text, ${await openShadowRootCount(page)} open shadow root(s); ${logs.length} console lines and exceptions`,
  });
  await probe.detach();
});

test('the content script’s own world cannot read the key: chrome.storage.local, sync, session, IndexedDB', async ({
  context,
  page,
  serviceWorker,
  modelServer,
  extensionId,
}) => {
  // Saved the way a user saves it, so the extension itself decides where the key goes.
  modelServer.setApiKeys([KEY]);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.getByRole('button', { name: 'Skip the guide and show all settings' }).click();
  await options.getByLabel('Provider').selectOption({ label: 'Custom' });
  await options.getByLabel('Base URL').fill(modelServer.baseUrl);
  await options.getByLabel('API key', { exact: true }).fill(KEY);
  await options.getByLabel('Model', { exact: true }).fill(DEFAULT_MODEL);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await options.close();

  await routeFixture(context, HOME, 'x/home.html');
  const probe = await WorldProbe.attach(page, extensionId);
  await page.goto(HOME);
  // A note, so that anything the background keeps while working exists too.
  await showCard(page, X_HOME_POSTS[0]!, DEFAULT_NOTE.summary);

  const seen = await probe.inContentScript<{
    local: string;
    sync: string;
    session: string;
    indexedDb: string;
  }>(`(async () => {
    const read = async (area) => {
      try { return JSON.stringify(await chrome.storage[area].get(null)); } catch (err) { return 'refused: ' + err.message; }
    };
    const databases = await indexedDB.databases();
    const contents = [];
    for (const { name } of databases) {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => resolve([]);
        });
        contents.push(name + '/' + store + ': ' + JSON.stringify(all));
      }
      db.close();
    }
    return {
      local: await read('local'),
      sync: await read('sync'),
      session: await read('session'),
      indexedDb: JSON.stringify(databases.map((d) => d.name)) + ' ' + contents.join(' '),
    };
  })()`);
  // Control: the content script does read the extension's local storage (the provider is there).
  expect(seen.local).toContain(modelServer.baseUrl);
  expect(seen.local).not.toContain(CANARY);
  expect(seen.sync).not.toContain(CANARY);
  // storage.session keeps its default access level: content scripts are refused outright.
  expect(seen.session).toBe('refused: Access to storage is not allowed from this context.');
  // The content script's IndexedDB is the page's origin (x.com), not the extension's.
  expect(seen.indexedDb).not.toContain('footnote-secrets');
  expect(seen.indexedDb).not.toContain(CANARY);
  // And storage.session, which only the extension's own pages and worker can read, holds no key either.
  expect(JSON.stringify(await serviceWorker.evaluate(() => chrome.storage.session.get(null)))).not.toContain(
    CANARY,
  );
  await probe.detach();
});

test('requests carry the key only to the configured endpoint, only in the Authorization header', async ({
  context,
  page,
  serviceWorker,
  modelServer,
  extensionId,
}) => {
  await configureCanaryKey(serviceWorker, modelServer);
  await routeFixture(context, HOME, 'x/home.html');
  const requests = await recordBrowserRequests(context); // after the fixture's route: sees requests first
  await page.goto(HOME);
  await showCard(page, LINKED_POST, DEFAULT_NOTE.summary);
  modelServer.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 });
  await showCard(page, X_HOME_POSTS[1]!, 'The provider had a server error.');
  // Test connection in options lists the models with the saved key.
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect(options.getByLabel('API key', { exact: true })).toHaveValue(KEY);
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status').filter({ hasText: '1 model' })).toBeVisible();

  const endpoint = new URL(modelServer.baseUrl).origin;
  const carrying = requests.filter((r) => JSON.stringify([r.url, r.headers, r.body]).includes(CANARY));
  // The recorder saw the worker's calls and the page's own traffic (control) …
  expect(
    requests.filter((r) => r.from === 'worker' && r.url.startsWith(endpoint)).length,
  ).toBeGreaterThanOrEqual(4);
  expect(requests.some((r) => r.from === 'page' && new URL(r.url).hostname === 'x.com')).toBe(true);
  // … and the key went only to the endpoint, in the Authorization header only.
  expect(carrying.length).toBeGreaterThanOrEqual(4);
  for (const r of carrying) {
    expect(new URL(r.url).origin, r.url).toBe(endpoint);
    const { authorization, ...otherHeaders } = r.headers;
    expect(authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.stringify([r.url, otherHeaders, r.body])).not.toContain(CANARY);
  }
  // What the endpoint received agrees: every call authorised with the key, none with it in the body.
  expect(modelServer.requests.length).toBe(carrying.length);
  for (const r of modelServer.requests) {
    expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(r.rawBody).not.toContain(CANARY);
  }
  expect(modelServer.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
    expect.arrayContaining(['POST /v1/chat/completions', 'GET /v1/models']),
  );
  test.info().annotations.push({
    type: 'searched',
    description: `${requests.length} requests recorded (${requests.filter((r) => r.from === 'worker').length} from the worker; elsewhere than the endpoint: ${[
      ...new Set(
        requests.filter((r) => !r.url.startsWith(endpoint)).map((r) => `${r.from} ${new URL(r.url).host}`),
      ),
    ].join(', ')}), ${carrying.length} carrying the key, all to ${endpoint}`,
  });
});

test('an endpoint that echoes the key in its error message: the key must not reach the card', async ({
  context,
  page,
  serviceWorker,
  modelServer,
  extensionId,
}) => {
  await configureCanaryKey(serviceWorker, modelServer);
  const probe = await openHomeRecordingMessages(context, page, extensionId);

  modelServer.enqueue({ kind: 'error', status: 401, message: `Incorrect API key provided: ${KEY}.` });
  await openCard(page, X_HOME_POSTS[1]!);
  await expect(cardAlert(page)).toContainText('The provider rejected the API key.');
  await expect(cardAlert(page)).toContainText('401');
  const messages = await probe.contentScriptMessages();
  expect(messages.filter((m) => m.text.includes(CANARY))).toEqual([]);
  expect(await pageReadableText(page)).not.toContain(CANARY);
  await probe.detach();
});
