import type { SiteAdapter } from '../utils/sites/site-adapter';
import { samplePost } from './sample-post';

/** A minimal site for content-script tests: posts are <article data-id="…">text</article>. */
export const articleAdapter: SiteAdapter = {
  id: 'x',
  matchesLocation: () => true,
  postRootSelector: 'article',
  postId: (root) => root.getAttribute('data-id'),
  extractPost: (root) => samplePost({ id: root.getAttribute('data-id')!, text: root.textContent ?? '' }),
  badgeAnchor: () => null,
  expectsPosts: () => true,
  // Every page is a thread: its articles are the discussion.
  threadPage: () => true,
  probes: {},
};
