import type { NoteCacheStore, StoredNote } from '../utils/notes/note-cache';

/** A store like IndexedDB's, in memory (what survives a service-worker restart), with its map to inspect. */
export function memoryCacheStore<T>(): NoteCacheStore<T> & { data: Map<string, StoredNote<T>> } {
  const data = new Map<string, StoredNote<T>>();
  return {
    data,
    loadAll: async () => [...data.entries()],
    put: async (key, value) => void data.set(key, value),
    delete: async (key) => void data.delete(key),
    clear: async () => data.clear(),
  };
}
