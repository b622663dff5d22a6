import type { Classification } from '../../utils/core/note-schema';
import type { PostListItem } from '../../utils/messaging/protocol';

/** The popup's list filter: pure, no i18n (tested in post-filter.test.ts). */

export const POST_FILTERS = ['all', 'note', 'flagged'] as const;
export type PostFilter = (typeof POST_FILTERS)[number];

/** Classifications that mean "readers should look twice". */
const FLAGGED_CLASSIFICATIONS: ReadonlySet<Classification> = new Set([
  'misleading',
  'false',
  'needs_context',
]);

/** A finished note is there to read. */
export function hasNote(post: PostListItem): boolean {
  return post.status === 'done' && post.note !== null;
}

/** Flagged: the note says misleading, false or needs context, or the post tried to instruct the model. */
export function isFlagged(post: PostListItem): boolean {
  const { note } = post;
  return (
    hasNote(post) &&
    note !== null &&
    (FLAGGED_CLASSIFICATIONS.has(note.classification) || note.injection_detected)
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
