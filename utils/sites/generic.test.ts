// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { postSchema, type Post } from '../posts/post';
import { samplePost } from '../posts/sample-post';
import { genericAdapter } from './generic';

// Not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures');
const FORUM_URL = 'https://forum.example.org/t/is-the-new-bridge-safe/4821';
const NOTES_URL = 'https://notes.example.net/';
const NEWS_URL = 'https://news.example.com/2026/11/27/city-council-approves-bridge-budget';

function setPageUrl(url: string): void {
  (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url });
}

/** The fixture as a document whose URL is the page's; its script does not run. */
function loadFixture(name: string, url: string): Document {
  setPageUrl(url);
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, name), 'utf8'), 'text/html');
}

/** A page made of `body` (and `head`), at `url`. */
function page(body: string, url = 'https://social.example.net/', head = ''): Document {
  setPageUrl(url);
  return new DOMParser().parseFromString(
    `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`,
    'text/html',
  );
}

function roots(doc: ParentNode): Element[] {
  return Array.from(doc.querySelectorAll(genericAdapter.postRootSelector));
}

function rootById(doc: ParentNode, id: string): Element {
  const root = roots(doc).find((r) => genericAdapter.postId(r) === id);
  if (root === undefined) throw new Error(`fixture has no post ${id}`);
  return root;
}

function genericPost(fields: Partial<Post> & Pick<Post, 'id' | 'author' | 'time' | 'text'>): Post {
  return samplePost({ site: 'generic', url: fields.id, lang: null, ...fields });
}

const FORUM = {
  first: `${FORUM_URL}/1`,
  second: `${FORUM_URL}/2`,
  third: `${FORUM_URL}/3`,
};

const FORUM_POSTS: Record<keyof typeof FORUM, Post> = {
  first: genericPost({
    id: FORUM.first,
    author: { name: 'Marta Kovač', handle: 'marta_k' },
    time: '2026-11-26T17:02:11.000Z',
    text:
      'A video shared thousands of times this week claims the new Riverside bridge has cracks in its main span. ' +
      'It was filmed in 2019, before the old bridge was demolished.\n\n' +
      'Original upload: https://video.example.com/watch?v=a8Kd02\nArchive copy from 2019 with the date visible.',
    lang: 'en', // from the topic's JSON-LD, matched by author and time
    links: ['https://video.example.com/watch?v=a8Kd02'],
    media: { imageAlts: ['Still from the 2019 video showing the old steel truss bridge'], hasVideo: false },
  }),
  second: genericPost({
    id: FORUM.second,
    author: { name: 'Jonas Weber', handle: 'jweber' },
    time: '2026-11-26T17:40:52.000Z',
    text: 'Das Video zeigt die alte Brücke. Man sieht die Stahlträger, die es bei der neuen nicht gibt.',
    lang: 'de',
  }),
  third: genericPost({
    id: FORUM.third,
    author: { name: 'Priya Nair', handle: 'priya.nair' },
    time: '2026-11-26T18:15:03.000Z',
    text:
      'It was filmed in 2019, before the old bridge was demolished.\n\n' +
      "Confirmed. The city's inspection report is public: https://riverside.example.gov/bridges/inspection-2026-10.pdf 👍",
    links: ['https://riverside.example.gov/bridges/inspection-2026-10.pdf'],
  }),
};

const SAM = { name: 'Sam Rivera', handle: 'notes.example.net' };
const NOTES = {
  note: 'https://notes.example.net/2026/11/27/1',
  reply: 'https://notes.example.net/2026/11/27/2',
  quote: 'https://notes.example.net/2026/11/27/3',
};

const NOTES_POSTS: Record<keyof typeof NOTES, Post> = {
  note: genericPost({
    id: NOTES.note,
    author: SAM,
    time: '2026-11-27T08:45:00.000Z',
    text:
      'The claim that the new tram line "doubled commute times" compares a strike day with a normal one.\n\n' +
      'Travel-time data for both weeks: https://transit-data.example.org/tram-line-4/2026-11',
    links: ['https://transit-data.example.org/tram-line-4/2026-11'],
  }),
  reply: genericPost({
    id: NOTES.reply,
    author: SAM,
    time: '2026-11-27T09:30:00.000Z',
    text: 'Os dados de São Paulo mostram o mesmo padrão.\nObrigado pelo relatório!',
    lang: 'pt',
    replyTo: ['mayachen@mastodon.social'],
  }),
  quote: genericPost({
    id: NOTES.quote,
    author: SAM,
    time: '2026-11-27T10:12:00.000Z',
    text: 'This chart is being shared without its caption. Here is the full context.',
    media: { imageAlts: ['Bar chart of hospital admissions by age group, 2025 and 2026'], hasVideo: false },
    quoted: {
      id: 'https://med.social/@priya/113498276102345678',
      url: 'https://med.social/@priya/113498276102345678',
      author: { name: 'Dr. Priya Nair', handle: 'priya@med.social' },
      time: '2026-11-26T21:05:44.000Z',
      text: 'Thread: what the new vaccine data actually shows, and what it does not.',
      lang: null,
      truncated: false,
      media: { imageAlts: [], hasVideo: false },
    },
  }),
};

