// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { asQuoted, type Post } from '../../core/post';
import { postSchema } from '../../core/post-schema';
import { samplePost } from '../../../test-support/sample-post';
import { fixtureHtml } from '../../../test-support/adapter-test-helpers';
import { genericAdapter } from './adapter';

const FORUM_URL = 'https://forum.example.org/t/is-the-new-bridge-safe/4821';
const NOTES_URL = 'https://notes.example.net/';
const NEWS_URL = 'https://news.example.com/2026/11/27/city-council-approves-bridge-budget';
const BLOG_URL = 'https://blog.example.com/2026/11/heat-pumps-in-winter';

function setPageUrl(url: string): void {
  (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url });
}

/** The fixture as a document whose URL is the page's; its script does not run. */
function loadFixture(name: string, url: string): Document {
  setPageUrl(url);
  const [site = '', file = ''] = name.split('/');
  return new DOMParser().parseFromString(fixtureHtml(site, file), 'text/html');
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

/** What the generic adapter reads of a post without pictures or video. */
const NO_MEDIA = { imageAlts: [], imageUrls: [], hasVideo: false };

function genericPost(fields: Partial<Post> & Pick<Post, 'id' | 'author' | 'time' | 'text'>): Post {
  return samplePost({ site: 'generic', url: fields.id, lang: null, media: NO_MEDIA, ...fields });
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
    media: {
      imageAlts: ['Still from the 2019 video showing the old steel truss bridge'],
      imageUrls: ['https://forum.example.org/uploads/default/original/2X/4/4f2a9c.jpeg'], // resolved against the page
      hasVideo: false,
    },
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
  context: 'https://notes.example.net/2026/11/27/4',
  comment: 'https://lena.example/replies/2026/11/27/1',
  response: 'https://notes.example.net/2026/11/27/5',
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
    media: {
      imageAlts: ['Bar chart of hospital admissions by age group, 2025 and 2026'],
      imageUrls: ['https://notes.example.net/media/2026/11/admissions-chart.png'],
      hasVideo: false,
    },
    quoted: {
      id: 'https://med.social/@priya/113498276102345678',
      url: 'https://med.social/@priya/113498276102345678',
      author: { name: 'Dr. Priya Nair', handle: 'priya@med.social' },
      time: '2026-11-26T21:05:44.000Z',
      text: 'Thread: what the new vaccine data actually shows, and what it does not.',
      lang: null,
      truncated: false,
      media: NO_MEDIA,
    },
  }),
  context: genericPost({
    id: NOTES.context,
    author: SAM,
    time: '2026-11-27T11:20:00.000Z',
    text: "The city's own counts say car traffic on Market Street fell 4% after the bike lanes opened, with bus times unchanged.",
    // Its reply context: the post it answers, shown in it as u-in-reply-to h-cite.
    parent: {
      id: 'https://kim.example/notes/2026/11/27/bike-lanes',
      url: 'https://kim.example/notes/2026/11/27/bike-lanes',
      author: { name: 'Kim Osei', handle: 'kim.example' },
      time: '2026-11-27T10:58:00.000Z',
      text: 'The bike lanes made traffic on Market Street worse. Everyone can see it.',
      lang: null,
      truncated: false,
      media: NO_MEDIA,
    },
  }),
  comment: genericPost({
    id: NOTES.comment,
    author: { name: 'Lena Park', handle: 'lena.example' },
    time: '2026-11-27T11:34:00.000Z',
    text: 'Do you have a link to the counts?',
  }),
  response: genericPost({
    id: NOTES.response,
    author: SAM,
    time: '2026-11-27T11:41:00.000Z',
    text: 'Here they are: https://data.example.gov/traffic-counts/market-st',
    links: ['https://data.example.gov/traffic-counts/market-st'],
  }),
};
// The responses nested in the note: one marked p-comment, one naming it in its u-in-reply-to.
NOTES_POSTS.comment.parent = asQuoted(NOTES_POSTS.context);
NOTES_POSTS.response.parent = asQuoted(NOTES_POSTS.context);

