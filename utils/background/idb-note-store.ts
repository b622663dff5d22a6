import { clear, createStore, del, entries, set } from 'idb-keyval';
import type { NoteCacheStore, StoredNote } from '../notes/note-cache';

/** Cached notes in the extension origin's IndexedDB (background only). */
export function idbNoteStore(): NoteCacheStore {
  const store = createStore('footnote-notes', 'notes');
  return {
    loadAll: () => entries<string, StoredNote>(store),
    put: (key, value) => set(key, value, store),
    delete: (key) => del(key, store),
    clear: () => clear(store),
  };
}