/** A schema.org microdata feed (SocialMediaPosting items, one sharing another). */
const MICRODATA = `
<div class="feed">
  <div itemscope itemtype="https://schema.org/SocialMediaPosting" class="post">
    <link itemprop="url" href="/posts/881">
    <div itemprop="author" itemscope itemtype="https://schema.org/Person">
      <img class="avatar" src="/a/lee.png" alt="Lee's avatar">
      <span itemprop="name">Lee Tanaka</span> <span itemprop="alternateName">@lee</span>
    </div>
    <meta itemprop="datePublished" content="2026-11-27T11:00:00+09:00">
    <div itemprop="articleBody" lang="ja"><p>新しい橋は安全です。</p></div>
    <div itemprop="sharedContent" itemscope itemtype="https://schema.org/SocialMediaPosting">
      <a itemprop="url" href="https://other.example/p/12">link</a>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">City Hall</span></span>
      <time itemprop="datePublished" datetime="2026-11-26T09:00:00Z">yesterday</time>
      <p itemprop="text">Bridge inspection report published.</p>
    </div>
  </div>
</div>`;

describe('genericAdapter.matchesLocation', () => {
  it('matches no URL: the generic adapter runs only where the user enabled it', () => {
    for (const hostname of ['forum.example.org', 'x.com', 'bsky.app', 'mastodon.social']) {
      expect(genericAdapter.matchesLocation({ hostname, pathname: '/' })).toBe(false);
    }
  });
});

describe('genericAdapter.matchesDocument', () => {
  it.each([
    ['generic/forum.html', FORUM_URL, true],
    ['generic/hentry.html', NOTES_URL, true],
    ['generic/news-article.html', NEWS_URL, false],
    ['x/home.html', 'https://x.com/home', false],
  ])('%s: %s', (name, url, expected) => {
    expect(genericAdapter.matchesDocument!(loadFixture(name, url))).toBe(expected);
  });

  it('recognises microdata postings and JSON-LD postings in @graph, typed by array or URL', () => {
    expect(genericAdapter.matchesDocument!(page(MICRODATA))).toBe(true);
    const ld = (json: string) => page('', undefined, `<script type="application/ld+json">${json}</script>`);
    expect(
      genericAdapter.matchesDocument!(
        ld('{"@graph":[{"@type":"WebPage"},{"@type":["CreativeWork","SocialMediaPosting"]}]}'),
      ),
    ).toBe(true);
    expect(
      genericAdapter.matchesDocument!(ld('[{"@type":"https://schema.org/DiscussionForumPosting"}]')),
    ).toBe(true);
    expect(genericAdapter.matchesDocument!(ld('{"@type":"NewsArticle","comment":{"@type":"Comment"}}'))).toBe(
      true,
    );
    expect(genericAdapter.matchesDocument!(ld('{"@type":"NewsArticle"}'))).toBe(false);
    expect(genericAdapter.matchesDocument!(ld('{"@type": "SocialMediaPosting", oops'))).toBe(false); // malformed
  });
});

