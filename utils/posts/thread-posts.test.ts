// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asQuoted, postKey } from '../core/post';
import { THREAD_POSTS_MAX, THREAD_TEXT_MAX, threadPostSchema, type ThreadPost } from '../core/thread';
import { fixtureHtml, hasRealCaptures, loadCapture } from '../../test-support/adapter-test-helpers';
import { samplePost } from '../../test-support/sample-post';
import { blueskyAdapter } from '../sites/bluesky/adapter';
import { hackerNewsAdapter } from '../sites/hackernews/adapter';
import { mastodonAdapter } from '../sites/mastodon/adapter';
import { redditAdapter } from '../sites/reddit/adapter';
import type { SiteAdapter } from '../sites/site-adapter';
import { xAdapter } from '../sites/x/adapter';
import { youtubeAdapter } from '../sites/youtube/adapter';
import { collectThread } from './thread-posts';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** The fixture as the test window's own document at its URL (computed styles apply), scripts removed. */
function mountFixture(site: string, name: string, url: string): Document {
  (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url });
  const parsed = new DOMParser().parseFromString(fixtureHtml(site, name), 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
  return document;
}

/** Each post as [key, parentKey]: page order and reply structure at a glance. */
const tree = (posts: ThreadPost[]) => posts.map((post) => [post.key, post.parentKey]);

// ---------------------------------------------------------------------------------------
// A generated site: <article data-id="7" data-parent="3">text</article>

const generatedSite: SiteAdapter = {
  id: 'x',
  matchesLocation: () => true,
  postRootSelector: 'article',
  postId: (root) => root.getAttribute('data-id'),
  extractPost: (root) => {
    const parent = root.getAttribute('data-parent');
    const id = root.getAttribute('data-id')!;
    return samplePost({
      id,
      url: `https://x.com/a/status/${id}`,
      text: root.textContent ?? '',
      parent: parent === null ? null : asQuoted(samplePost({ id: parent })),
    });
  },
  badgeAnchor: () => null,
  expectsPosts: () => true,
  threadPage: () => true,
  probes: {},
};

/** A page of `count` posts 1…count; each after the first replies to the one before it. */
function generatedThread(count: number): HTMLElement {
  const page = document.createElement('main');
  page.innerHTML = Array.from(
    { length: count },
    (_, i) => `<article data-id="${i + 1}"${i > 0 ? ` data-parent="${i}"` : ''}>Comment ${i + 1}</article>`,
  ).join('');
  document.body.append(page);
  return page;
}