const BLOG = {
  post: BLOG_URL,
  question: `${BLOG_URL}#comment-101`,
  answer: `${BLOG_URL}#comment-102`,
  embedder: `${BLOG_URL}#comment-103`,
  embedded: 'https://social.example.net/@energyfacts/3391',
};

const BLOG_POSTS: Record<keyof typeof BLOG, Post> = {
  post: genericPost({
    id: BLOG.post,
    author: { name: 'Ana Ruiz', handle: 'blog.example.com' }, // handle from the JSON-LD author's URL
    time: '2026-11-20T08:00:00.000Z',
    text:
      'A post going around says heat pumps "stop working below freezing". Field data from Norway, where most ' +
      'homes have one, says otherwise.\n\nThey get less efficient as it gets colder, but still deliver about ' +
      'twice the heat of the electricity they use at −10 °C.',
    lang: 'en',
  }),
  question: genericPost({
    id: BLOG.question,
    author: { name: 'Pete Lindqvist', handle: '' },
    time: '2026-11-21T19:02:00.000Z',
    text: 'Mine struggled at −25 °C last January. Is that normal?',
  }),
  answer: genericPost({
    id: BLOG.answer,
    author: { name: 'Ana Ruiz', handle: '' },
    time: '2026-11-21T20:15:00.000Z',
    text:
      'Yes: below about −20 °C many older models switch to their backup heater. Newer cold-climate models keep ' +
      'going to −30 °C.',
  }),
  embedder: genericPost({
    id: BLOG.embedder,
    author: { name: 'Joana Reis', handle: '' },
    time: '2026-11-22T09:40:00.000Z',
    text: 'This is the post I saw:',
  }),
  embedded: genericPost({
    id: BLOG.embedded,
    author: { name: 'Energy Facts', handle: '' },
    time: '2026-11-19T12:00:00.000Z',
    text: "Heat pumps stop working below freezing. Don't fall for it.",
  }),
};
// Comments answer the article they sit in: the post for top-level ones, the comment for a reply.
// The post embedded in a blockquote is quoted there, not a reply: no parent.
BLOG_POSTS.question.parent = asQuoted(BLOG_POSTS.post);
BLOG_POSTS.answer.parent = asQuoted(BLOG_POSTS.question);
BLOG_POSTS.embedder.parent = asQuoted(BLOG_POSTS.post);

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

/** A microdata forum thread: a posting with a reply as its `comment`, and a Comment item that is not one. */
const MICRODATA_THREAD = `
<div itemscope itemtype="https://schema.org/DiscussionForumPosting">
  <link itemprop="url" href="/t/42">
  <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Rui Costa</span></span>
  <time itemprop="datePublished" datetime="2026-11-27T08:00:00Z">today</time>
  <div itemprop="text"><p>Is the tap water safe to drink after the flood warning?</p></div>
  <div itemprop="comment" itemscope itemtype="https://schema.org/Comment">
    <link itemprop="url" href="/t/42#c1">
    <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Water Board</span></span>
    <time itemprop="datePublished" datetime="2026-11-27T08:30:00Z">today</time>
    <div itemprop="text"><p>Yes, the warning was lifted at 7:00.</p></div>
  </div>
  <div itemprop="hasPart" itemscope itemtype="https://schema.org/Comment">
    <link itemprop="url" href="/t/42#c2">
    <div itemprop="text"><p>Pinned: the water board's notice.</p></div>
  </div>
</div>`;

describe('genericAdapter.matchesLocation', () => {
  it('matches no URL: the generic adapter runs only where the user enabled it', () => {
    for (const hostname of ['forum.example.org', 'x.com', 'bsky.app', 'mastodon.social']) {
      expect(genericAdapter.matchesLocation({ hostname, pathname: '/' })).toBe(false);
    }
  });
});

