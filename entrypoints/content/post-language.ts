import { browser } from 'wxt/browser';
import { languageOf } from '@/utils/posts/detected-language';
import type { Post } from '@/utils/core/post';

/**
 * The post with its language filled in by the browser's own detector when the page did not
 * say (Bluesky, X Articles). Local and cheap, and run only when a note is requested, never per
 * post while scrolling. A detector that fails or is unsure leaves the language unknown.
 */
export async function withLanguage(post: Post): Promise<Post> {
  if (post.lang !== null || post.text.trim() === '') return post;
  try {
    const lang = languageOf(await browser.i18n.detectLanguage(post.text));
    return lang === null ? post : { ...post, lang };
  } catch {
    return post;
  }
}
