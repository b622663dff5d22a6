import { clear, del, entries, set } from 'idb-keyval';
import { footnoteStore, type FootnoteDatabase } from '../settings/idb-databases';
import type { CachedNote, NoteCacheStore, StoredNote } from '../notes/note-cache';
import type { CachedDigest } from '../notes/thread-cache';
import type { CachedTriage } from '../notes/triage-cache';

/** Cached notes in the extension origin's IndexedDB (background only). */
export function idbNoteStore(): NoteCacheStore {
  return idbCacheStore<CachedNote>('footnote-notes', 'notes');
}

/** Triage verdicts, in a database of their own: never mixed with notes, cleared with them. */
export function idbTriageStore(): NoteCacheStore<CachedTriage> {
  return idbCacheStore<CachedTriage>('footnote-triage', 'triage');
}

/** Thread digests, in a database of their own, cleared with notes. */
export function idbThreadStore(): NoteCacheStore<CachedDigest> {
  return idbCacheStore<CachedDigest>('footnote-threads', 'threads');
}

function idbCacheStore<V>(database: FootnoteDatabase, storeName: string): NoteCacheStore<V> {
  const store = footnoteStore(database, storeName);
  return {
    loadAll: () => entries<string, StoredNote<V>>(store),
    put: (key, value) => set(key, value, store),
    delete: (key) => del(key, store),
    clear: () => clear(store),
  };
}
