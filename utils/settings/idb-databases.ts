import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * Every IndexedDB database Footnote creates, all in the extension's own origin: the only names
 * `footnoteStore` opens, and what "Delete all Footnote data" deletes.
 */
export const FOOTNOTE_DATABASES = [
  /** API keys (api-key-store.ts). */
  'footnote-secrets',
  // The background's caches (utils/background/idb-note-store.ts): notes, triage verdicts,
  // thread digests.
  'footnote-notes',
  'footnote-triage',
  'footnote-threads',
] as const;
export type FootnoteDatabase = (typeof FOOTNOTE_DATABASES)[number];

/**
 * An idb-keyval store in one of Footnote's databases. idb-keyval keeps its connection open for
 * good, which would block deleting the database for as long as this context lives; this one
 * closes it when a deletion asks (`versionchange`) and opens a new one on its next use.
 */
export function footnoteStore(database: FootnoteDatabase, storeName: string): UseStore {
  let use = createStore(database, storeName);
  return (mode, callback) => {
    const current = use;
    return current(mode, (store) => {
      const connection = store.transaction.db;
      connection.onversionchange ??= () => {
        connection.close();
        if (use === current) use = createStore(database, storeName);
      };
      return callback(store);
    });
  };
}

/** Deletes every database of FOOTNOTE_DATABASES (those never created included: that is no error). */
export async function deleteFootnoteDatabases(): Promise<void> {
  await Promise.all(FOOTNOTE_DATABASES.map((name) => promisifyRequest(indexedDB.deleteDatabase(name))));
}
