import { isFlagged as isFlaggedVerdict } from '../../utils/core/triage';
import type { PostListItem } from '../../utils/messaging/popup-protocol';

/** The popup's list filter: pure, no i18n (tested in post-filter.test.ts). */

export const POST_FILTERS = ['all', 'note', 'flagged'] as const;
export type PostFilter = (typeof POST_FILTERS)[number];

/** What the filters look at: a post's note state and verdict (also the toolbar's count, on the page). */
type PostVerdicts = Pick<PostListItem, 'status' | 'note' | 'triage'>;

/** A finished note is there to read. */
export function hasNote(post: PostVerdicts): boolean {
  return post.status === 'done' && post.note !== null;
}

/**
 * Flagged: the note or the triage says misleading, false or needs context, or the post tried to
 * instruct the model.
 */
export function isFlagged(post: PostVerdicts): boolean {
  const { note, triage } = post;
  return (
    (hasNote(post) && note !== null && isFlaggedVerdict(note)) ||
    (triage !== null && isFlaggedVerdict(triage))
  );
}

export function matchesFilter(post: PostListItem, filter: PostFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'note':
      return hasNote(post);
    case 'flagged':
      return isFlagged(post);
  }
}

export function filterPosts(posts: readonly PostListItem[], filter: PostFilter): PostListItem[] {
  return posts.filter((post) => matchesFilter(post, filter));
}

/** How many posts each filter shows (the segmented control's counts). */
export function filterCounts(posts: readonly PostListItem[]): Record<PostFilter, number> {
  const counts: Record<PostFilter, number> = { all: 0, note: 0, flagged: 0 };
  for (const post of posts)
    for (const filter of POST_FILTERS) if (matchesFilter(post, filter)) counts[filter]++;
  return counts;
}
