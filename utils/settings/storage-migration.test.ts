/**
 * Upgrades lose nothing (issue 7, SECURITY.md): what a version-1 install stored
 * (fixtures/v1-storage-snapshot.json) must read back through today's item definitions, after
 * any migrations they declare, and still be valid where it is validated.
 *
 * The storage items are the list STORAGE_ITEMS (storage-items.ts), with their keys and versions,
 * and every item a module of this folder exports must be in it, so an item added, removed or
 * given a new version later makes this test say what to do. chrome.storage is WXT's
 * fakeBrowser; IndexedDB is idb-keyval's API over an in-memory map seeded from the snapshot
 * (fake-indexeddb is not installed), which exercises the real database, store and key names
 * the code reads.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import snapshot from './fixtures/v1-storage-snapshot.json';
import type { StoredItem } from './stored-item';

type Snapshot = {
  storage: { local: Record<string, unknown>; sync: Record<string, unknown> };
  indexedDB: Record<string, Record<string, unknown>>;
};
const V1 = snapshot as Snapshot;

/** Items defined after version 1: a v1 install has no value for them, so they read their fallback. */
const ADDED_AFTER_V1: string[] = [
  'local:triageSites',
  'local:ratingList',
  'local:ratingListStatus',
  'local:imageCapabilities',
];
/** v1 items no longer defined, with why dropping their value loses nothing. */
const DROPPED_SINCE_V1: Record<string, string> = {};
/**
 * For items whose definition is past version 1: the value their migrations must turn the
 * snapshot's into. A version bump without an entry here fails the test on purpose.
 */
const EXPECTED_AFTER_MIGRATION: Record<string, unknown> = {
  // Version 2 added the self-check (on) and source ratings (off), keeping every v1 choice.
  'local:evidence': {
    links: true,
    wikipedia: false,
    factCheck: true,
    webSearch: 'searxng',
    searxngUrl: 'https://searx.example.org',
    selfCheck: true,
    sendImages: true,
    sourceRatings: false,
    ratingListUrl: '',
  },
};

// ---- idb-keyval over an in-memory map (database/store → key → value) -----------------------
const idb = vi.hoisted(() => ({ stores: new Map<string, Map<string, unknown>>() }));
vi.mock('idb-keyval', () => {
  const storeOf = (name: string) => {
    if (!idb.stores.has(name)) idb.stores.set(name, new Map());
    return idb.stores.get(name)!;
  };
  return {
    createStore: (db: string, store: string) => `${db}/${store}`,
    get: async (key: string, store: string) => structuredClone(storeOf(store).get(key)),
    set: async (key: string, value: unknown, store: string) =>
      void storeOf(store).set(key, structuredClone(value)),
    del: async (key: string, store: string) => void storeOf(store).delete(key),
    clear: async (store: string) => storeOf(store).clear(),
    entries: async (store: string) => [...storeOf(store)].map(([k, v]) => [k, structuredClone(v)]),
  };
});
// Footnote's stores are idb-keyval's, named as above (the closing on deletion is idb-databases.test.ts's).
vi.mock('./idb-databases', () => ({ footnoteStore: (db: string, store: string) => `${db}/${store}` }));

// ---- the storage items, as storage-items.ts lists them ---------------------------------------
type Item = StoredItem<unknown>;

const areaOf = (item: Item) => item.key.slice(0, item.key.indexOf(':'));

/** storage.session is cleared on restart and update: nothing in it survives an upgrade anyway. */
const persisted = (item: Item) => areaOf(item) === 'local' || areaOf(item) === 'sync';

/** Loads the snapshot, then imports the item definitions fresh, as an updated extension starts. */
async function startUpgradedExtension(): Promise<readonly Item[]> {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set(structuredClone(V1.storage.local));
  await fakeBrowser.storage.sync.set(structuredClone(V1.storage.sync));
  idb.stores.clear();
  for (const [store, values] of Object.entries(V1.indexedDB))
    idb.stores.set(store, new Map(Object.entries(structuredClone(values))));
  vi.resetModules(); // defineItem runs (and starts migrations) at import, after the data is there
  return (await import('./storage-items')).STORAGE_ITEMS;
}

/** Every storage item that a module of this folder exports (other than the list itself). */
async function exportedItems(): Promise<Item[]> {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const modules = readdirSync(dir).filter(
    (name) => /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && name !== 'storage-items.ts',
  );
  const found: Item[] = [];
  for (const name of modules) {
    const module = (await import(/* @vite-ignore */ path.join(dir, name))) as Record<string, unknown>;
    found.push(...Object.values(module).filter(isStoredItem));
  }
  return found;
}

function isStoredItem(value: unknown): value is Item {
  return (
    typeof value === 'object' && value !== null && 'key' in value && 'version' in value && 'migrates' in value
  );
}

const snapshotKeys = () => [
  ...Object.keys(V1.storage.local).map((k) => `local:${k}`),
  ...Object.keys(V1.storage.sync).map((k) => `sync:${k}`),
];

function snapshotValue(key: string): unknown {
  const [area, name] = key.split(':') as ['local' | 'sync', string];
  return V1.storage[area][name];
}

