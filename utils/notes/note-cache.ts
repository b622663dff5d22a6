import { VIDEO_PROMPT_VERSION } from '../ai/video-prompt';
import type { Note } from '../core/note-schema';
import type { NoteMeta } from '../core/note-meta';
import type { Post } from '../core/post';
import { postKey } from '../core/post';

/** Enough of the post to list a note in the history and export it, without the page. */
export interface NotePostRef {
  key: string;
  url: string;
  authorName: string;
  handle: string;
  text: string;
}

export interface CachedNote {
  post: NotePostRef;
  note: Note;
  meta: NoteMeta;
}

/**
 * Where cached notes (or, with V, triage verdicts) outlive the service worker (IndexedDB in the
 * extension).
 */
export interface NoteCacheStore<V = CachedNote> {
  loadAll(): Promise<Array<[string, StoredNote<V>]>>;
  put(key: string, value: StoredNote<V>): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

export interface StoredNote<V = CachedNote> {
  value: V;
  /** Last time it was read or written: restores the LRU order after a restart. */
  usedAt: number;
}

export interface CacheKeyParts {
  post: Post;
  baseUrl: string;
  model: string;
  promptVersion: string;
  answerLanguage: string;
  /** Which evidence sources were on (EvidencePlan.fingerprint). */
  evidence: string;
}

const HISTORY_TEXT_MAX = 500;

/**
 * A note is reusable only for the same post, the same text (an edited post is a new one), the
 * same model at the same endpoint, the same prompt version, answer language and evidence sources.
 */
export async function noteCacheKey(parts: CacheKeyParts): Promise<string> {
  return `${postKey(parts.post)}|${await noteContentKey(parts)}`;
}

/** The same without the post's id: identical text elsewhere (a repost) gets the same note. */
export async function noteContentKey(parts: CacheKeyParts): Promise<string> {
  const { post } = parts;
  const textHash = await sha256Hex(
    JSON.stringify([
      post.text,
      post.quoted?.text ?? null,
      post.parent?.text ?? null,
      post.media.imageAlts,
      // Pictures sent to the model are part of what the note was written from.
      post.media.imageUrls ?? [],
      post.quoted?.media.imageUrls ?? [],
      // A Community Note or label that appears later is new evidence: a new note.
      post.platformContext ?? [],
      // A video's note is written from its transcript's outline: the outline's prompt is part of it.
      post.video ? [post.video.id, VIDEO_PROMPT_VERSION] : null,
    ]),
  );
  return [
    textHash,
    parts.baseUrl,
    parts.model,
    parts.promptVersion,
    parts.answerLanguage,
    parts.evidence,
  ].join('|');
}

export function notePostRef(post: Post): NotePostRef {
  return {
    key: postKey(post),
    url: post.url,
    authorName: post.author.name,
    handle: post.author.handle,
    text: Array.from(post.text).slice(0, HISTORY_TEXT_MAX).join(''),
  };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Least-recently-used cache bounded both by entry count and by (approximate) bytes, kept in
 * memory and written through to a store so it survives service-worker and browser restarts.
 * A store that fails (quota full) costs persistence, never a note. Notes by default; triage
 * keeps its verdicts in one of its own (V = CachedTriage).
 */
export class NoteCache<V = CachedNote> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly store: NoteCacheStore<V> | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<V | undefined> {
    await this.load();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert so Map order is recency order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.persist(key, entry.value);
    return entry.value;
  }

  async set(key: string, value: V): Promise<void> {
    await this.load();
    if (!this.insert(key, value)) return;
    this.persist(key, value);
    for (const evicted of this.evict()) void this.store?.delete(evicted).catch(ignore);
  }

  /** Every cached note, most recent first (the history). */
  async list(): Promise<V[]> {
    await this.load();
    return [...this.entries.values()].map((e) => e.value).reverse();
  }

  async clear(): Promise<void> {
    await this.load();
    this.entries.clear();
    this.totalBytes = 0;
    await this.store?.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const stored = (await this.store?.loadAll().catch(() => [])) ?? [];
      stored.sort(([, a], [, b]) => a.usedAt - b.usedAt);
      for (const [key, { value }] of stored) this.insert(key, value);
      for (const evicted of this.evict()) void this.store?.delete(evicted).catch(ignore);
    })();
    return this.loaded;
  }

  /** Adds or replaces an entry in memory; false when it is larger than the whole cache. */
  private insert(key: string, value: V): boolean {
    this.remove(key);
    const bytes = JSON.stringify(value).length * 2; // UTF-16: an upper bound that is cheap to get
    if (bytes > this.maxBytes) return false;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    return true;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  /** Drops least recently used entries until within bounds; returns their keys. */
  private evict(): string[] {
    const evicted: string[] = [];
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.remove(key);
      evicted.push(key);
    }
    return evicted;
  }

  private persist(key: string, value: V): void {
    void this.store?.put(key, { value, usedAt: this.now() }).catch(ignore);
  }
}

function ignore(): void {
  // Persistence is best effort: the note is in memory either way.
}
