/**
 * Playwright fixtures and helpers for testing the built extension in Debian's Chromium
 * (each flag and trick says why where it is set).
 *
 *   import { test, expect, routeFixture, configureProvider } from './fixtures';
 *
 * Fixtures: modelServer (worker-scoped, reset before each test), context (fresh persistent
 * profile with the extension loaded, offline), page (the context's first tab), serviceWorker,
 * extensionId.
 */
import {
  test as base,
  expect,
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Locator,
  type Page,
  type Worker,
} from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUIET_CHROMIUM_FLAGS } from './chromium-flags';
import { DEFAULT_API_KEY, DEFAULT_MODEL, ModelServer } from './model-server';

import { DEFAULT_EVIDENCE_SETTINGS, type EvidenceSettings } from '../utils/settings/evidence-settings';

export { expect };
export {
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  lastUserMessage,
  type Behaviour,
  type ModelServer,
} from './model-server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * A site's fixture page, named `<site>/<file>` (e.g. `x/home.html`): each site adapter keeps its
 * fixtures beside it, in utils/sites/<site>/fixtures/.
 */
export function fixturePath(name: string): string {
  const [site, ...file] = name.split('/');
  return path.join(ROOT, 'utils', 'sites', site!, 'fixtures', ...file);
}
/** The unpacked build under test; FOOTNOTE_EXTENSION_DIR points elsewhere (e.g. a stub). */
export const EXTENSION_DIR = path.resolve(ROOT, process.env.FOOTNOTE_EXTENSION_DIR ?? '.output/chrome-mv3');

const CHROMIUM_FLAGS = [
  ...QUIET_CHROMIUM_FLAGS,
  // A loopback DevTools port (written to <profile>/DevToolsActivePort) lets openPopup attach a
  // second CDP client: Playwright's own connection is never given the popup target.
  '--remote-debugging-port=0',
];

/**
 * Extra Chromium flags and environment for a test file, e.g. Brazilian Portuguese:
 * test.use({ launch: { args: ['--lang=pt-BR'], env: { LANGUAGE: 'pt_BR' } } }).
 */
export interface LaunchExtras {
  args?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string>;
}

type TestFixtures = {
  /** The unpacked extension to load (default: the build); see withGrantedHosts. */
  extensionDir: string;
  /** Extra Chromium flags and environment, e.g. another UI language (see LaunchExtras). */
  launch: LaunchExtras;
  context: BrowserContext;
  page: Page;
  serviceWorker: Worker;
  extensionId: string;
  _resetModelServer: void;
};
type WorkerFixtures = { modelServer: ModelServer };

/** Per-context state the helpers need: the profile dir and extra CDP clients to close. */
const contextState = new WeakMap<BrowserContext, { userDataDir: string; popupBrowsers: Browser[] }>();

export const test = base.extend<TestFixtures, WorkerFixtures>({
  modelServer: [
    // Playwright requires the destructuring pattern even when no fixture is used.
    async ({}, provide) => {
      const server = new ModelServer();
      await server.start();
      await provide(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],

  _resetModelServer: [
    async ({ modelServer }, provide) => {
      modelServer.reset();
      await provide();
    },
    { auto: true },
  ],

  extensionDir: [EXTENSION_DIR, { option: true }],
  launch: [{}, { option: true }],

  // Playwright's own viewport, hasTouch and isMobile options (e.g. a phone: mobile.spec.ts), at
  // their defaults unless a test file sets them.
  context: async ({ extensionDir, launch, viewport, hasTouch, isMobile }, provide) => {
    if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
      throw new Error(
        `No extension build at ${extensionDir}: run npm run build first (or set FOOTNOTE_EXTENSION_DIR).`,
      );
    }
    // Extensions load only in a persistent context; a fresh profile per test keeps tests independent.
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'footnote-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        ...CHROMIUM_FLAGS,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        ...(launch.args ?? []),
      ],
      ...(launch.env ? { env: { ...process.env, ...launch.env } } : {}),
      viewport,
      hasTouch,
      isMobile,
    });
    const state = { userDataDir, popupBrowsers: [] as Browser[] };
    contextState.set(context, state);
    // Offline guard: nothing but loopback leaves the machine. Registered first, so routes that
    // tests add later (routeFixture) take precedence.
    await context.route(
      (url) => /^https?:$/.test(url.protocol) && !isLoopback(url.hostname),
      (route) => route.abort('blockedbyclient'),
    );
    await provide(context);
    for (const browser of state.popupBrowsers) await browser.close().catch(() => {});
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  },

  // Reuse the tab a persistent context opens with, rather than adding a second one.
  page: async ({ context }, provide) => {
    await provide(context.pages()[0] ?? (await context.newPage()));
  },

  serviceWorker: async ({ context }, provide) => {
    await provide(await getServiceWorker(context));
  },

  extensionId: async ({ serviceWorker }, provide) => {
    await provide(new URL(serviceWorker.url()).host);
  },
});