describe('forum.html: DiscussionForumPosting JSON-LD and plain articles', () => {
  const doc = loadFixture('generic/forum.html', FORUM_URL);

  it('finds the posts by their timestamp permalinks; the deleted post has none', () => {
    expect(roots(doc).map((r) => genericAdapter.postId(r))).toEqual([
      FORUM.first,
      FORUM.second,
      null,
      FORUM.third,
    ]);
  });

  it.each(Object.entries(FORUM_POSTS))('extracts the %s post exactly', (key, expected) => {
    const post = genericAdapter.extractPost(rootById(doc, FORUM[key as keyof typeof FORUM]));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('yields nothing for the deleted post', () => {
    const deleted = doc.querySelector('.deleted')!;
    expect(genericAdapter.extractPost(deleted)).toBeNull();
    expect(genericAdapter.badgeAnchor(deleted)).toBeNull();
  });

  it('fills gaps from the JSON-LD comment with the same URL, never overriding the page', () => {
    const root = rootById(doc, FORUM.second).cloneNode(true) as Element;
    root.querySelector('.username')!.remove();
    root.querySelector('.post-author')!.removeAttribute('href');
    root.querySelector('.post-body')!.removeAttribute('lang');
    expect(genericAdapter.extractPost(root)).toEqual(FORUM_POSTS.second); // handle and lang from JSON-LD
    root.querySelector('.post-body')!.replaceChildren();
    expect(genericAdapter.extractPost(root)?.text).toBe('Das Video zeigt die alte Brücke.');
  });
});

describe('hentry.html: microformats2', () => {
  const doc = loadFixture('generic/hentry.html', NOTES_URL);

  it('finds the h-entries by their u-url', () => {
    expect(roots(doc).map((r) => genericAdapter.postId(r))).toEqual(Object.values(NOTES));
  });

  it.each(Object.entries(NOTES_POSTS))('extracts the %s post exactly', (key, expected) => {
    const post = genericAdapter.extractPost(rootById(doc, NOTES[key as keyof typeof NOTES]));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('puts the badge after the permalink', () => {
    const root = rootById(doc, NOTES.note);
    const permalink = root.querySelector('a.u-url')!;
    expect(genericAdapter.badgeAnchor(root)).toEqual({
      parent: permalink.parentElement,
      before: permalink.nextSibling,
    });
  });
});

describe('news-article.html: an ordinary article page', () => {
  const doc = loadFixture('generic/news-article.html', NEWS_URL);

  it('yields no post at all', () => {
    expect(roots(doc).length).toBeGreaterThan(0);
    for (const root of roots(doc)) {
      expect(genericAdapter.postId(root)).toBeNull();
      expect(genericAdapter.extractPost(root)).toBeNull();
      expect(genericAdapter.badgeAnchor(root)).toBeNull();
    }
  });

  it('still yields nothing when an article links its own timestamp (no posting data on the page)', () => {
    const story = doc.querySelector('article.story')!.cloneNode(true) as Element;
    const time = story.querySelector('time')!;
    const link = doc.createElement('a');
    link.setAttribute('href', NEWS_URL);
    link.setAttribute('rel', 'bookmark');
    time.replaceWith(link);
    link.append(time);
    doc.body.append(story);
    expect(genericAdapter.postId(story)).toBe(NEWS_URL);
    expect(genericAdapter.extractPost(story)).toBeNull();
    story.remove();
  });
});

describe('microdata', () => {
  const doc = page(MICRODATA);

  it('reads the item and its shared post, not the shared post as a post of its own', () => {
    const [outer, inner] = roots(doc);
    expect(genericAdapter.postId(outer!)).toBe('https://social.example.net/posts/881');
    expect(genericAdapter.postId(inner!)).toBe('https://other.example/p/12');
    expect(genericAdapter.extractPost(outer!)).toEqual(
      genericPost({
        id: 'https://social.example.net/posts/881',
        author: { name: 'Lee Tanaka', handle: 'lee' },
        time: '2026-11-27T02:00:00.000Z',
        text: '新しい橋は安全です。',
        lang: 'ja',
        quoted: {
          id: 'https://other.example/p/12',
          url: 'https://other.example/p/12',
          author: { name: 'City Hall', handle: '' },
          time: '2026-11-26T09:00:00.000Z',
          text: 'Bridge inspection report published.',
          lang: null,
          truncated: false,
          media: { imageAlts: [], hasVideo: false },
        },
      }),
    );
  });

  it('takes a marked-up element inside a plain article for the post, not the article', () => {
    const wrapped = page(`<article>${MICRODATA}</article>`);
    const [article, item] = roots(wrapped);
    expect(article!.tagName).toBe('ARTICLE');
    expect(genericAdapter.postId(article!)).toBeNull();
    expect(genericAdapter.postId(item!)).toBe('https://social.example.net/posts/881');
  });
});

describe('edge cases', () => {
  const doc = loadFixture('generic/forum.html', FORUM_URL);
  const clone = (id: string) => rootById(doc, id).cloneNode(true) as Element;

  it('changes the id when the node is re-rendered for another post', () => {
    const root = clone(FORUM.second);
    root.querySelector('a.post-date')!.setAttribute('href', '/t/is-the-new-bridge-safe/4821/9');
    expect(genericAdapter.postId(root)).toBe(`${FORUM_URL}/9`);
  });

  it('reads the id with scoped queries only', () => {
    const all = roots(doc);
    const spies = [vi.spyOn(doc, 'querySelector'), vi.spyOn(doc, 'querySelectorAll')];
    for (const root of all) genericAdapter.postId(root);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('keeps the fragment of a permalink, which forums use to address posts', () => {
    const root = clone(FORUM.second);
    root.querySelector('a.post-date')!.setAttribute('href', '#post_2');
    expect(genericAdapter.postId(root)).toBe(`${FORUM_URL}#post_2`);
  });

  it('refuses permalinks that are not http(s)', () => {
    for (const href of ['javascript:alert(1)', 'mailto:a@b.c', '', '   ', 'http://']) {
      const root = clone(FORUM.second);
      root.querySelector('a.post-date')!.setAttribute('href', href);
      expect(genericAdapter.postId(root)).toBeNull();
      expect(genericAdapter.extractPost(root)).toBeNull();
    }
  });

  it('refuses a permalink longer than a post id may be, rather than cutting it', () => {
    const root = clone(FORUM.second);
    root.querySelector('a.post-date')!.setAttribute('href', `/t/${'x'.repeat(600)}`);
    expect(genericAdapter.postId(root)).toBeNull();
    expect(genericAdapter.extractPost(root)).toBeNull();
  });

  it('gives no time for a timestamp without a zone, which cannot be converted to UTC', () => {
    for (const datetime of ['2026-11-26T17:40', '2026-11-26', 'yesterday']) {
      const root = clone(FORUM.second);
      root.querySelector('a.post-date')!.setAttribute('href', '/t/is-the-new-bridge-safe/4821/9'); // no JSON-LD for it
      root.querySelector('time')!.setAttribute('datetime', datetime);
      expect(genericAdapter.extractPost(root)?.time).toBeNull();
    }
    const described = clone(FORUM.second);
    described.querySelector('time')!.setAttribute('datetime', 'yesterday');
    expect(genericAdapter.extractPost(described)?.time).toBe(FORUM_POSTS.second.time); // from its JSON-LD
    const root = clone(FORUM.second);
    root.querySelector('time')!.setAttribute('datetime', '2026-11-26 18:40:52+0100');
    expect(genericAdapter.extractPost(root)?.time).toBe('2026-11-26T17:40:52.000Z');
  });

  it('clips text over the Post limit and marks it truncated', () => {
    const root = clone(FORUM.second);
    root.querySelector('.post-body p')!.append('😀'.repeat(15_000));
    const post = genericAdapter.extractPost(root)!;
    expect(post.truncated).toBe(true);
    expect(post.text.length).toBeLessThanOrEqual(20_000);
    expect(() => postSchema.parse(post)).not.toThrow();
  });

  it('reads a whole article without a known body container, leaving out header, footer and controls', () => {
    const root = clone(FORUM.second);
    root.querySelector('.post-body')!.className = 'something-else';
    expect(genericAdapter.extractPost(root)?.text).toBe(FORUM_POSTS.second.text);
  });
});

describe('garbled roots', () => {
  it.each([
    ['an empty article', '<article></article>'],
    ['an article with text only', '<article><p>Some text</p></article>'],
    ['a link without a time', '<article><a href="/p/1">link</a><p>text</p></article>'],
    ['an h-entry without a u-url or linked time', '<div class="h-entry"><p class="e-content">text</p></div>'],
    [
      'a microdata item without url',
      '<div itemscope itemtype="https://schema.org/SocialMediaPosting"><p itemprop="text">x</p></div>',
    ],
    [
      'an item of another type',
      '<div itemscope itemtype="https://schema.org/Recipe"><a href="/r/1"><time datetime="2026-01-01T00:00:00Z"></time></a></div>',
    ],
  ])('%s gives null and does not throw', (_name, html) => {
    const doc = page(
      html,
      'https://social.example.net/',
      '<script type="application/ld+json">{"@type":"SocialMediaPosting"}</script>',
    );
    const root = doc.body.firstElementChild!;
    expect(genericAdapter.postId(root)).toBeNull();
    expect(genericAdapter.extractPost(root)).toBeNull();
    expect(genericAdapter.badgeAnchor(root)).toBeNull();
  });

  it('gives no post for a permalink with neither text nor media', () => {
    const doc = page('<div class="h-entry"><a class="u-url" href="/n/1">#</a></div>');
    const root = doc.body.firstElementChild!;
    expect(genericAdapter.postId(root)).toBe('https://social.example.net/n/1');
    expect(genericAdapter.extractPost(root)).toBeNull();
  });

  it('survives deeply nested posts and markup', () => {
    let html = '<p class="e-content">deep</p>';
    for (let i = 0; i < 300; i++)
      html = `<div class="h-entry"><a class="u-url" href="/n/${i}">#</a>${html}</div>`;
    const doc = page(html);
    const outer = doc.body.firstElementChild!;
    expect(() => genericAdapter.extractPost(outer)).not.toThrow();
    expect(genericAdapter.extractPost(roots(doc).at(-1)!)?.text).toBe('deep');
  });
});
