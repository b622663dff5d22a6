import { describe, expect, it } from 'vitest';
import { samplePost } from '../../test-support/sample-post';
import {
  NoteCache,
  noteCacheKey,
  noteContentKey,
  notePostRef,
  type CachedNote,
  type CacheKeyParts,
  type NoteCacheStore,
  type StoredNote,
} from './note-cache';

const post = samplePost({ id: '1', url: 'https://x.com/a/status/1', text: 'hello' });

const parts: CacheKeyParts = {
  post,
  baseUrl: 'https://api.example/v1',
  model: 'm1',
  promptVersion: 'p1',
  answerLanguage: 'en',
  evidence: 'none',
};

function entry(summary: string): CachedNote {
  return {
    post: notePostRef(post),
    note: { summary, classification: 'opinion', note: '', claims: [], detail: '', injection_detected: false },
    meta: {
      provider: 'p',
      model: 'm1',
      promptVersion: 'p1',
      evidence: [],
      usage: { promptTokens: 1, completionTokens: 1, estimated: false },
      mode: 'json_schema',
      repaired: false,
      createdAt: 0,
      fromCache: false,
    },
  };
}

/** A store like IndexedDB's, in memory, that can be told to fail like a full disk. */
function memoryStore(initial: Array<[string, StoredNote]> = []) {
  const data = new Map(initial);
  let full = false;
  const store: NoteCacheStore = {
    loadAll: async () => [...data.entries()],
    put: async (key, value) => {
      if (full) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      data.set(key, value);
    },
    delete: async (key) => void data.delete(key),
    clear: async () => data.clear(),
  };
  return { store, data, fill: () => (full = true) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('noteCacheKey', () => {
  it('is stable for the same inputs', async () => {
    expect(await noteCacheKey(parts)).toBe(await noteCacheKey({ ...parts, post: { ...post } }));
  });

  it('changes with the text, the model, the endpoint, the prompt version, the language, the evidence sources and the post', async () => {
    const base = await noteCacheKey(parts);
    const variants = await Promise.all([
      noteCacheKey({ ...parts, post: { ...post, text: 'hello!' } }),
      noteCacheKey({ ...parts, model: 'm2' }),
      noteCacheKey({ ...parts, baseUrl: 'http://localhost:11434/v1' }),
      noteCacheKey({ ...parts, promptVersion: 'p2' }),
      noteCacheKey({ ...parts, answerLanguage: 'pt-BR' }),
      noteCacheKey({ ...parts, evidence: 'links+wikipedia' }),
      noteCacheKey({
        ...parts,
        post: { ...post, parent: { ...post, id: null, url: null, text: 'the post it replies to' } },
      }),
      noteCacheKey({ ...parts, post: { ...post, id: '2' } }),
    ]);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('starts with the post key and does not contain the text itself', async () => {
    const key = await noteCacheKey(parts);
    expect(key.startsWith('x:1|')).toBe(true);
    expect(key).not.toContain('hello');
  });

  it('the content key ignores the post id, so a repost of the same text shares it', async () => {
    const repost = { ...parts, post: { ...post, id: '99', author: { name: 'B', handle: 'b' } } };
    expect(await noteContentKey(repost)).toBe(await noteContentKey(parts));
  });
});

describe('NoteCache', () => {
  it('returns what was stored, and misses what was not', async () => {
    const cache = new NoteCache(10, 1e6);
    await cache.set('a', entry('A'));
    expect((await cache.get('a'))?.note.summary).toBe('A');
    expect(await cache.get('b')).toBeUndefined();
  });

  it('evicts the least recently used entry past the entry bound', async () => {
    const cache = new NoteCache(2, 1e6);
    await cache.set('a', entry('A'));
    await cache.set('b', entry('B'));
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', entry('C'));
    expect(await cache.get('b')).toBeUndefined();
    expect((await cache.get('a'))?.note.summary).toBe('A');
    expect(cache.size).toBe(2);
  });

  it('evicts past the byte bound and refuses an entry larger than the whole cache', async () => {
    const one = JSON.stringify(entry('A')).length * 2;
    const cache = new NoteCache(100, one * 2 + 10);
    await cache.set('a', entry('A'));
    await cache.set('b', entry('B'));
    await cache.set('c', entry('C'));
    expect(cache.size).toBe(2);
    expect(await cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(one * 2 + 10);
    await cache.set('huge', entry('x'.repeat(one * 3)));
    expect(await cache.get('huge')).toBeUndefined();
  });

  it('replacing a key does not double-count its bytes', async () => {
    const cache = new NoteCache(10, 1e6);
    await cache.set('a', entry('A'));
    const bytes = cache.bytes;
    await cache.set('a', entry('A'));
    expect(cache.bytes).toBe(bytes);
  });

  it('writes through to its store and comes back after a restart, in LRU order', async () => {
    const { store, data } = memoryStore();
    let now = 1;
    const first = new NoteCache(2, 1e6, store, () => now++);
    await first.set('a', entry('A'));
    await first.set('b', entry('B'));
    await first.get('a'); // a used last
    await settle();
    expect([...data.keys()].sort()).toEqual(['a', 'b']);

    const restarted = new NoteCache(2, 1e6, store, () => now++);
    await restarted.set('c', entry('C')); // evicts the least recently used: b
    await settle();
    expect(await restarted.get('b')).toBeUndefined();
    expect((await restarted.get('a'))?.note.summary).toBe('A');
    expect(data.has('b')).toBe(false);
  });

  it('lists the history most recent first, and clears memory and store', async () => {
    const { store, data } = memoryStore();
    const cache = new NoteCache(10, 1e6, store);
    await cache.set('a', entry('A'));
    await cache.set('b', entry('B'));
    expect((await cache.list()).map((c) => c.note.summary)).toEqual(['B', 'A']);
    await cache.clear();
    expect(await cache.list()).toEqual([]);
    expect(data.size).toBe(0);
  });

  it('keeps working in memory when the store is full', async () => {
    const { store, fill } = memoryStore();
    fill();
    const cache = new NoteCache(10, 1e6, store);
    await cache.set('a', entry('A'));
    await settle();
    expect((await cache.get('a'))?.note.summary).toBe('A');
  });

  it('starts empty when the store cannot be read', async () => {
    const broken: NoteCacheStore = {
      ...memoryStore().store,
      loadAll: () => Promise.reject(new Error('corrupt')),
    };
    const cache = new NoteCache(10, 1e6, broken);
    expect(await cache.list()).toEqual([]);
    await cache.set('a', entry('A'));
    expect(cache.size).toBe(1);
  });
});
