import type { Note } from '../ai/note-schema';
import type { NoteMeta } from './note-meta';
import type { Post } from '../posts/post';
import { postKey } from '../posts/post';

export interface CachedNote {
  note: Note;
  meta: NoteMeta;
}

export interface CacheKeyParts {
  post: Post;
  baseUrl: string;
  model: string;
  promptVersion: string;
  answerLanguage: string;
}

/**
 * A note is reusable only for the same post, the same text (an edited post is a new one), the
 * same model at the same endpoint, the same prompt version and the same answer language.
 */
export async function noteCacheKey(parts: CacheKeyParts): Promise<string> {
  const { post } = parts;
  const textHash = await sha256Hex(JSON.stringify([post.text, post.quoted?.text ?? null, post.media.imageAlts]));
  return [postKey(post), textHash, parts.baseUrl, parts.model, parts.promptVersion, parts.answerLanguage].join('|');
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Least-recently-used cache bounded both by entry count and by (approximate) bytes. */
export class NoteCache {
  private readonly entries = new Map<string, { value: CachedNote; bytes: number }>();
  private totalBytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): CachedNote | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert so Map order is recency order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: CachedNote): void {
    this.delete(key);
    const bytes = JSON.stringify(value).length * 2; // UTF-16: an upper bound that is cheap to get
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    this.evict();
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) return;
      this.delete(key);
    }
  }
}