function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

function isExtensionWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://');
}

/**
 * The extension's service worker, once it is running (e.g. after a wake-up). Playwright keeps
 * one Worker object across stop/start: its CDP session survives the restart and evaluate()
 * then runs in the new global scope, so "listed by Playwright" does not mean "running".
 */
export async function getServiceWorker(context: BrowserContext, timeout = 10_000): Promise<Worker> {
  await expect
    .poll(() => isServiceWorkerRunning(context), { message: 'extension service worker to run', timeout })
    .toBe(true);
  return (
    context.serviceWorkers().find(isExtensionWorker) ??
    (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout }))
  );
}

/** Whether Chrome lists a running extension service worker (stopped workers are not listed). */
export async function isServiceWorkerRunning(context: BrowserContext): Promise<boolean> {
  const cdp = await browserSession(context);
  try {
    return (await extensionTargets(cdp, 'service_worker', 'chrome-extension://')).length > 0;
  } finally {
    await cdp.detach();
  }
}

/**
 * Serves `fixtureFile` (a site fixture named as fixturePath takes it, or an absolute path) as
 * text/html at exactly `url`,
 * so the page really is e.g. https://x.com/home and content-script matches apply. Call before
 * page.goto. Every other request to a non-loopback host (images, scripts, other sites' hosts)
 * is aborted by the context's offline guard.
 */
