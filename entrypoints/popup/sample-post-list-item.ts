import type { PostListItem } from '../../utils/messaging/popup-protocol';

/** A popup list entry for tests: override the fields a test is about. */
export function samplePostListItem(overrides: Partial<PostListItem> = {}): PostListItem {
  return {
    key: 'x:1',
    url: 'https://x.com/alice/status/1',
    authorName: 'Alice',
    handle: 'alice',
    excerpt: 'Hello',
    status: 'idle',
    note: null,
    error: null,
    triage: null,
    ...overrides,
  };
}