describe('a version-1 install, upgraded', () => {
  let items: readonly Item[];
  beforeEach(async () => {
    items = await startUpgradedExtension();
  });

  it('lists every item this folder defines, once', async () => {
    const keys = items.map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await exportedItems()).map((item) => item.key).sort()).toEqual([...keys].sort());
  });

  it('the snapshot holds every persisted item the code defines, and the code still defines every v1 item', () => {
    const defined: string[] = items.filter(persisted).map((i) => i.key);
    expect(defined.length).toBeGreaterThanOrEqual(8);
    expect(defined.filter((key) => !snapshotKeys().includes(key) && !ADDED_AFTER_V1.includes(key))).toEqual(
      [],
    );
    expect(snapshotKeys().filter((key) => !defined.includes(key) && !(key in DROPPED_SINCE_V1))).toEqual([]);
  });

  it('every item reads back its v1 value through today’s definition (after migrations, for items past version 1)', async () => {
    for (const item of items.filter(persisted)) {
      const value = await item.getValue();
      if (ADDED_AFTER_V1.includes(item.key)) {
        expect(value, item.key).toEqual(item.fallback);
      } else if (item.version > 1) {
        expect(item.migrates, `${item.key} is at version ${item.version} without migrations`).toBe(true);
        expect(
          item.key in EXPECTED_AFTER_MIGRATION,
          `add ${item.key}'s migrated value to EXPECTED_AFTER_MIGRATION`,
        ).toBe(true);
        expect(value, item.key).toEqual(EXPECTED_AFTER_MIGRATION[item.key]);
        // The migration stamped the new version, so it will not run twice.
        expect((await item.getMeta()).v, item.key).toBe(item.version);
      } else {
        expect(value, item.key).toEqual(snapshotValue(item.key));
      }
    }
  });

  it('v1 settings are valid under today’s schemas and read through today’s code', async () => {
    const { providerSettingsSchema, answerLanguageSchema } = await import('./provider-settings');
    const { evidenceSettingsSchema } = await import('./evidence-settings');
    const { siteIdSchema } = await import('../core/post-schema');
    const { OUTPUT_MODES } = await import('../core/output-mode');
    const { storedUsage } = await import('../background/stored-usage');
    const { storedOutputModes } = await import('../background/stored-output-modes');
    const local = V1.storage.local;

    expect(providerSettingsSchema.safeParse(local.provider).success).toBe(true);
    expect(answerLanguageSchema.safeParse(local.answerLanguage).success).toBe(true);
    expect(evidenceSettingsSchema.safeParse(local.evidence).success).toBe(true);
    for (const site of local.disabledSites as string[])
      expect(siteIdSchema.safeParse(site).success, site).toBe(true);
    for (const origin of local.enabledOrigins as string[]) expect(new URL(origin).origin).toBe(origin);
    for (const mode of Object.values(local.outputModes as object)) expect(OUTPUT_MODES).toContain(mode);

    // The budget and the usage ledger, as the engine reads them: Oct 31 (local time) is over budget.
    expect(await storedUsage.exceeded(new Date(2026, 9, 31, 12).getTime())).toEqual({
      budget: 200_000,
      used: 203_160,
    });
    expect(await storedUsage.exceeded(new Date(2026, 9, 30, 12).getTime())).toBeNull();
    expect(await storedOutputModes.get('http://localhost:11434/v1|llama3.1')).toBe('json_object');
  });

  it('the keys stored in v1 are read back, and the background builds its endpoint from them', async () => {
    const { readApiKey, readSecret } = await import('./api-key-store');
    const { loadConfiguredEndpoint } = await import('../background/configured-endpoint');
    const secrets = V1.indexedDB['footnote-secrets/secrets']!;
    expect(await readApiKey()).toBe(secrets.apiKey);
    expect(await readSecret('factCheckKey')).toBe(secrets.factCheckKey);
    expect(await loadConfiguredEndpoint()).toEqual({
      endpoint: {
        baseUrl: 'https://openrouter.ai/api/v1',
        apiKey: secrets.apiKey,
        model: 'openai/gpt-4o-mini',
        timeoutMs: 90_000,
      },
      providerLabel: 'OpenRouter',
    });
  });

  it('notes cached by v1 load from IndexedDB in their LRU order and pass the checks of the history and the card', async () => {
    const { idbNoteStore } = await import('../background/idb-note-store');
    const { NoteCache } = await import('../notes/note-cache');
    const { notePortOutSchema } = await import('../messaging/protocol');
    const { noteHistorySchema } = await import('../messaging/extension-page-protocol');
    const stored = V1.indexedDB['footnote-notes/notes'] as Record<string, { value: unknown; usedAt: number }>;
    const cache = new NoteCache(1_000, 8 * 1024 * 1024, idbNoteStore());

    const listed = await cache.list();
    const byRecency = Object.values(stored)
      .sort((a, b) => b.usedAt - a.usedAt)
      .map((s) => s.value);
    expect(listed).toEqual(byRecency);
    // The options page validates the history it receives; the content script each note:done.
    expect(noteHistorySchema.safeParse({ notes: listed }).success).toBe(true);
    for (const [key, { value }] of Object.entries(stored)) {
      const cached = await cache.get(key);
      expect(cached, key).toEqual(value);
      const message = {
        type: 'note:done',
        requestId: 'r1',
        note: cached!.note,
        meta: { ...cached!.meta, fromCache: true },
      };
      expect(notePortOutSchema.safeParse(message).success, key).toBe(true);
    }
  });
});
