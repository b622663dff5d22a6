// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { postSchema } from '../core/post-schema';
import {
  captureFiles,
  hasRealCaptures,
  loadCapture,
  loadFixture,
  mangleAndExtract,
  rootsIn,
} from '../../test-support/adapter-test-helpers';
import { blueskyAdapter } from './bluesky/adapter';
import { facebookAdapter } from './facebook/adapter';
import { genericAdapter } from './generic/adapter';
import { hackerNewsAdapter } from './hackernews/adapter';
import { linkedInAdapter } from './linkedin/adapter';
import { mastodonAdapter } from './mastodon/adapter';
import { redditAdapter } from './reddit/adapter';
import type { SiteAdapter } from './site-adapter';
import { threadsAdapter } from './threads/adapter';
import { xAdapter } from './x/adapter';
import { youtubeAdapter } from './youtube/adapter';

// Every adapter against every one of its fixtures mangled at random, and against random DOM:
// a site that changed its markup yields fewer posts, never an exception or an invalid post.

const ADAPTERS: Array<[SiteAdapter, string[]]> = [
  [xAdapter, ['x/home.html', 'x/status.html', 'x/community-note.html']],
  [blueskyAdapter, ['bluesky/feed.html', 'bluesky/thread.html', 'bluesky/labels.html']],
  [mastodonAdapter, ['mastodon/home.html', 'mastodon/status.html', 'mastodon/other-instance.html']],
  [redditAdapter, ['reddit/feed.html', 'reddit/comments.html', 'reddit/old.html', 'reddit/removed.html']],
  [threadsAdapter, ['threads/feed.html']],
  [linkedInAdapter, ['linkedin/feed.html']],
  [facebookAdapter, ['facebook/feed.html']],
  [hackerNewsAdapter, ['hackernews/front.html', 'hackernews/item.html']],
  [youtubeAdapter, ['youtube/watch.html', 'youtube/info-panel.html', 'youtube/video.html']],
  [genericAdapter, ['generic/forum.html', 'generic/hentry.html', 'generic/comments.html']],
];

/** Attribute names the sites' selectors lean on, and values that look right or break things. */
const ATTRIBUTES = [
  'href',
  'data-testid',
  'role',
  'lang',
  'datetime',
  'id',
  'class',
  'aria-label',
  'data-id',
  'title',
  'slot',
];
const VALUES = [
  '',
  '/someone/status/123',
  '/profile/a.bsky.social/post/3kabcdefghijk',
  'https://example.org/@x/109',
  'javascript:alert(1)',
  'tweet',
  'article',
  'und',
  '2024-13-45T99:99:99Z',
  '<img src=x onerror=alert(1)>',
  '\u202e\u200b',
  'x'.repeat(5_000),
];

function seeded(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
}

/** A random tree of plausible tags with random attributes from the lists above. */
function randomTree(doc: Document, random: (n: number) => number, depth: number): Element {
  const tags = ['div', 'span', 'a', 'article', 'time', 'p', 'img', 'button', 'section', 'li', 'blockquote'];
  const el = doc.createElement(tags[random(tags.length)]!);
  for (let i = random(3); i > 0; i--)
    el.setAttribute(ATTRIBUTES[random(ATTRIBUTES.length)]!, VALUES[random(VALUES.length)]!);
  if (random(3) === 0) el.append(doc.createTextNode(VALUES[random(VALUES.length)]!));
  if (depth > 0) for (let i = random(4); i > 0; i--) el.append(randomTree(doc, random, depth - 1));
  return el;
}

describe.each(ADAPTERS)('$id adapter', (adapter, fixtures) => {
  it.each(fixtures)(
    'survives %s mangled 150 times',
    (fixture) => {
      const [site, name] = fixture.split('/') as [string, string];
      const roots = rootsIn(adapter, loadFixture(site, name));
      expect(roots.length).toBeGreaterThan(0);
      mangleAndExtract(adapter, roots, {
        attributes: ATTRIBUTES,
        values: VALUES,
        wrapper: (doc) => doc.createElement('div'),
        rounds: 150,
      });
    },
    30_000,
  ); // a few seconds on a quiet machine; the default 5 s is too tight on a shared one

  it('survives random DOM, and whatever it calls a post is a valid one', () => {
    const random = seeded(7);
    for (let round = 0; round < 300; round++) {
      const root = randomTree(document, random, 5);
      // Give it the adapter's own root shape half the time, so the deep code paths run.
      const candidate = round % 2 === 0 ? root : (root.querySelector(adapter.postRootSelector) ?? root);
      const id = adapter.postId(candidate);
      const post = adapter.extractPost(candidate);
      adapter.badgeAnchor(candidate);
      if (post) {
        expect(post.id).toBe(id);
        expect(postSchema.safeParse(post).success).toBe(true);
      }
    }
  });
});

// The real captures (read in place; real-captures.test.ts says why they may be missing): every
// adapter against the roots it finds in each, mangled, whichever site the page is from.
describe.runIf(hasRealCaptures())('real captures', () => {
  it.each(hasRealCaptures() ? captureFiles() : [])(
    'every adapter survives the roots it finds in %s, mangled',
    (file) => {
      const window = loadCapture(file);
      try {
        for (const [adapter] of ADAPTERS) {
          const roots = rootsIn(adapter, window.document).slice(0, 8);
          if (roots.length === 0) continue;
          mangleAndExtract(adapter, roots, {
            attributes: ATTRIBUTES,
            values: VALUES,
            wrapper: (doc) => doc.createElement('div'),
            rounds: 16,
          });
        }
      } finally {
        window.close();
      }
    },
    120_000,
  );
});
