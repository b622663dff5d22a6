import { describe, expect, it } from 'vitest';
import { samplePost } from '../posts/sample-post';
import { NoteCache, noteCacheKey, type CachedNote, type CacheKeyParts } from './note-cache';

const post = samplePost({ id: '1', url: 'https://x.com/a/status/1', text: 'hello' });

const parts: CacheKeyParts = {
  post,
  baseUrl: 'https://api.example/v1',
  model: 'm1',
  promptVersion: 'p1',
  answerLanguage: 'en',
};

function entry(summary: string): CachedNote {
  return {
    note: { summary, classification: 'opinion', note: '', claims: [], detail: '', injection_detected: false },
    meta: {
      provider: 'p',
      model: 'm1',
      promptVersion: 'p1',
      evidence: [],
      usage: { promptTokens: 1, completionTokens: 1, estimated: false },
      createdAt: 0,
      fromCache: false,
    },
  };
}

describe('noteCacheKey', () => {
  it('is stable for the same inputs', async () => {
    expect(await noteCacheKey(parts)).toBe(await noteCacheKey({ ...parts, post: { ...post } }));
  });

  it('changes with the text, the model, the endpoint, the prompt version and the language', async () => {
    const base = await noteCacheKey(parts);
    const variants = await Promise.all([
      noteCacheKey({ ...parts, post: { ...post, text: 'hello!' } }),
      noteCacheKey({ ...parts, model: 'm2' }),
      noteCacheKey({ ...parts, baseUrl: 'http://localhost:11434/v1' }),
      noteCacheKey({ ...parts, promptVersion: 'p2' }),
      noteCacheKey({ ...parts, answerLanguage: 'pt-BR' }),
      noteCacheKey({ ...parts, post: { ...post, id: '2' } }),
    ]);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('starts with the post key and does not contain the text itself', async () => {
    const key = await noteCacheKey(parts);
    expect(key.startsWith('x:1|')).toBe(true);
    expect(key).not.toContain('hello');
  });
});

describe('NoteCache', () => {
  it('returns what was stored, and misses what was not', () => {
    const cache = new NoteCache(10, 1e6);
    cache.set('a', entry('A'));
    expect(cache.get('a')?.note.summary).toBe('A');
    expect(cache.get('b')).toBeUndefined();
  });

  it('evicts the least recently used entry past the entry bound', () => {
    const cache = new NoteCache(2, 1e6);
    cache.set('a', entry('A'));
    cache.set('b', entry('B'));
    cache.get('a'); // a is now more recent than b
    cache.set('c', entry('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.note.summary).toBe('A');
    expect(cache.size).toBe(2);
  });

  it('evicts past the byte bound and refuses an entry larger than the whole cache', () => {
    const one = JSON.stringify(entry('A')).length * 2;
    const cache = new NoteCache(100, one * 2 + 10);
    cache.set('a', entry('A'));
    cache.set('b', entry('B'));
    cache.set('c', entry('C'));
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(one * 2 + 10);
    cache.set('huge', entry('x'.repeat(one * 3)));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('replacing a key does not double-count its bytes', () => {
    const cache = new NoteCache(10, 1e6);
    cache.set('a', entry('A'));
    const bytes = cache.bytes;
    cache.set('a', entry('A'));
    expect(cache.bytes).toBe(bytes);
  });
});