describe('genericAdapter.threadPage', () => {
  it('offers no discussion summary: a URL of an arbitrary site does not tell a thread', () => {
    for (const [hostname, pathname] of [
      ['forum.example.org', '/t/is-the-new-bridge-safe/4821'],
      ['blog.example.com', '/2026/11/heat-pumps-in-winter'],
    ]) {
      expect(genericAdapter.threadPage({ hostname: hostname!, pathname: pathname! })).toBe(false);
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

describe('hentry.html: thread context', () => {
  const doc = loadFixture('generic/hentry.html', NOTES_URL);
  const parentOf = (id: string) => genericAdapter.extractPost(rootById(doc, id))?.parent;

  it('takes the reply context (u-in-reply-to h-cite) for the parent', () => {
    expect(parentOf(NOTES.context)).toEqual(NOTES_POSTS.context.parent);
  });

  it('takes the enclosing entry for the parent of a p-comment, or of an entry replying to its URL', () => {
    expect(parentOf(NOTES.comment)).toEqual(asQuoted(NOTES_POSTS.context));
    expect(parentOf(NOTES.response)).toEqual(asQuoted(NOTES_POSTS.context));
  });

  it('gives no parent where the page does not show it: a bare in-reply-to link, a quote, a top-level note', () => {
    expect(parentOf(NOTES.reply)).toBeNull(); // replies to a Mastodon post, shown only as a link
    expect(parentOf(NOTES.quote)).toBeNull(); // its h-cite is u-quotation-of
    expect(parentOf(NOTES.note)).toBeNull();
  });

  it('does not take an entry nested without being marked a comment or reply for one', () => {
    const note = rootById(doc, NOTES.context).cloneNode(true) as Element;
    const [comment, response] = Array.from(note.querySelectorAll('.h-entry'));
    comment!.classList.remove('p-comment');
    response!.querySelector('.u-in-reply-to')!.setAttribute('href', '/2026/11/27/1');
    doc.body.append(note);
    try {
      expect(genericAdapter.extractPost(comment!)?.parent).toBeNull();
      expect(genericAdapter.extractPost(response!)?.parent).toBeNull();
    } finally {
      note.remove();
    }
  });

  it('keeps a reply context without a URL or text out, and clips a long parent like any post', () => {
    const note = rootById(doc, NOTES.context).cloneNode(true) as Element;
    const cite = note.querySelector('.h-cite')!;
    cite.querySelector('.p-content')!.append('😀'.repeat(15_000));
    let post = genericAdapter.extractPost(note)!;
    expect(post.parent?.truncated).toBe(true);
    expect(post.parent!.text.length).toBeLessThanOrEqual(20_000);
    expect(() => postSchema.parse(post)).not.toThrow();
    cite.replaceChildren('In reply to a post');
    post = genericAdapter.extractPost(note)!;
    expect(post.parent).toBeNull();
  });
});

describe('comments.html: comments as articles nested in the post', () => {
  const doc = loadFixture('generic/comments.html', BLOG_URL);

  it('finds the post, its comments and the embedded post', () => {
    expect(roots(doc).map((r) => genericAdapter.postId(r))).toEqual(Object.values(BLOG));
  });

  it.each(Object.entries(BLOG_POSTS))('extracts the %s post exactly', (key, expected) => {
    const post = genericAdapter.extractPost(rootById(doc, BLOG[key as keyof typeof BLOG]));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('walks up from the comment only: no document-wide query beyond the JSON-LD', () => {
    const root = rootById(doc, BLOG.answer);
    const spies = [vi.spyOn(doc, 'querySelector'), vi.spyOn(doc, 'querySelectorAll')];
    genericAdapter.extractPost(root);
    // jsonLdPostings, once per extraction as before, and reused for the parent.
    expect(spies[1]!.mock.calls).toEqual([['script[type="application/ld+json"]']]);
    expect(spies[0]).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
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
          media: NO_MEDIA,
        },
      }),
    );
  });

  it('gives the shared post no parent: it is nested, but not as a comment', () => {
    const [outer, inner] = roots(doc);
    expect(genericAdapter.extractPost(outer!)?.parent).toBeNull();
    expect(genericAdapter.extractPost(inner!)?.parent).toBeNull();
  });

  it('takes the enclosing item for the parent of an itemprop="comment" item, and of nothing else', () => {
    const thread = page(MICRODATA_THREAD);
    const [question, answer, part] = roots(thread);
    const parent = {
      id: 'https://social.example.net/t/42',
      url: 'https://social.example.net/t/42',
      author: { name: 'Rui Costa', handle: '' },
      time: '2026-11-27T08:00:00.000Z',
      text: 'Is the tap water safe to drink after the flood warning?',
      lang: null,
      truncated: false,
      media: NO_MEDIA,
    };
    expect(genericAdapter.extractPost(question!)?.parent).toBeNull();
    expect(genericAdapter.extractPost(answer!)).toEqual(
      genericPost({
        id: 'https://social.example.net/t/42#c1',
        author: { name: 'Water Board', handle: '' },
        time: '2026-11-27T08:30:00.000Z',
        text: 'Yes, the warning was lifted at 7:00.',
        parent,
      }),
    );
    // A Comment item nested under another property (hasPart) is not said to answer the item.
    expect(genericAdapter.postId(part!)).toBe('https://social.example.net/t/42#c2');
    expect(genericAdapter.extractPost(part!)?.parent).toBeNull();
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

describe('markup as real pages have it', () => {
  it('reads JSON-LD with raw line breaks inside its strings (bsky.app writes them) instead of dropping it', () => {
    const json =
      '{"@type":"DiscussionForumPosting","url":"https://social.example.net/p/1",\n' +
      '"author":{"@type":"Person","name":"Forbes","alternateName":"@forbes.com"},\n' +
      '"text":"Windows PCs fail\nhttps://www.forbes.com/sites/x/?a=1&amp;b=2\twith a tab"}';
    expect(() => JSON.parse(json)).toThrow(); // as a strict parser sees it
    const doc = page(
      '<article><a href="/p/1"><time datetime="2026-01-26T12:03:53Z">Jan 26</time></a></article>',
      'https://social.example.net/',
      `<script type="application/ld+json">${json}</script>`,
    );
    expect(genericAdapter.matchesDocument!(doc)).toBe(true);
    expect(genericAdapter.extractPost(doc.querySelector('article')!)).toMatchObject({
      id: 'https://social.example.net/p/1',
      author: { name: 'Forbes', handle: 'forbes.com' },
      text: 'Windows PCs fail\nhttps://www.forbes.com/sites/x/?a=1&amp;b=2\twith a tab',
    });
  });

  it('still drops JSON-LD that no leniency makes JSON, without throwing', () => {
    for (const json of ['{"@type":"SocialMediaPosting","text":"unterminated\n', '{"a":\u0001}', '"\\"', '']) {
      const doc = page('', undefined, `<script type="application/ld+json">${json}</script>`);
      expect(() => genericAdapter.matchesDocument!(doc)).not.toThrow();
      expect(genericAdapter.matchesDocument!(doc)).toBe(false);
    }
  });

  const entry = (id: string) =>
    `<article class="h-entry"><div class="e-content"><p>Post ${id}</p></div>` +
    `<a class="u-url" href="/notes/${id}"><time class="dt-published" datetime="2018-11-08T19:08:33Z">7pm</time></a></article>`;

  it("takes an h-entry's author from its h-feed when it names none (hentry-waterpigs.html)", () => {
    const doc = page(
      `<div class="h-feed"><div class="p-author h-card"><img class="u-photo" src="/me.jpg" alt="">` +
        `<h1 class="p-name"><a class="u-url" href="https://notes.example.net" rel="me">\n  <span>Barnaby</span>\n  <span>Walters</span>\n</a></h1></div>` +
        `${entry('1')}</div>`,
      NOTES_URL,
    );
    expect(genericAdapter.extractPost(doc.querySelector('.h-entry')!)?.author).toEqual({
      name: 'Barnaby Walters',
      handle: 'notes.example.net',
    });
  });

  it("takes the page's own h-card (rel=me) for the author on a page that links its author (hentry-adactio-links.html)", () => {
    const card =
      '<address class="h-card"><a href="https://notes.example.net/" class="u-url" rel="me">Notes</a> is the home of ' +
      '<a href="mailto:j@notes.example.net" class="p-name u-email">Jeremy Keith</a>.</address>';
    const linked = page(`${entry('1')}${card}`, NOTES_URL, '<link rel="author" href="/about">');
    expect(genericAdapter.extractPost(linked.querySelector('.h-entry')!)?.author).toEqual({
      name: 'Jeremy Keith',
      handle: 'notes.example.net',
    });
    // Without the rel=author link the page does not say its h-card wrote the entries.
    const unlinked = page(`${entry('1')}${card}`, NOTES_URL);
    expect(genericAdapter.extractPost(unlinked.querySelector('.h-entry')!)?.author).toEqual({
      name: '',
      handle: '',
    });
  });

  it("never lends the feed's author to a comment entry inside an entry", () => {
    const doc = page(
      `<div class="h-feed"><span class="p-author h-card">Owner</span><article class="h-entry">` +
        `<div class="e-content">Post</div><a class="u-url" href="/n/1">#</a>` +
        `<div class="h-entry p-comment"><p class="e-content">A comment</p><a class="u-url" href="/n/1#c1">#</a></div>` +
        `</article></div>`,
      NOTES_URL,
    );
    expect(genericAdapter.extractPost(doc.querySelector('.p-comment')!)?.author).toEqual({
      name: '',
      handle: '',
    });
  });

  it("never lends the page's author to a quoted h-cite", () => {
    const doc = page(
      `<div class="h-feed"><span class="p-author h-card">Owner</span><article class="h-entry">` +
        `<div class="e-content">Look</div><a class="u-url" href="/n/1">#</a>` +
        `<div class="h-cite u-quotation-of"><a class="u-url" href="https://other.example/p/9">x</a><p class="p-content">Quoted</p></div>` +
        `</article></div>`,
      NOTES_URL,
    );
    const post = genericAdapter.extractPost(doc.querySelector('.h-entry')!)!;
    expect(post.author.name).toBe('Owner');
    expect(post.quoted?.author).toEqual({ name: '', handle: '' });
  });

  it('names an author once, not again through the alt of the avatar beside the name', () => {
    const doc = page(
      '<li class="h-entry"><a href="https://gs.example/moonman" class="h-card p-author">' +
        '<img src="/a.jpg" class="avatar u-photo" alt="Generic Enemy">\nGeneric Enemy</a>' +
        '<article class="e-content">Hello</article><a href="https://gs.example/notice/1" class="u-url">permalink</a></li>',
      'https://gs.example/notice/1',
    );
    expect(genericAdapter.extractPost(doc.querySelector('.h-entry')!)?.author.name).toBe('Generic Enemy');
  });

  it('keeps the words of a link on words, and lists its target', () => {
    const doc = page(
      `<article class="h-entry"><div class="e-content"><p>Get <a href="https://books.example/offline"><cite>Going Offline</cite></a> now.</p></div>` +
        `<a class="u-url" href="/n/1">#</a></article>`,
      NOTES_URL,
    );
    expect(genericAdapter.extractPost(doc.querySelector('.h-entry')!)).toMatchObject({
      text: 'Get Going Offline now.',
      links: ['https://books.example/offline'],
    });
  });

  it('leaves our badge out of the text where the permalink is inside the text (a title-only entry)', () => {
    const doc = page(
      '<article class="h-entry"><h2 class="p-name"><a class="u-url" href="/articles/chien/">How to Build a Chien</a></h2></article>',
      NOTES_URL,
    );
    const root = doc.querySelector('.h-entry')!;
    const anchor = genericAdapter.badgeAnchor(root)!;
    const badge = doc.createElement('button');
    badge.textContent = '†';
    anchor.parent.insertBefore(badge, anchor.before);
    expect(genericAdapter.extractPost(root)?.text).toBe('How to Build a Chien');
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
