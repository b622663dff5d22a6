import type { PostList, PostListItem } from '@/utils/messaging/protocol';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { noPostsDiagnostic } from './no-posts';
import { noteStore } from './note-store';

const EXCERPT_LENGTH = 140;

/**
 * What the popup lists: this page's posts in page order, once each, with their note state;
 * with none, whether the site may have changed (the page shown since `shownSince`).
 */
export function listPosts(adapter: SiteAdapter, shownSince: number): PostList {
  const seen = new Set<string>();
  const posts: PostListItem[] = [];
  const notes = noteStore.getState().notes;
  for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`)) {
    const key = root.getAttribute(POST_ATTRIBUTE);
    if (!key || seen.has(key)) continue;
    const post = adapter.extractPost(root);
    if (!post) continue;
    seen.add(key);
    const state = notes[key];
    posts.push({
      key,
      url: post.url,
      authorName: post.author.name,
      handle: post.author.handle,
      excerpt: excerpt(post.text),
      status: state?.status ?? 'idle',
      note: state?.status === 'done' ? state.note : null,
      error: state?.status === 'error' ? state.error : null,
    });
  }
  const noPosts = posts.length === 0 ? noPostsDiagnostic(adapter, shownSince) : null;
  return { site: adapter.id, posts, digest: noteStore.getState().digest, noPosts };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= EXCERPT_LENGTH ? flat : chars.slice(0, EXCERPT_LENGTH - 1).join('') + '…';
}

/**
 * The root currently showing the post with this key, if it is still on the page; a visible one
 * when the page keeps hidden copies (Bluesky keeps inactive feed tabs mounted).
 */
export function findPostRoot(key: string): Element | null {
  let hidden: Element | null = null;
  for (const root of document.querySelectorAll(`[${POST_ATTRIBUTE}]`)) {
    if (root.getAttribute(POST_ATTRIBUTE) !== key) continue;
    if (root.checkVisibility?.() !== false) return root;
    hidden ??= root;
  }
  return hidden;
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