describe('collectThread on a generated page', () => {
  it('keeps page order, each post once, and the reply structure', async () => {
    const page = generatedThread(3);
    page.append(page.firstElementChild!.cloneNode(true)); // a second copy of post 1, later
    const { posts, leftOut } = await collectThread(generatedSite, page);
    expect(tree(posts)).toEqual([
      ['x:1', null],
      ['x:2', 'x:1'],
      ['x:3', 'x:2'],
    ]);
    expect(posts[1]).toEqual({
      key: 'x:2',
      parentKey: 'x:1',
      url: 'https://x.com/a/status/2',
      author: { name: 'Some One', handle: 'someone' },
      time: '2024-10-29T14:00:00.000Z',
      text: 'Comment 2',
    });
    expect(leftOut).toBe(0);
  });

  it('skips posts without text, and takes a later copy of a post when the first shows none', async () => {
    const page = generatedThread(3);
    page.children[1]!.textContent = '  \n';
    const hiddenCopy = page.children[2]!.cloneNode() as Element; // a copy that renders no text
    page.prepend(hiddenCopy);
    const { posts } = await collectThread(generatedSite, page);
    expect(posts.map((post) => [post.key, post.text])).toEqual([
      ['x:1', 'Comment 1'],
      ['x:3', 'Comment 3'],
    ]);
  });

  it('clips long texts to THREAD_TEXT_MAX, by code point and within the schema', async () => {
    const page = generatedThread(2);
    page.children[0]!.textContent = 'a'.repeat(THREAD_TEXT_MAX + 10);
    page.children[1]!.textContent = '😀'.repeat(THREAD_TEXT_MAX);
    const { posts } = await collectThread(generatedSite, page);
    expect(Array.from(posts[0]!.text)).toHaveLength(THREAD_TEXT_MAX);
    expect(posts[0]!.text.endsWith('a…')).toBe(true);
    expect(posts[1]!.text).toBe('😀'.repeat(THREAD_TEXT_MAX / 2 - 1) + '…');
    for (const post of posts) expect(() => threadPostSchema.parse(post)).not.toThrow();
  });

  it('extracts at most THREAD_POSTS_MAX posts and counts the rest, unextracted', async () => {
    const page = generatedThread(THREAD_POSTS_MAX + 200);
    const extract = vi.spyOn(generatedSite, 'extractPost');
    const { posts, leftOut } = await collectThread(generatedSite, page);
    expect(posts).toHaveLength(THREAD_POSTS_MAX);
    expect(posts.at(-1)?.key).toBe(`x:${THREAD_POSTS_MAX}`);
    expect(leftOut).toBe(200);
    expect(extract).toHaveBeenCalledTimes(THREAD_POSTS_MAX);
  });

  it('yields to the event loop every 100 posts: the first task extracts 100', async () => {
    const page = generatedThread(250);
    const extract = vi.spyOn(generatedSite, 'extractPost');
    const collecting = collectThread(generatedSite, page);
    expect(extract).toHaveBeenCalledTimes(100);
    expect((await collecting).posts).toHaveLength(250);
  });

  it('stops once the signal aborts, extracting no more', async () => {
    const page = generatedThread(THREAD_POSTS_MAX + 200);
    const extract = vi.spyOn(generatedSite, 'extractPost');
    const controller = new AbortController();
    const collecting = collectThread(generatedSite, page, controller.signal);
    controller.abort();
    await expect(collecting).rejects.toMatchObject({ name: 'AbortError' });
    expect(extract).toHaveBeenCalledTimes(100);
  });

  it('rejects at once with an aborted signal', async () => {
    const page = generatedThread(3);
    const extract = vi.spyOn(generatedSite, 'extractPost');
    await expect(collectThread(generatedSite, page, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(extract).not.toHaveBeenCalled();
  });

  it('leaves out posts the page removed while it waited', async () => {
    const page = generatedThread(300);
    const collecting = collectThread(generatedSite, page);
    page.querySelector('[data-id="150"]')!.remove();
    const { posts } = await collecting;
    expect(posts).toHaveLength(299);
    expect(posts.map((post) => post.key)).not.toContain('x:150');
  });
});

// ---------------------------------------------------------------------------------------
// The adapters' fixtures

describe('collectThread on the sites’ fixtures', () => {
  it('Hacker News item: the story, then its comments under the comment each answers', async () => {
    const url = 'https://news.ycombinator.com/item?id=50121877';
    const doc = mountFixture('hackernews', 'item.html', url);
    expect(hackerNewsAdapter.threadPage(new URL(url))).toBe(true);
    const { posts, leftOut } = await collectThread(hackerNewsAdapter, doc);
    const hn = (id: string) => postKey({ site: 'hackernews', id });
    expect(tree(posts)).toEqual([
      [hn('50121877'), null],
      [hn('50122004'), hn('50121877')],
      [hn('50122051'), hn('50122004')],
      [hn('50122133'), hn('50122051')],
      // The reply to the deleted comment: the deleted one is no post, so no parent is known.
      [hn('50122177'), null],
      [hn('50122190'), hn('50121877')],
    ]);
    expect(posts[2]?.author.handle).toBe('quietfox');
    expect(posts[2]?.text.startsWith('That works for the UK.')).toBe(true);
    expect(leftOut).toBe(0);
  });

  it('Reddit comments: the same thread, with the same keys, on shreddit and old Reddit', async () => {
    const path = '/r/AskScience/comments/1p8z0q3/why_does_bread_go_stale_faster_in_the_fridge/';
    expect(redditAdapter.threadPage({ hostname: 'www.reddit.com', pathname: path })).toBe(true);
    const shreddit = await collectThread(
      redditAdapter,
      mountFixture('reddit', 'comments.html', `https://www.reddit.com${path}`),
    );
    const r = (id: string) => `reddit:${id}`;
    expect(tree(shreddit.posts)).toEqual([
      [r('t3_1p8z0q3'), null],
      [r('t1_m3k9x01'), r('t3_1p8z0q3')],
      [r('t1_m3ka2b7'), r('t1_m3k9x01')],
      [r('t1_m3kb9zz'), r('t1_m3ka2b7')],
      [r('t1_m3kc0aa'), null], // under the deleted comment
      [r('t1_m3kd4f2'), r('t3_1p8z0q3')],
    ]);
    const old = await collectThread(
      redditAdapter,
      mountFixture('reddit', 'old.html', `https://old.reddit.com${path}`),
    );
    expect(tree(old.posts)).toEqual(tree(shreddit.posts));
  });

  it('X status page: ancestor, focused post and the replies, chained', async () => {
    const url = 'https://x.com/priyanair_md/status/2126060729405294181';
    expect(xAdapter.threadPage(new URL(url))).toBe(true);
    const { posts } = await collectThread(xAdapter, mountFixture('x', 'status.html', url));
    expect(tree(posts)).toEqual([
      ['x:2126059853873384936', null],
      ['x:2126060729405294181', 'x:2126059853873384936'],
      ['x:2126081232789365520', 'x:2126060729405294181'],
      ['x:2126119386096307688', 'x:2126081232789365520'],
    ]);
  });

  it('Mastodon status page: keys carry the instance, replies answer the status above or the focused one', async () => {
    const url = 'https://mastodon.social/@mayachen/117687664053592342';
    expect(mastodonAdapter.threadPage(new URL(url))).toBe(true);
    const { posts } = await collectThread(mastodonAdapter, mountFixture('mastodon', 'status.html', url));
    const m = (id: string) => `mastodon:mastodon.social/${id}`;
    expect(tree(posts)).toEqual([
      [m('117687656200409703'), null],
      [m('117687664053592342'), m('117687656200409703')],
      [m('117687705135423773'), m('117687664053592342')],
      [m('117687773189251364'), m('117687705135423773')],
      [m('117687830420136235'), m('117687664053592342')],
    ]);
  });

  it('Bluesky thread: the anchor post and the replies under what each answers', async () => {
    const url = 'https://bsky.app/profile/hannahokafor.bsky.social/post/3n3bwtfbekr2f';
    expect(blueskyAdapter.threadPage(new URL(url))).toBe(true);
    const { posts } = await collectThread(blueskyAdapter, mountFixture('bluesky', 'thread.html', url));
    const b = (id: string) => `bluesky:${id}`;
    expect(tree(posts)).toEqual([
      [b('hannahokafor.bsky.social/3n3bwtfbekr2f'), null],
      [b('tombecker.bsky.social/3n3bx5kbcgg2g'), b('hannahokafor.bsky.social/3n3bwtfbekr2f')],
      [b('hannahokafor.bsky.social/3n3bxe6h3ut2h'), b('tombecker.bsky.social/3n3bx5kbcgg2g')],
      [b('anaclara.bsky.social/3n3byer27yy2i'), b('hannahokafor.bsky.social/3n3bwtfbekr2f')],
    ]);
  });

  it('Bluesky: a post kept mounted again in a hidden tab is collected once', async () => {
    const doc = mountFixture('bluesky', 'feed.html', 'https://bsky.app/');
    const first = 'hannahokafor.bsky.social/3n3bsqmalmj25';
    const copies = Array.from(doc.querySelectorAll(blueskyAdapter.postRootSelector)).filter(
      (root) => blueskyAdapter.postId(root) === first,
    );
    expect(copies).toHaveLength(2);
    const { posts } = await collectThread(blueskyAdapter, doc);
    const keys = posts.map((post) => post.key);
    expect(keys.filter((key) => key === `bluesky:${first}`)).toHaveLength(1);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('YouTube watch page: the video first (like a status page’s focused post), then comments, their replies under the thread’s top comment', async () => {
    const url = 'https://www.youtube.com/watch?v=Xk3vN8a1QpE';
    expect(youtubeAdapter.threadPage(new URL(url))).toBe(true);
    const { posts } = await collectThread(youtubeAdapter, mountFixture('youtube', 'watch.html', url));
    const top = 'youtube:UgzQ7xWc3d8kLmN0pR2sT4v5AaABAg';
    expect(tree(posts)).toEqual([
      ['youtube:Xk3vN8a1QpE', null],
      [top, null],
      [`${top}.9zKp3QwErTy0AbCdEfGhIj`, top],
      [`${top}.9zKq1LmNoPq2RsTuVwXyZa`, top],
      ['youtube:UgyLm9TqR4wX2cV7bN1kJ8hAaABAg', null],
      ['youtube:Ugw0bV5rT8yHnM3kLp9QzXc1AaABAg', null],
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// Real captures, read in place (../shared/real, see utils/sites/real-captures.test.ts)

/** Collects the thread of a real capture loaded at its real URL; the adapter must take it for a thread. */
async function collectCapture(adapter: SiteAdapter, file: string): Promise<ThreadPost[]> {
  const window = loadCapture(file);
  try {
    expect(adapter.threadPage(new URL(window.document.URL))).toBe(true);
    const { posts, leftOut } = await collectThread(adapter, window.document);
    expect(leftOut).toBe(0);
    for (const post of posts) expect(() => threadPostSchema.parse(post)).not.toThrow();
    return posts;
  } finally {
    window.close();
  }
}

/** Every reply comes after the post it answers, when that post is on the page. */
function expectRepliesAfterParents(posts: ThreadPost[]): void {
  const index = new Map(posts.map((post, i) => [post.key, i]));
  for (const [i, post] of posts.entries()) {
    const parent = post.parentKey === null ? undefined : index.get(post.parentKey);
    if (parent !== undefined) expect(parent).toBeLessThan(i);
  }
}

describe.runIf(hasRealCaptures())('collectThread on real captures', () => {
  it('Hacker News item 36817231: the story and its 100 comments, each under its parent', async () => {
    const posts = await collectCapture(hackerNewsAdapter, 'hn/item-36817231-comments.html');
    expect(posts).toHaveLength(101);
    expect(posts[0]).toMatchObject({ key: 'hackernews:36817231', parentKey: null });

    // The tree as the page indents it, worked out here from td.ind: a comment answers the last
    // comment above it one level up, a top-level one the story.
    const window = loadCapture('hn/item-36817231-comments.html');
    const expected: [string, string][] = [];
    const path: string[] = [];
    for (const row of window.document.querySelectorAll('tr.athing.comtr')) {
      const level = Number(row.querySelector('td.ind')?.getAttribute('indent'));
      path.length = level;
      expected.push([`hackernews:${row.id}`, level === 0 ? 'hackernews:36817231' : path[level - 1]!]);
      path.push(`hackernews:${row.id}`);
    }
    window.close();
    expect(expected).toHaveLength(100);
    expect(tree(posts.slice(1))).toEqual(expected);
    expect(posts.find((post) => post.key === 'hackernews:36821956')?.parentKey).toBe('hackernews:36818754');
    expect(posts.filter((post) => post.parentKey === 'hackernews:36817231').length).toBeGreaterThan(10);
  }, 60_000);

  it('Reddit 2019 redesign (no longer served): no post, rather than wrong ones', async () => {
    const window = loadCapture('reddit/redesign2019-showerthoughts.html');
    try {
      expect(redditAdapter.threadPage(new URL(window.document.URL))).toBe(true);
      expect(await collectThread(redditAdapter, window.document)).toEqual({ posts: [], leftOut: 0 });
    } finally {
      window.close();
    }
  }, 60_000);

  it('Bluesky thread (glendunlap): 52 posts, the anchor first, replies after their parents', async () => {
    const posts = await collectCapture(blueskyAdapter, 'bluesky/thread-glendunlap.html');
    expect(posts).toHaveLength(52);
    expect(posts[0]).toMatchObject({ key: 'bluesky:glendunlap.bsky.social/3mdegyw3ves2t', parentKey: null });
    expect(new Set(posts.map((post) => post.key)).size).toBe(52);
    expect(posts.find((post) => post.key === 'bluesky:glendunlap.bsky.social/3mdf6kb6hrc2f')?.parentKey).toBe(
      'bluesky:tomforsyth.bsky.social/3mdf67excpk2m',
    );
    expectRepliesAfterParents(posts);
  }, 60_000);

  it('Bluesky thread (forbes): the image-only post is left out, its reply still names it', async () => {
    const posts = await collectCapture(blueskyAdapter, 'bluesky/thread-forbes.html');
    expect(posts).toHaveLength(51); // 52 posts on the page, one with an image and no text
    const imageOnly = 'bluesky:thebronzedragon.bsky.social/3mded5stdsk2e';
    expect(posts.map((post) => post.key)).not.toContain(imageOnly);
    expect(
      posts.find((post) => post.key === 'bluesky:oldcoleminer.bsky.social/3mdfy4hkhps2g')?.parentKey,
    ).toBe(imageOnly);
    expectRepliesAfterParents(posts);
  }, 60_000);

  it('X status pages of 2023: the focused post, then the replies that answer it', async () => {
    const trump = await collectCapture(xAdapter, 'x/status-with-replies-2023-realdonaldtrump.html');
    expect(trump).toHaveLength(7);
    expect(trump[0]).toMatchObject({ key: 'x:1222907250383245320', parentKey: null });
    expect(trump.filter((post) => post.parentKey === 'x:1222907250383245320')).toHaveLength(5);

    const k4rliky = await collectCapture(xAdapter, 'x/status-with-replies-2023-k4rliky.html');
    expect(k4rliky.map((post) => post.key)).toEqual([
      'x:934482867480121345',
      'x:934489913818525696',
      'x:934490729832964099',
      'x:934496299143049217',
      'x:934824560301629441',
      'x:934573201484599299',
    ]);
    expectRepliesAfterParents(k4rliky);
  }, 60_000);
});
