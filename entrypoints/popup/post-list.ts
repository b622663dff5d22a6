import { postListSchema, type PostList, type PostListItem } from '../../utils/messaging/protocol';
import { chipKind } from '../../components/popup/post-format';

/**
 * Pure logic of the popup: no browser calls, no i18n (tested in post-list.test.ts).
 */

/** What the active tab's content script said to 'posts:list'. */
export type PostListOutcome =
  | { kind: 'ok'; list: PostList }
  /** Nobody answered: no content script, or one that does not handle the message. */
  | { kind: 'no_answer' }
  /** An answer that is not a PostList. */
  | { kind: 'bad_answer' };

export function parsePostListResponse(raw: unknown): PostListOutcome {
  if (raw === undefined || raw === null) return { kind: 'no_answer' };
  const parsed = postListSchema.safeParse(raw);
  return parsed.success ? { kind: 'ok', list: parsed.data } : { kind: 'bad_answer' };
}

/** Keep refreshing while a note or the digest is being written, so the popup moves on by itself. */
export function hasWorkInProgress(
  posts: readonly PostListItem[],
  digest: PostList['digest'] = null,
): boolean {
  return posts.some((post) => chipKind(post.status) === 'working') || (digest !== null && !digest.final);
}

/**
 * Keep asking a page that has no posts yet: they may still be loading, or the page may soon
 * say that it should have some (the site may have changed).
 */
export function awaitingPosts(list: Pick<PostList, 'posts' | 'noPosts'>): boolean {
  return list.posts.length === 0 && list.noPosts === null;
}
