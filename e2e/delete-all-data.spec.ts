import AxeBuilder from '@axe-core/playwright';
import type { Worker } from '@playwright/test';
import { expectNoViolations } from './axe-check';
import {
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  openExtensionPage,
  test,
  waitForEndpointAllowed,
  withGrantedHosts,
} from './fixtures';
import { badge, card } from './x-card';
import { gotoXHome } from './x-home-page';

// "Delete all Footnote data" (options, PRIVACY.md): after it, nothing Footnote wrote is left in
// the browser — IndexedDB, storage, registered content scripts, network allow rules — and the
// running worker holds nothing either: the extension behaves as on its first day.

const KEY = 'x:2126243242333455973';
/** A site the reader enabled (its host granted, as after the popup's prompt). */
const ORIGIN = 'https://forum.example.org';
test.use({ extensionDir: withGrantedHosts([`${ORIGIN}/*`]) });

/** Entries in each of Footnote's IndexedDB databases that exist (a database absent is not listed). */
function footnoteDatabases(serviceWorker: Worker): Promise<Record<string, number>> {
  return serviceWorker.evaluate(async () => {
    const counts: Record<string, number> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('footnote-')) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      let entries = 0;
      for (const store of db.objectStoreNames) {
        entries += await new Promise<number>((resolve, reject) => {
          const count = db.transaction(store).objectStore(store).count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        });
      }
      db.close(); // never in the way of the deletion
      counts[name] = entries;
    }
    return counts;
  });
}

/** What the worker can see of Footnote's other state in the browser. */
function browserState(serviceWorker: Worker) {
  return serviceWorker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
    scripts: (await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id),
    allowRules: (await chrome.declarativeNetRequest.getDynamicRules()).filter(
      (r) => r.action.type === 'allow',
    ).length,
    blockRules: (await chrome.declarativeNetRequest.getDynamicRules()).filter(
      (r) => r.action.type === 'block',
    ).length,
    sessionRules: (await chrome.declarativeNetRequest.getSessionRules()).length,
  }));
}

test('Delete all Footnote data leaves nothing in IndexedDB or storage, and Footnote starts over', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  // A reader's Footnote: a provider with its key, a note written, settings saved, a site enabled.
  await configureModelServer(serviceWorker, modelServer);
  await waitForEndpointAllowed(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note: DEFAULT_NOTE });
  await gotoXHome(context, page);
  await badge(page, KEY).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await page.keyboard.press('Escape');

  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.getByLabel('Daily token budget').fill('50000');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await options.getByRole('button', { name: 'Test connection' }).click(); // allows its endpoint for the session
  await expect(options.getByRole('status').filter({ hasText: 'Connection works.' })).toBeVisible();
  expect(
    await options.evaluate((origin) => chrome.runtime.sendMessage({ type: 'sites:enable', origin }), ORIGIN),
  ).toEqual({ ok: true });

  // All of it is there (so the checks below can fail).
  const databases = await footnoteDatabases(serviceWorker);
  expect(databases['footnote-secrets']).toBeGreaterThan(0);
  expect(databases['footnote-notes']).toBeGreaterThan(0);
  const before = await browserState(serviceWorker);
  expect(Object.keys(before.local)).toEqual(
    expect.arrayContaining(['provider', 'evidence', 'dailyTokenBudget', 'usage', 'enabledOrigins']),
  );
  expect(before.scripts).toEqual(['footnote-enabled-sites']);
  expect(before.allowRules).toBe(1);
  expect(before.sessionRules).toBe(1);

  // The privacy policy says what goes where; the page links to it.
  const policy = options.getByRole('link', { name: 'Privacy policy (opens in a new tab)' });
  await expect(policy).toHaveAttribute(
    'href',
    'https://github.com/footnote-dev/footnote/blob/main/PRIVACY.md',
  );
  await expect(policy).toHaveAttribute('target', '_blank');

  // Asked in the page first; Cancel keeps everything.
  const section = options.getByRole('region', { name: 'Delete all Footnote data' });
  const deleteButton = section.getByRole('button', { name: 'Delete all Footnote data' });
  await deleteButton.click();
  const confirm = section.getByRole('group', { name: 'Delete all Footnote data? This cannot be undone.' });
  await expect(confirm).toHaveAccessibleDescription(/API keys, settings, enabled sites/);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoViolations(new AxeBuilder({ page: options }).include('.delete-all'));
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await deleteButton.click();
  await confirm.getByRole('button', { name: 'Delete everything' }).click();

  // The page is the first-run guide, with focus on its heading and the outcome just below.
  await expect(options.getByRole('heading', { level: 1, name: 'Welcome to Footnote' })).toBeFocused();
  await expect(
    options.getByRole('status').filter({ hasText: 'All Footnote data is deleted.' }),
  ).toBeVisible();
  await expect(options.getByRole('alert')).toHaveCount(0);
  await expect(options.getByRole('radiogroup', { name: 'Provider' })).toBeVisible();
  await expectNoViolations(new AxeBuilder({ page: options }));

  // Nothing is left: the databases are gone, or (opened again by the page that starts over) empty.
  const after = await footnoteDatabases(serviceWorker);
  for (const [name, entries] of Object.entries(after)) expect(entries, name).toBe(0);
  expect(await browserState(serviceWorker)).toEqual({
    local: {},
    session: {},
    scripts: [],
    allowRules: 0,
    blockRules: before.blockRules, // the private-network guard stays
    sessionRules: 0,
  });

  // Nor in the running worker: the note is not in its cache, and no provider is set up.
  const requests = modelServer.completionRequests().length;
  await page.bringToFront();
  await page.reload();
  await badge(page, KEY).click();
  await expect(card(page).getByRole('alert')).toContainText('No AI provider is set up yet.');
  expect(modelServer.completionRequests()).toHaveLength(requests);
});
