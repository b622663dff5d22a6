import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';

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
