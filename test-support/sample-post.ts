import type { Post } from '../utils/core/post';

/** A complete, plausible post for tests: override the fields a test is about. */
export function samplePost(overrides: Partial<Post> = {}): Post {
  return {
    site: 'x',
    id: '1851263513130018247',
    url: 'https://x.com/someone/status/1851263513130018247',
    author: { name: 'Some One', handle: 'someone' },
    time: '2024-10-29T14:00:00.000Z',
    text: 'The bridge opened in 2021.',
    lang: 'en',
    truncated: false,
    links: [],
    media: { imageAlts: [], hasVideo: false },
    quoted: null,
    parent: null,
    replyTo: [],
    ...overrides,
  };
}
