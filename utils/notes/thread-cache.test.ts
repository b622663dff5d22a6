import { describe, expect, it } from 'vitest';
import { THREAD_PROMPT_VERSION } from '../ai/thread-prompt';
import type { ThreadPost } from '../core/thread';
import { createThreadCache, threadCacheKey, uncoveredPosts, type CachedDigest } from './thread-cache';
import { memoryCacheStore } from '../../test-support/memory-cache-store';

const PARTS = {
  url: 'https://news.ycombinator.com/item?id=1',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  answerLanguage: 'en',
};

function kept(covered: string[], about = 'About.'): CachedDigest {
  return {
    digest: { about, positions: [], disputed: [], sourced: [], questions: [] },
    meta: {
      provider: 'OpenAI',
      model: 'gpt-4o-mini',
      promptVersion: THREAD_PROMPT_VERSION,
      posts: covered.length,
      leftOut: 0,
      chunks: 1,
      skippedChunks: [],
      requests: 1,
      usage: { promptTokens: 1, completionTokens: 1, estimated: false },
      createdAt: 0,
      fromCache: false,
    },
    covered,
  };
}

describe('thread cache', () => {
  it('keys a digest by the thread page, endpoint, model, prompt version and answer language', () => {
    const key = threadCacheKey(PARTS);
    expect(key).toContain(THREAD_PROMPT_VERSION);
    const others = [
      { ...PARTS, url: 'https://news.ycombinator.com/item?id=2' },
      { ...PARTS, baseUrl: 'http://localhost:11434/v1' },
      { ...PARTS, model: 'gpt-4o' },
      { ...PARTS, answerLanguage: 'pt-BR' },
      // A separator inside one part cannot make it read as another's.
      { ...PARTS, url: `${PARTS.url}","https://api.openai.com/v1`, baseUrl: '' },
    ].map(threadCacheKey);
    expect(new Set([key, ...others]).size).toBe(6);
    expect(threadCacheKey({ ...PARTS })).toBe(key);
  });

  it('tells which posts a kept digest does not cover, in page order', () => {
    const post = (key: string) => ({ key }) as ThreadPost;
    const posts = ['a', 'b', 'c', 'd'].map(post);
    expect(uncoveredPosts(kept(['b', 'a', 'gone']), posts).map((p) => p.key)).toEqual(['c', 'd']);
    expect(uncoveredPosts(kept(['a', 'b', 'c', 'd']), posts)).toEqual([]);
  });

  it('keeps a few hundred threads in its own store, least recently used out first, across restarts', async () => {
    const store = memoryCacheStore<CachedDigest>();
    const cache = createThreadCache(store);
    for (let i = 0; i < 250; i++) await cache.set(`t${i}`, kept([`k${i}`]));
    expect(cache.size).toBe(200);
    expect(await cache.get('t0')).toBeUndefined();
    expect(await cache.get('t249')).toEqual(kept(['k249']));
    await Promise.resolve(); // the write-through of the last get
    const restarted = createThreadCache(store);
    expect(await restarted.get('t100')).toEqual(kept(['k100']));
    expect(restarted.size).toBe(200);
  });

  it('bounds its bytes: a 5,000-comment thread fits, a dozen of them push older ones out', async () => {
    const cache = createThreadCache();
    const keys = (n: number) =>
      Array.from({ length: 5_000 }, (_, i) => `reddit:t1_${n}_${'x'.repeat(20)}${i}`);
    await cache.set('big0', kept(keys(0)));
    expect(await cache.get('big0')).toBeDefined();
    for (let n = 1; n <= 12; n++) await cache.set(`big${n}`, kept(keys(n)));
    expect(cache.bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(await cache.get('big0')).toBeUndefined();
    expect(await cache.get('big12')).toBeDefined();
  });
});
