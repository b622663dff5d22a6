import { THREAD_PROMPT_VERSION } from '../ai/thread-prompt';
import type { Digest, DigestMeta, ThreadPost } from '../core/thread';
import { NoteCache, type NoteCacheStore } from './note-cache';

/** A thread's digest as kept, with the posts it covers: a thread that grew is told by them. */
export interface CachedDigest {
  digest: Digest;
  meta: DigestMeta;
  /** Keys of the posts summarized (not those of parts whose answer stayed invalid). */
  covered: string[];
}

/** Thread digests in their own LRU cache and store, apart from notes and verdicts. */
export type ThreadCache = NoteCache<CachedDigest>;

/**
 * A digest is a few KB, its covered keys ~40 bytes a post: a few hundred threads, the largest
 * (5,000 comments) a few hundred KB each.
 */
const THREAD_CACHE_MAX_ENTRIES = 200;
const THREAD_CACHE_MAX_BYTES = 4 * 1024 * 1024;

export function createThreadCache(store: NoteCacheStore<CachedDigest> | null = null): ThreadCache {
  return new NoteCache<CachedDigest>(THREAD_CACHE_MAX_ENTRIES, THREAD_CACHE_MAX_BYTES, store);
}

export interface ThreadKeyParts {
  /** The thread's page, without its fragment. */
  url: string;
  baseUrl: string;
  model: string;
  answerLanguage: string;
}

/**
 * One digest per thread page, model at its endpoint, prompt version and answer language; the
 * posts are not part of the key: a thread that grew keeps its digest and is offered an update.
 */
export function threadCacheKey(parts: ThreadKeyParts): string {
  return `thread|${JSON.stringify([parts.url, parts.baseUrl, parts.model, THREAD_PROMPT_VERSION, parts.answerLanguage])}`;
}

/** The posts a kept digest does not cover, in their order. */
export function uncoveredPosts(cached: CachedDigest, posts: readonly ThreadPost[]): ThreadPost[] {
  const covered = new Set(cached.covered);
  return posts.filter((post) => !covered.has(post.key));
}