export async function routeFixture(context: BrowserContext, url: string, fixtureFile: string): Promise<void> {
  const file = path.isAbsolute(fixtureFile) ? fixtureFile : fixturePath(fixtureFile);
  const body = await readFile(file, 'utf8');
  const href = new URL(url).href;
  await context.route(
    (candidate) => candidate.href === href,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

export interface ProviderConfig {
  baseUrl: string;
  model: string;
  apiKey: string;
  /** Default 'custom'. */
  preset?: string;
}

/**
 * Saves provider settings the way the options page does: `provider` in chrome.storage.local and
 * the key in IndexedDB 'footnote-secrets'/'secrets' under 'apiKey' (idb-keyval's layout).
 */
export async function configureProvider(serviceWorker: Worker, config: ProviderConfig): Promise<void> {
  // These machines have no internet: Wikipedia would only fail (slowly, under load). Its source
  // is tested against a local server (utils/evidence/wikipedia.test.ts).
  await configureEvidence(serviceWorker, { wikipedia: false });
  await serviceWorker.evaluate(
    async ({ baseUrl, model, apiKey, preset }) => {
      await chrome.storage.local.set({ provider: { preset, baseUrl, model } });
      const db = await openSecrets();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('secrets', 'readwrite');
        // An empty key means "none", as writeApiKey does.
        if (apiKey) tx.objectStore('secrets').put(apiKey, 'apiKey');
        else tx.objectStore('secrets').delete('apiKey');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();

      // Runs in the worker, so it is declared here: evaluate() serialises only this function.
      function openSecrets(version?: number): Promise<IDBDatabase> {
        return new Promise((resolve, reject) => {
          const request = indexedDB.open('footnote-secrets', version);
          request.onupgradeneeded = () => {
            if (!request.result.objectStoreNames.contains('secrets'))
              request.result.createObjectStore('secrets');
          };
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const opened = request.result;
            if (opened.objectStoreNames.contains('secrets')) return resolve(opened);
            // The database exists without the store: bump the version to create it.
            opened.close();
            openSecrets(opened.version + 1).then(resolve, reject);
          };
        });
      }
    },
    { preset: 'custom', ...config },
  );
}

/** Saves evidence-source settings as the options page does: the defaults, changed by `patch`. */
export async function configureEvidence(
  serviceWorker: Worker,
  patch: Partial<EvidenceSettings>,
): Promise<void> {
  await serviceWorker.evaluate(async (settings) => chrome.storage.local.set({ evidence: settings }), {
    ...DEFAULT_EVIDENCE_SETTINGS,
    ...patch,
  });
}

/**
 * A copy of the build whose manifest already grants these host patterns: how a test sees the
 * state after the user accepted a permission prompt, which a headless browser cannot answer
 * (Chrome treats granted optional permissions like manifest ones). Use with
 * test.use({ extensionDir: withGrantedHosts([...]) }).
 */
export function withGrantedHosts(patterns: string[]): string {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) return EXTENSION_DIR; // the context says why
  const dir = mkdtempSync(path.join(os.tmpdir(), 'footnote-granted-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...patterns];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/** Changes some saved provider settings (e.g. a short `timeoutSeconds`), keeping the rest. */
export async function patchProviderSettings(
  serviceWorker: Worker,
  patch: Record<string, unknown>,
): Promise<void> {
  await serviceWorker.evaluate(async (changes) => {
    const { provider } = await chrome.storage.local.get('provider');
    await chrome.storage.local.set({ provider: { ...(provider as object), ...changes } });
  }, patch);
}

/** Reads back what configureProvider wrote (and what the extension reads). */
export async function readProviderConfig(
  serviceWorker: Worker,
): Promise<{ provider: unknown; apiKey: string | undefined }> {
  return serviceWorker.evaluate(async () => {
    const { provider } = await chrome.storage.local.get('provider');
    const apiKey = await new Promise<string | undefined>((resolve, reject) => {
      const request = indexedDB.open('footnote-secrets');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('secrets')) {
          db.close();
          return resolve(undefined);
        }
        const get = db.transaction('secrets').objectStore('secrets').get('apiKey');
        get.onsuccess = () => {
          db.close();
          resolve(get.result as string | undefined);
        };
        get.onerror = () => reject(get.error);
      };
    });
    return { provider, apiKey };
  });
}

/**
 * Waits until the private-network guard lets the extension's own GETs reach the test model
 * server (utils/background/private-network-guard.ts): its allow rule follows the saved provider.
 */
export async function waitForEndpointAllowed(serviceWorker: Worker, server: ModelServer): Promise<void> {
  await expect
    .poll(() =>
      serviceWorker.evaluate(async (allowed) => {
        // A build without the guard (a stub under FOOTNOTE_EXTENSION_DIR) blocks nothing.
        if (!chrome.declarativeNetRequest) return true;
        const rules = await chrome.declarativeNetRequest.getDynamicRules();
        return rules.some((rule) => rule.action.type === 'allow' && rule.condition.urlFilter === allowed);
      }, `|${server.baseUrl}/`),
    )
    .toBe(true);
}

/** The options page with a provider saved (the test model server), and its "Evidence sources" section. */
export async function openEvidenceOptions({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}: {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  modelServer: ModelServer;
}): Promise<{ options: Page; evidence: Locator }> {
  await configureModelServer(serviceWorker, modelServer);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  return { options, evidence: options.getByRole('region', { name: 'Evidence sources' }) };
}

/** Points the extension at the test model server with its accepted key. */
export async function configureModelServer(
  serviceWorker: Worker,
  server: ModelServer,
  model = DEFAULT_MODEL,
): Promise<void> {
  await configureProvider(serviceWorker, { baseUrl: server.baseUrl, model, apiKey: DEFAULT_API_KEY });
}

/**
 * Fires a keyboard command: synthetic key presses never reach extension commands, but
 * dispatching the event runs the registered listeners. Like a real press, the listeners get
 * the active tab (pass `tab: null` to omit it).
 */
export async function dispatchCommand(
  serviceWorker: Worker,
  name: string,
  options: { tab?: null } = {},
): Promise<void> {
  await serviceWorker.evaluate(
    async ({ name, withTab }) => {
      const [tab] = withTab ? await chrome.tabs.query({ active: true, lastFocusedWindow: true }) : [];
      // dispatch() exists at run time (it is how Chrome's own tests fire events) but is untyped.
      (chrome.commands.onCommand as unknown as { dispatch(n: string, t?: unknown): void }).dispatch(
        name,
        tab,
      );
    },
    { name, withTab: options.tab !== null },
  );
}

/** A CDP session on the browser target (Target.* domain). Detach it when done. */
async function browserSession(context: BrowserContext): Promise<CDPSession> {
  const browser = context.browser();
  if (browser) return browser.newBrowserCDPSession();
  // Older Playwright returned null for persistent contexts; a page session also speaks Target.*.
  return context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
}

async function extensionTargets(cdp: CDPSession, type: string, urlPrefix: string) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.filter((t) => t.type === type && t.url.startsWith(urlPrefix));
}

