import { fileURLToPath } from 'node:url';
/**
 * Tests of the e2e harness itself (fixtures.ts, model-server.ts) against whatever extension is
 * loaded: they rely only on what every build has (a service worker, an action popup, commands).
 */
import {
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  configureModelServer,
  configureProvider,
  dispatchCommand,
  expect,
  getServiceWorker,
  isServiceWorkerRunning,
  openExtensionPage,
  openPopup,
  readProviderConfig,
  routeFixture,
  stopServiceWorker,
  test,
  waitForEndpointAllowed,
} from './fixtures';

/** A minimal page for the harness's own tests (site fixtures reproduce the real DOM instead). */
const HARNESS_PAGE = fileURLToPath(new URL('harness-page.html', import.meta.url));

test('the service worker starts and names the extension', async ({ serviceWorker, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  expect(serviceWorker.url()).toMatch(new RegExp(`^chrome-extension://${extensionId}/`));
  expect(await serviceWorker.evaluate(() => chrome.runtime.id)).toBe(extensionId);
});

test('routeFixture serves a fixture at the real URL and nothing leaves the machine', async ({
  context,
  page,
}) => {
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  await routeFixture(context, 'https://x.com/home', HARNESS_PAGE);
  await page.goto('https://x.com/home');
  expect(page.url()).toBe('https://x.com/home');
  await expect(page.getByTestId('tweetText')).toHaveText('The harness fixture page is served offline.');
  // The fixture's image (another host of the site) is aborted by the offline guard.
  await expect.poll(() => failed).toContain('https://pbs.twimg.com/media/harness.jpg');
  // Unrouted URLs of the same site are aborted too.
  await expect(page.goto('https://x.com/explore')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
});

test('configureProvider round-trips through storage and the key store', async ({
  serviceWorker,
  modelServer,
}) => {
  await configureProvider(serviceWorker, {
    baseUrl: modelServer.baseUrl,
    model: DEFAULT_MODEL,
    apiKey: DEFAULT_API_KEY,
  });
  expect(await readProviderConfig(serviceWorker)).toEqual({
    provider: { preset: 'custom', baseUrl: modelServer.baseUrl, model: DEFAULT_MODEL },
    apiKey: DEFAULT_API_KEY,
  });
  // Overwriting works and an empty key deletes it (as writeApiKey does).
  await configureProvider(serviceWorker, {
    baseUrl: 'http://localhost:11434/v1',
    model: 'llama3.1',
    apiKey: '',
    preset: 'ollama',
  });
  expect(await readProviderConfig(serviceWorker)).toEqual({
    provider: { preset: 'ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
    apiKey: undefined,
  });
});

test('the service worker reaches the model server, with and without the key', async ({
  serviceWorker,
  modelServer,
}) => {
  // The extension's own GETs reach a local server only once it is the configured endpoint.
  await configureModelServer(serviceWorker, modelServer);
  await waitForEndpointAllowed(serviceWorker, modelServer);
  const result = await serviceWorker.evaluate(
    async ({ baseUrl, key }) => {
      const ok = await fetch(`${baseUrl}/models`, { headers: { Authorization: `Bearer ${key}` } });
      const denied = await fetch(`${baseUrl}/models`, { headers: { Authorization: 'Bearer sk-wrong' } });
      return { status: ok.status, body: await ok.json(), denied: denied.status, error: await denied.json() };
    },
    { baseUrl: modelServer.baseUrl, key: DEFAULT_API_KEY },
  );
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({ object: 'list', data: [{ id: DEFAULT_MODEL, object: 'model' }] });
  expect(result.denied).toBe(401);
  expect(result.error).toMatchObject({ error: { code: 'invalid_api_key' } });
  expect(modelServer.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'GET /v1/models',
    'GET /v1/models',
  ]);
});

test('a streamed completion reaches the service worker chunk by chunk', async ({
  serviceWorker,
  modelServer,
}) => {
  modelServer.enqueue({ kind: 'note', note: { text: 'x'.repeat(400) }, chunkSize: 40, chunkDelayMs: 60 });
  const reads = await serviceWorker.evaluate(
    async ({ baseUrl, key, model }) => {
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const times: number[] = [];
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        times.push(performance.now());
        text += value;
      }
      return { times, text };
    },
    { baseUrl: modelServer.baseUrl, key: DEFAULT_API_KEY, model: DEFAULT_MODEL },
  );
  expect(reads.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  // Neither Chromium nor the offline guard buffers the SSE body: ~11 chunks over ~600 ms.
  expect(reads.times.length).toBeGreaterThan(5);
  expect(reads.times.at(-1)! - reads.times[0]!).toBeGreaterThan(300);
  const [request] = modelServer.completionRequests();
  test.info().annotations.push({
    type: 'origin sent by the service worker',
    description: String(request?.headers.origin),
  });
});

test('dispatchCommand runs command listeners with the active tab', async ({
  context,
  page,
  serviceWorker,
}) => {
  await routeFixture(context, 'https://x.com/home', HARNESS_PAGE);
  await page.goto('https://x.com/home');
  const name = await serviceWorker.evaluate(() => {
    // Record what listeners receive, next to the extension's own listeners.
    const seen: { name: string; url?: string }[] = [];
    (globalThis as { __harnessCommands?: typeof seen }).__harnessCommands = seen;
    chrome.commands.onCommand.addListener((command, tab) => seen.push({ name: command, url: tab?.url }));
    return (
      Object.keys(chrome.runtime.getManifest().commands ?? {}).find((c) => !c.startsWith('_')) ??
      'harness-command'
    );
  });
  await dispatchCommand(serviceWorker, name);
  expect(
    await serviceWorker.evaluate(() => (globalThis as { __harnessCommands?: unknown }).__harnessCommands),
  ).toEqual([{ name, url: 'https://x.com/home' }]);
});

test('openPopup returns the real action popup as a Page, the tab staying active', async ({
  context,
  page,
  serviceWorker,
  extensionId,
}) => {
  await routeFixture(context, 'https://x.com/home', HARNESS_PAGE);
  await page.goto('https://x.com/home');
  const popup = await openPopup(context, serviceWorker);
  const popupPath = await serviceWorker.evaluate(() => chrome.runtime.getManifest().action?.default_popup);
  expect(popup.url()).toBe(`chrome-extension://${extensionId}/${popupPath}`);
  // A real popup is not a tab (a popup.html opened in a tab would return its tab here).
  expect(await popup.evaluate(async () => (await chrome.tabs.getCurrent()) ?? null)).toBeNull();
  const active = await serviceWorker.evaluate(() =>
    chrome.tabs.query({ active: true, lastFocusedWindow: true }),
  );
  expect(active.map((t) => t.url)).toEqual(['https://x.com/home']);
  await test.info().attach('popup', { body: await popup.screenshot(), contentType: 'image/png' });
});

test('stopServiceWorker stops the worker and a message starts a fresh one', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await serviceWorker.evaluate(() => ((globalThis as { __harnessMarker?: number }).__harnessMarker = 1));
  const popupPath = await serviceWorker.evaluate(
    () => chrome.runtime.getManifest().action?.default_popup ?? '',
  );
  await stopServiceWorker(context);
  expect(await isServiceWorkerRunning(context)).toBe(false);
  // Really stopped: nothing runs the old worker's code now.
  const stalled = await Promise.race([
    serviceWorker.evaluate(() => 'ran'),
    new Promise((resolve) => setTimeout(() => resolve('pending'), 500)),
  ]);
  expect(stalled).toBe('pending');

  // Any extension event wakes it; a runtime message from an extension page is the simplest.
  const extensionPage = await openExtensionPage(context, extensionId, popupPath);
  const woken = getServiceWorker(context);
  await extensionPage.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'footnote-harness-wake' }).catch(() => undefined),
  );
  const fresh = await woken;
  // A new global scope: the marker set in the stopped worker is gone.
  expect(
    await fresh.evaluate(() => (globalThis as { __harnessMarker?: number }).__harnessMarker ?? null),
  ).toBeNull();
  expect(await fresh.evaluate(() => chrome.runtime.id)).toBe(extensionId);
});

test("the worker's requests carry its chrome-extension:// Origin, which Ollama-style servers refuse", async ({
  serviceWorker,
  modelServer,
  extensionId,
}) => {
  modelServer.setOriginPolicy('ollama');
  await configureModelServer(serviceWorker, modelServer);
  await waitForEndpointAllowed(serviceWorker, modelServer);
  const statuses = await serviceWorker.evaluate(
    async ({ baseUrl, key, model }) => {
      const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
      const get = await fetch(`${baseUrl}/models`, { headers });
      const post = await fetch(`${baseUrl}/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      });
      return { get: get.status, post: post.status };
    },
    { baseUrl: modelServer.baseUrl, key: DEFAULT_API_KEY, model: DEFAULT_MODEL },
  );
  const origins = modelServer.requests.map((r) => `${r.method} ${r.headers.origin ?? '(none)'}`);
  test.info().annotations.push({ type: 'origins', description: origins.join(', ') });
  expect(statuses.post).toBe(403);
  expect(modelServer.requests.find((r) => r.method === 'POST')?.headers.origin).toBe(
    `chrome-extension://${extensionId}`,
  );
});
