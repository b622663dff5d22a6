import type { PostListItem } from '@/utils/messaging/popup-protocol';
import type { NoteState } from '@/utils/core/note-state';
import type { Triage } from '@/utils/core/triage';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { noteStore } from './note-store';

const EXCERPT_LENGTH = 140;

/**
 * What the popup shows of a post's note state (its status, and the note or error once there) and
 * of its triage verdict.
 */
export interface ShownNote {
  status: PostListItem['status'];
  note: PostListItem['note'];
  error: PostListItem['error'];
  triage: PostListItem['triage'];
}

export function shownNote(state: NoteState | undefined, triage: Triage | undefined): ShownNote {
  return {
    status: state?.status ?? 'idle',
    note: state?.status === 'done' ? state.note : null,
    error: state?.status === 'error' ? state.error : null,
    triage: triage ?? null,
  };
}

/** Whether the popup would show a change (a streamed chunk alone is none). */
export function sameShownNote(a: ShownNote, b: ShownNote): boolean {
  return a.status === b.status && a.note === b.note && a.error === b.error && a.triage === b.triage;
}

interface CachedItem {
  key: string;
  shown: ShownNote;
  item: PostListItem | null;
}

/**
 * What the popup lists: this page's posts in page order, once each, with their note state. A
 * post is extracted from the page once, and again only when another root element shows it (a
 * re-render, a recycled node) or its note state changed as the popup shows it.
 */
export class PostItems {
  /** By the root element the item was extracted from; roots that leave the page are collected. */
  private cache = new WeakMap<Element, CachedItem>();

  constructor(private readonly adapter: SiteAdapter) {}

  list(): PostListItem[] {
    const seen = new Set<string>();
    const posts: PostListItem[] = [];
    for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`)) {
      const key = root.getAttribute(POST_ATTRIBUTE);
      if (!key || seen.has(key)) continue;
      const item = this.item(key, root);
      if (!item) continue;
      seen.add(key);
      posts.push(item);
    }
    return posts;
  }

  /** The entry of the post with this key, as `root` shows it; null if it cannot be read. */
  item(key: string, root: Element): PostListItem | null {
    const { notes, triage } = noteStore.getState();
    const shown = shownNote(notes[key], triage[key]);
    const cached = this.cache.get(root);
    if (cached && cached.key === key && sameShownNote(cached.shown, shown)) return cached.item;
    const post = this.adapter.extractPost(root);
    const item = post && {
      key,
      url: post.url,
      authorName: post.author.name,
      handle: post.author.handle,
      excerpt: excerpt(post.text),
      ...shown,
    };
    this.cache.set(root, { key, shown, item });
    return item;
  }

  /** The entry of the post with this key, as the list shows it (its first root); null if gone. */
  itemOf(key: string): PostListItem | null {
    for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`)) {
      if (root.getAttribute(POST_ATTRIBUTE) === key) return this.item(key, root);
    }
    return null;
  }

  /** Forgets every entry (no popup is listening). */
  clear(): void {
    this.cache = new WeakMap();
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= EXCERPT_LENGTH ? flat : chars.slice(0, EXCERPT_LENGTH - 1).join('') + '…';
}

/** Whether any post of the page was found. */
export function hasPosts(): boolean {
  return document.querySelector(`[${POST_ATTRIBUTE}]`) !== null;
}

/** Posts at least partly in the viewport, top to bottom, once each, at most `max`. */
export function visiblePostRoots(max: number): Element[] {
  const seen = new Set<string>();
  const visible: Element[] = [];
  for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`)) {
    const key = root.getAttribute(POST_ATTRIBUTE);
    const rect = root.getBoundingClientRect();
    if (!key || seen.has(key) || rect.height === 0 || rect.bottom <= 0 || rect.top >= window.innerHeight)
      continue;
    seen.add(key);
    visible.push(root);
    if (visible.length === max) break;
  }
  return visible;
}