/**
 * Opens the real action popup for the active tab (chrome.action.openPopup in the worker) and
 * returns it as a Playwright Page. Chromium never auto-attaches popups to Playwright's own
 * connection, so this attaches a second client over the profile's loopback DevTools port
 * (chromium.connectOverCDP), which does list the popup. The tab that was active stays active.
 */
export async function openPopup(
  context: BrowserContext,
  serviceWorker: Worker,
  /** What opens it: by default the toolbar action; e.g. a click on the card's "Open in popup". */
  open: () => Promise<unknown> = () => serviceWorker.evaluate(() => chrome.action.openPopup()),
): Promise<Page> {
  const state = contextState.get(context);
  if (!state) throw new Error('openPopup needs a context from the e2e fixtures');
  const extensionId = new URL(serviceWorker.url()).host;
  const popupPath = await serviceWorker.evaluate(
    () => chrome.runtime.getManifest().action?.default_popup ?? '',
  );
  if (!popupPath) throw new Error('The manifest has no action.default_popup');
  const prefix = `chrome-extension://${extensionId}/${popupPath}`;

  const cdp = await browserSession(context);
  try {
    const before = new Set((await extensionTargets(cdp, 'page', prefix)).map((t) => t.targetId));
    await open();
    let targetId = '';
    await expect
      .poll(
        async () => {
          targetId =
            (await extensionTargets(cdp, 'page', prefix)).find((t) => !before.has(t.targetId))?.targetId ??
            '';
          return targetId;
        },
        { message: 'popup target to appear' },
      )
      .not.toBe('');

    const port = await devToolsPort(state.userDataDir);
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    state.popupBrowsers.push(browser);
    // Several pages can share the popup's URL (e.g. popup.html in a tab): match by target id.
    for (const page of browser.contexts().flatMap((c) => c.pages())) {
      if (!page.url().startsWith(prefix)) continue;
      const session = await page.context().newCDPSession(page);
      const { targetInfo } = await session.send('Target.getTargetInfo');
      await session.detach();
      if (targetInfo.targetId === targetId) {
        await page.waitForLoadState('domcontentloaded');
        return page;
      }
    }
    throw new Error(`Popup target ${targetId} not found over CDP`);
  } finally {
    await cdp.detach();
  }
}

async function devToolsPort(userDataDir: string): Promise<string> {
  const file = path.join(userDataDir, 'DevToolsActivePort');
  let port = '';
  await expect
    .poll(
      async () => {
        port = existsSync(file) ? ((await readFile(file, 'utf8')).split('\n')[0] ?? '') : '';
        return port;
      },
      { message: 'DevToolsActivePort to be written' },
    )
    .not.toBe('');
  return port;
}

/** Opens an extension page (e.g. 'options.html', 'popup.html?tab=1') in a new tab. */
export async function openExtensionPage(
  context: BrowserContext,
  extensionId: string,
  pagePath: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${pagePath}`);
  return page;
}

/**
 * Stops the extension's service worker as Chrome does when it is idle (CDP Target.closeTarget)
 * and waits until Chrome no longer lists it. The next extension event (message, port, command)
 * starts a new one; getServiceWorker(context) waits for that.
 */
export async function stopServiceWorker(context: BrowserContext): Promise<void> {
  const cdp = await browserSession(context);
  const running = () => extensionTargets(cdp, 'service_worker', 'chrome-extension://');
  try {
    if ((await running()).length === 0) throw new Error('No extension service worker is running');
    // closeTarget reports success yet is occasionally ignored (seen right after start-up): retry.
    await expect
      .poll(
        async () => {
          for (const worker of await running())
            await cdp.send('Target.closeTarget', { targetId: worker.targetId });
          await new Promise((resolve) => setTimeout(resolve, 250));
          return (await running()).length;
        },
        { message: 'service worker target to close', intervals: [0] },
      )
      .toBe(0);
  } finally {
    await cdp.detach();
  }
}
