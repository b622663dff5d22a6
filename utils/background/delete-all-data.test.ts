import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { eraseAll, footnoteData, grantedOptionalOrigins, type DataEraser } from './delete-all-data';

// What each step does, in order, with what storage still held when it ran.
const steps = vi.hoisted(() => ({ log: [] as string[] }));
const storageKeys = async () =>
  Object.keys({
    ...(await fakeBrowser.storage.local.get()),
    ...(await fakeBrowser.storage.session.get()),
  }).sort();
const logStep = (name: string) => async () => {
  steps.log.push(`${name} [${(await storageKeys()).join(',')}]`);
};

vi.mock('../settings/idb-databases', () => ({ deleteFootnoteDatabases: vi.fn() }));
vi.mock('../settings/cached-item', () => ({ forgetCachedValues: vi.fn() }));
vi.mock('./dynamic-sites', () => ({ syncEnabledSites: vi.fn() }));
vi.mock('./private-network-guard', () => ({
  updatePrivateNetworkRules: vi.fn(),
  forgetTestedEndpoints: vi.fn(),
}));
const { deleteFootnoteDatabases } = await import('../settings/idb-databases');
const { forgetCachedValues } = await import('../settings/cached-item');
const { syncEnabledSites } = await import('./dynamic-sites');
const { forgetTestedEndpoints, updatePrivateNetworkRules } = await import('./private-network-guard');

const MANIFEST = {
  manifest_version: 3,
  name: 'Footnote',
  version: '0.2.0',
  host_permissions: ['https://x.com/*', 'http://127.0.0.1/*'],
  content_scripts: [{ matches: ['https://bsky.app/*'], js: ['x.js'] }],
} satisfies Browser.runtime.Manifest;

describe('eraseAll', () => {
  const eraser = (what: string, erase: () => Promise<void> = async () => {}): DataEraser => ({ what, erase });

  it('runs every eraser, one after another', async () => {
    const order: string[] = [];
    let running = false;
    const step = (what: string) =>
      eraser(what, async () => {
        expect(running).toBe(false);
        running = true;
        order.push(what);
        await Promise.resolve();
        running = false;
      });
    await eraseAll([step('a'), step('b'), step('c')]);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('goes on past a failure, then names every one that failed and why', async () => {
    const last = vi.fn(async () => {});
    await expect(
      eraseAll([
        eraser('the notes', () => Promise.reject(new Error('quota'))),
        eraser('the keys'),
        eraser('the rules', () => Promise.reject('no rules API')),
        eraser('the sites', last),
      ]),
    ).rejects.toThrow('Footnote could not delete the notes: quota; the rules: no rules API.');
    expect(last).toHaveBeenCalledOnce();
  });
});

describe('grantedOptionalOrigins', () => {
  it('keeps only what the reader granted, never what the manifest asks for at install', () => {
    const granted = ['https://x.com/*', 'http://127.0.0.1/*', 'https://bsky.app/*', 'https://api.example/*'];
    expect(grantedOptionalOrigins(granted, MANIFEST)).toEqual(['https://api.example/*']);
  });

  it('reads MV2 manifests, which list hosts among the permissions (Firefox)', () => {
    const mv2 = {
      manifest_version: 2,
      name: 'Footnote',
      version: '0.2.0',
      permissions: ['storage', 'https://x.com/*'],
    } satisfies Browser.runtime.Manifest;
    expect(grantedOptionalOrigins(['https://x.com/*', '<all_urls>'], mv2)).toEqual(['<all_urls>']);
  });
});

describe("footnoteData: all of Footnote's data in this browser", () => {
  const caches = { clearCache: vi.fn(logStep('caches')) };
  let removed: string[][];

  beforeEach(async () => {
    fakeBrowser.reset();
    steps.log = [];
    removed = [];
    vi.mocked(deleteFootnoteDatabases).mockImplementation(logStep('databases'));
    vi.mocked(forgetCachedValues).mockImplementation(() => void steps.log.push('forget cached values'));
    vi.mocked(syncEnabledSites).mockImplementation(async () => (await logStep('sites')(), []));
    vi.mocked(updatePrivateNetworkRules).mockImplementation(logStep('rules'));
    vi.mocked(forgetTestedEndpoints).mockImplementation(logStep('tested endpoints'));
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue(MANIFEST);
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({
      permissions: ['storage'],
      origins: ['https://x.com/*', 'https://*/*', 'https://forum.example.org/*'],
    });
    vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => {
      await logStep('origins')();
      removed.push(origins);
      return true;
    });
    await fakeBrowser.storage.local.set({ provider: { preset: 'custom' }, usage: {}, enabledOrigins: ['x'] });
    await fakeBrowser.storage.session.set({ popupFocus: { tabId: 1, postKey: 'x:1' } });
  });

  it('empties the caches and databases, then storage; then what follows storage; granted origins last', async () => {
    await eraseAll(footnoteData(caches));
    const everything = '[enabledOrigins,popupFocus,provider,usage]';
    expect(steps.log).toEqual([
      `caches ${everything}`,
      `databases ${everything}`,
      'forget cached values',
      'sites []',
      'rules []',
      'tested endpoints []',
      'origins []',
    ]);
    expect(await storageKeys()).toEqual([]);
  });

  it('gives back only the origins the reader granted', async () => {
    await eraseAll(footnoteData(caches));
    expect(removed).toEqual([['https://*/*', 'https://forum.example.org/*']]);
  });

  it('asks for no removal when the reader granted nothing', async () => {
    vi.mocked(fakeBrowser.permissions.getAll).mockResolvedValue({ origins: ['https://x.com/*'] });
    await eraseAll(footnoteData(caches));
    expect(removed).toEqual([]);
  });
});
