// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asQuoted, type Post } from '../../core/post';
import { postSchema } from '../../core/post-schema';
import { xAdapter } from './adapter';
import { samplePost } from '../../../test-support/sample-post';

// Not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const EPOCH = 1288834974657n;

function fixtureHtml(name: string): string {
  return readFileSync(resolve(FIXTURES, name), 'utf8');
}

/** The fixture as a document; its script does not run. */
function loadFixture(name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}

function articles(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(xAdapter.postRootSelector));
}

/**
 * The fixture as this window's document, so that computed styles apply (X's conversation
 * lines are 2px wide only through its stylesheet's classes).
 */
function loadLiveFixture(name: string): Document {
  document.documentElement.innerHTML = fixtureHtml(name)
    .replace(/^[\s\S]*?<html[^>]*>/, '')
    .replace(/<\/html>\s*$/, '');
  return document;
}

/** The article whose permalink is /…/status/{id}. */
function articleById(root: ParentNode, id: string): Element {
  const article = articles(root).find((a) => xAdapter.postId(a) === id);
  if (article === undefined) throw new Error(`fixture has no post ${id}`);
  return article;
}

/** time[datetime] that X shows for a snowflake id (created_at, whole seconds). */
function datetimeOf(id: string): string {
  const ms = Number((BigInt(id) >> 22n) + EPOCH);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** What the X adapter reads of a post without pictures or video. */
const NO_MEDIA = { imageAlts: [], imageUrls: [], hasVideo: false };

function xPost(fields: Partial<Post> & Pick<Post, 'id' | 'author' | 'text'>): Post {
  return samplePost({
    url: `https://x.com/${fields.author.handle}/status/${fields.id}`,
    time: datetimeOf(fields.id),
    lang: 'en',
    media: NO_MEDIA,
    ...fields,
  });
}

const HOME = {
  plain: '2126243242333455973',
  quote: '2126237607100211984',
  quoted: '2126059853873384936',
  quoteNoId: '2126232350721107373',
  quotedNoId: '2125630603805698039',
  pt: '2126225507567988089',
  truncated: '2126220783187389345',
  video: '2126214440729207205',
  photos: '2126209032285837657',
  repost: '2126091580126177533',
  translated: '2126187603017128981',
  card: '2126166645878954761',
};

const STATUS = {
  ancestor: '2126059853873384936',
  focused: '2126060729405294181',
  replyEn: '2126081232789365520',
  replyPt: '2126119386096307688',
};

const HOME_POSTS: Record<keyof typeof HOME, Post | null> = {
  plain: xPost({
    id: HOME.plain,
    author: { name: 'Maya Chen 🌍', handle: 'mayachen_news' },
    text:
      'New report on urban air quality is out 🎉 Read it here: ' +
      'https://cleanair-institute.org/reports/2026/urban-air-quality-november.pdf\n' +
      'Thanks @CityDataLab for the numbers #AirQuality #CleanAir',
    links: ['https://cleanair-institute.org/reports/2026/urban-air-quality-november.pdf'],
  }),
  quote: xPost({
    id: HOME.quote,
    author: { name: 'Jonas Weber', handle: 'jweber_science' },
    text: 'This is the thread everyone should read before sharing that viral chart.',
    quoted: {
      id: HOME.quoted,
      url: `https://x.com/priyanair_md/status/${HOME.quoted}`,
      author: { name: 'Dr. Priya Nair', handle: 'priyanair_md' },
      time: '2026-11-26T21:05:44.000Z',
      text: 'Thread: what the new vaccine data actually shows, and what it does not 🧵',
      lang: 'en',
      truncated: false,
      media: {
        imageAlts: ['Bar chart of hospital admissions by month, 2025 and 2026'],
        imageUrls: ['https://pbs.twimg.com/media/GdQ4aW1XcAAb7Yk?format=png&name=medium'], // loaded at name=small
        hasVideo: false,
      },
    },
  }),
  quoted: null, // only inside the quote card: not a post root of its own
  quoteNoId: xPost({
    id: HOME.quoteNoId,
    author: { name: 'Inês Duarte', handle: 'factcheck_ines' },
    text: 'No, this photo is not from last week. It was first posted in 2019.',
    quoted: {
      id: null,
      url: null,
      author: { name: 'Daily Viral 🔥', handle: 'dailyviralclips' },
      time: '2026-11-25T16:40:02.000Z',
      text: 'BREAKING: massive flood in the city centre right now 😱',
      lang: 'en',
      truncated: false,
      media: NO_MEDIA,
    },
  }),
  quotedNoId: null,
  pt: xPost({
    id: HOME.pt,
    author: { name: 'Beatriz Souza', handle: 'bia_souza' },
    text:
      'Bom dia! ☀️\nHoje o metrô de São Paulo vai funcionar em horário reduzido por causa da greve.\n\n' +
      'Confiram os horários no site oficial.',
    lang: 'pt',
  }),
  truncated: xPost({
    id: HOME.truncated,
    author: { name: 'Global Energy Watch', handle: 'energywatch_gl' },
    text:
      'Electricity prices across Europe fell for the third month in a row, according to figures released this morning.\n\n' +
      'Analysts point to mild weather, high wind output and full gas storage, but warn that a cold snap in December ' +
      'could reverse the trend quickly. Here is what the data',
    truncated: true,
  }),
  video: xPost({
    id: HOME.video,
    author: { name: 'Night Sky Daily', handle: 'nightskydaily' },
    text: "Timelapse of last night's aurora over Tromsø 🌌 #aurora",
    media: { ...NO_MEDIA, hasVideo: true }, // its player's label is X's "Embedded video": no description
  }),
  photos: xPost({
    id: HOME.photos,
    author: { name: 'Lena Park', handle: 'lenapark_photo' },
    text: 'Two views of the same bridge, ten years apart.',
    media: {
      imageAlts: ['The old wooden footbridge in 2016, covered in snow', 'Image'],
      imageUrls: [
        'https://pbs.twimg.com/media/GdP9kLmWoAEx3Qz?format=jpg&name=medium', // loaded at 900x900
        'https://pbs.twimg.com/media/GdP9kLnXsAA8rTe.jpg?name=medium', // loaded as `.jpg:large`
      ],
      hasVideo: false,
    },
  }),
  repost: xPost({
    id: HOME.repost,
    author: { name: 'Ocean Science Weekly', handle: 'oceansciweekly' },
    text:
      'Sea surface temperatures in the North Atlantic hit a record for November, new data shows. ' +
      'Full dataset: https://data.example.net/sst/2026-11',
    links: ['https://data.example.net/sst/2026-11'],
  }),
  translated: xPost({
    id: HOME.translated,
    author: { name: '田中 由紀', handle: 'yuki_tanaka_jp' },
    text: 'The cherry blossom forecast for Tokyo is out. Full bloom is expected on March 28.',
    lang: 'en', // the displayed (translated) language
  }),
  card: xPost({
    id: HOME.card,
    author: { name: 'The Daily Ledger', handle: 'dailyledger' },
    text: 'Markets close higher as tech rebounds; $SPX up 1.2%',
  }),
};

const STATUS_POSTS: Record<keyof typeof STATUS, Post> = {
  ancestor: xPost({
    id: STATUS.ancestor,
    author: { name: 'Dr. Priya Nair', handle: 'priyanair_md' },
    text: 'Thread: what the new vaccine data actually shows, and what it does not 🧵',
    media: {
      imageAlts: ['Bar chart of hospital admissions by month, 2025 and 2026'],
      imageUrls: ['https://pbs.twimg.com/media/GdQ4aW1XcAAb7Yk?format=png&name=medium'],
      hasVideo: false,
    },
  }),
  focused: xPost({
    id: STATUS.focused,
    author: { name: 'Dr. Priya Nair', handle: 'priyanair_md' },
    text:
      '2/ The headline number compares two groups that differ in age. Adjusted for age, the difference shrinks ' +
      'from 40% to about 8%.\n\nSource: https://stats.health.example.org/tables/admissions-by-age-2026-q3.csv',
    links: ['https://stats.health.example.org/tables/admissions-by-age-2026-q3.csv'],
  }),
  replyEn: xPost({
    id: STATUS.replyEn,
    author: { name: 'Tom Becker', handle: 'tombecker_' },
    text: "Thanks, this is the clearest explanation I've seen. Is the age-adjusted table in the same file?",
    replyTo: ['priyanair_md'],
  }),
  replyPt: xPost({
    id: STATUS.replyPt,
    author: { name: 'Rafael Lima 🇧🇷', handle: 'rafa_lima_br' },
    text: 'Ótima explicação! Vou compartilhar com meus alunos.\n@priyanair_md vocês têm os dados por faixa etária?',
    lang: 'pt',
    replyTo: ['priyanair_md', 'tombecker_'],
  }),
};

// The conversation: the ancestor → the focused post (line above it); the replies below answer the
// focused post, and Rafael's continues Tom's (line between them).
STATUS_POSTS.focused.parent = asQuoted(STATUS_POSTS.ancestor);
STATUS_POSTS.replyEn.parent = asQuoted(STATUS_POSTS.focused);
STATUS_POSTS.replyPt.parent = asQuoted(STATUS_POSTS.replyEn);

describe('xAdapter.matchesLocation', () => {
  it.each([
    'x.com',
    'twitter.com',
    'mobile.x.com',
    'www.x.com',
    'www.twitter.com',
    'mobile.twitter.com',
    'X.COM',
  ])('accepts %s', (hostname) => expect(xAdapter.matchesLocation({ hostname, pathname: '/' })).toBe(true));

  it.each(['bsky.app', 'notx.com', 'x.com.evil.example', 'tweetdeck.example', 'pro.x.com', ''])(
    'rejects %s',
    (hostname) => expect(xAdapter.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
});

describe('xAdapter.threadPage', () => {
  it.each([
    '/priyanair_md/status/2126060729405294181',
    '/realDonaldTrump/status/1222907250383245320/',
    '/i/web/status/957383241714970624',
  ])('offers a discussion summary on status pages: %s', (pathname) =>
    expect(xAdapter.threadPage({ hostname: 'x.com', pathname })).toBe(true),
  );
  it.each([
    '/',
    '/home',
    '/priyanair_md',
    '/priyanair_md/with_replies',
    '/priyanair_md/status/2126060729405294181/likes',
    '/priyanair_md/status/',
    '/search',
    '/i/bookmarks',
    '/priyanair_md/status/abc',
  ])('not on %s', (pathname) => expect(xAdapter.threadPage({ hostname: 'x.com', pathname })).toBe(false));
});

describe('home.html timeline', () => {
  const doc = loadFixture('home.html');
  const roots = articles(doc);

  it('finds every article row, in order, and no article inside the <template>', () => {
    expect(roots.map((a) => xAdapter.postId(a))).toEqual([
      HOME.plain,
      HOME.quote,
      HOME.quoteNoId,
      HOME.pt,
      HOME.truncated,
      HOME.video,
      HOME.photos,
      HOME.repost,
      null, // promoted: "Ad" instead of a timestamp permalink
      HOME.translated,
      HOME.card,
    ]);
  });

  it.each(Object.entries(HOME_POSTS).filter(([, post]) => post !== null))(
    'extracts the %s post exactly',
    (key, expected) => {
      const post = xAdapter.extractPost(articleById(doc, HOME[key as keyof typeof HOME]));
      expect(post).toEqual(expected);
      expect(postSchema.parse(post)).toEqual(expected);
    },
  );

  it('yields nothing for the promoted post, which has no permalink', () => {
    const promoted = doc.querySelector('[data-testid="placementTracking"] article')!;
    expect(xAdapter.postId(promoted)).toBeNull();
    expect(xAdapter.extractPost(promoted)).toBeNull();
  });

  it('yields nothing for the empty recycled placeholder cell', () => {
    const cells = Array.from(doc.querySelectorAll('[data-testid="cellInnerDiv"]'));
    const empty = cells.filter((c) => c.querySelector(xAdapter.postRootSelector) === null);
    expect(empty).toHaveLength(1);
    const placeholder = empty[0]!;
    for (const el of [placeholder, placeholder.firstElementChild!]) {
      expect(xAdapter.postId(el)).toBeNull();
      expect(xAdapter.extractPost(el)).toBeNull();
      expect(xAdapter.badgeAnchor(el)).toBeNull();
    }
  });

  it('uses distinct 19-digit snowflake ids whose time matches time[datetime]', () => {
    const ids = Array.from(doc.querySelectorAll('a[href*="/status/"] > time[datetime]')).map((time) => {
      const id = /\/status\/(\d+)$/.exec(time.parentElement!.getAttribute('href')!)![1]!;
      expect(time.getAttribute('datetime')).toBe(datetimeOf(id));
      return id;
    });
    const quotedTimes = Array.from(doc.querySelectorAll('div[role="link"] time[datetime]'));
    expect(quotedTimes.map((time) => time.getAttribute('datetime'))).toEqual([
      datetimeOf(HOME.quoted),
      datetimeOf(HOME.quotedNoId),
    ]);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^\d{19}$/);
  });

  it('reads the display language when the post was auto-translated', () => {
    const translated = articleById(doc, HOME.translated);
    expect(translated.textContent).toContain('Translated from Japanese');
    expect(xAdapter.extractPost(translated)?.lang).toBe('en');
  });

  it('keeps the link card out of the text, links and photos', () => {
    const card = articleById(doc, HOME.card);
    expect(card.querySelector('[data-testid="card.wrapper"] img')).not.toBeNull();
    const post = xAdapter.extractPost(card)!;
    expect(post.text).not.toContain('dailyledger.example.com');
    expect(post.links).toEqual([]);
    expect(post.media.imageAlts).toEqual([]);
  });
});

describe('status.html conversation', () => {
  const doc = loadLiveFixture('status.html');

  it('finds the ancestor, the focused post and the replies', () => {
    const roots = articles(doc);
    expect(roots.map((a) => xAdapter.postId(a))).toEqual([
      STATUS.ancestor,
      STATUS.focused,
      STATUS.replyEn,
      STATUS.replyPt,
    ]);
    expect(roots.map((a) => a.getAttribute('tabindex'))).toEqual(['0', '-1', '0', '0']);
  });

  it.each(Object.entries(STATUS_POSTS))('extracts the %s post exactly', (key, expected) => {
    const post = xAdapter.extractPost(articleById(doc, STATUS[key as keyof typeof STATUS]));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('takes no parent for a reply below the focused post that does not name its author', () => {
    const reply = articleById(doc, STATUS.replyEn);
    // Tom's "Replying to" row now names someone else: not an answer to the focused post.
    const replying = Array.from(reply.querySelectorAll('a[href="/priyanair_md"]')).find((a) =>
      a.textContent?.startsWith('@'),
    )!;
    replying.setAttribute('href', '/someone_else');
    replying.textContent = '@someone_else';
    try {
      expect(xAdapter.extractPost(reply)?.parent).toBeNull();
    } finally {
      replying.setAttribute('href', '/priyanair_md');
      replying.textContent = '@priyanair_md';
    }
  });

  it('takes no parent when the row above a conversation line holds no post', () => {
    const focused = articleById(doc, STATUS.focused);
    const cell = focused.closest('[data-testid="cellInnerDiv"]')!;
    const placeholder = doc.createElement('div');
    placeholder.setAttribute('data-testid', 'cellInnerDiv');
    cell.before(placeholder);
    try {
      expect(xAdapter.extractPost(focused)?.parent).toBeNull();
    } finally {
      placeholder.remove();
    }
    expect(xAdapter.extractPost(focused)?.parent).toEqual(STATUS_POSTS.focused.parent);
  });

  it('reads an inline 2px line where there is no window (no computed style)', () => {
    const parsed = loadFixture('status.html');
    expect(xAdapter.extractPost(articleById(parsed, STATUS.focused))?.parent).toBeNull();
    const line = articleById(parsed, STATUS.focused).querySelector('.r-m5arl1') as HTMLElement;
    line.style.width = '2px';
    expect(xAdapter.extractPost(articleById(parsed, STATUS.focused))?.parent).toEqual(
      STATUS_POSTS.focused.parent,
    );
  });

  it('takes the focused post time from the permalink under its text', () => {
    const focused = articleById(doc, STATUS.focused);
    expect(focused.querySelector('[data-testid="User-Name"] time')).toBeNull();
    expect(xAdapter.extractPost(focused)?.time).toBe('2026-11-26T21:09:12.000Z');
  });
});

describe('xAdapter.badgeAnchor', () => {
  const doc = loadFixture('home.html');

  it('puts the badge in the header row, after the author block', () => {
    const article = articleById(doc, HOME.plain);
    const anchor = xAdapter.badgeAnchor(article)!;
    const userName = article.querySelector('[data-testid="User-Name"]')!;
    expect(anchor.parent.contains(userName)).toBe(true);
    expect(anchor.parent.contains(article.querySelector('[data-testid="tweetText"]'))).toBe(false);
    expect(anchor.parent.contains(article.querySelector('[data-testid="caret"]'))).toBe(false);

    const badge = doc.createElement('button');
    anchor.parent.insertBefore(badge, anchor.before);
    expect(userName.compareDocumentPosition(badge) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The post still reads the same with the badge in place.
    expect(xAdapter.postId(article)).toBe(HOME.plain);
    expect(xAdapter.extractPost(article)).toEqual(HOME_POSTS.plain);
    badge.remove();
  });

  it('uses the outer author block, not the quoted one', () => {
    const article = articleById(doc, HOME.quote);
    const anchor = xAdapter.badgeAnchor(article)!;
    expect(anchor.parent.closest('div[role="link"]')).toBeNull();
    expect(anchor.parent.contains(article.querySelector('[data-testid="User-Name"]'))).toBe(true);
  });

  it('finds a place on the focused post of a status page', () => {
    const status = loadFixture('status.html');
    const anchor = xAdapter.badgeAnchor(articleById(status, STATUS.focused));
    expect(anchor?.parent.querySelector('[data-testid="User-Name"]')).not.toBeNull();
  });

  it('is null without an author block', () => {
    const article = articleById(doc, HOME.plain).cloneNode(true) as Element;
    article.querySelector('[data-testid="User-Name"]')!.remove();
    expect(xAdapter.badgeAnchor(article)).toBeNull();
  });
});

describe('early-2023 markup (User-Names)', () => {
  const doc = loadFixture('home.html');

  it('reads the author and places the badge beside the plural-named author block', () => {
    const article = articleById(doc, HOME.plain).cloneNode(true) as Element;
    article.querySelector('[data-testid="User-Name"]')!.setAttribute('data-testid', 'User-Names');
    expect(xAdapter.extractPost(article)).toEqual(HOME_POSTS.plain);
    const anchor = xAdapter.badgeAnchor(article);
    expect(anchor?.parent.querySelector('[data-testid="User-Names"]')).not.toBeNull();
  });
});

describe('Articles (long-form posts)', () => {
  /** The markup of an X Article as article-logged-in-kepano.html has it, cut down (React: no whitespace between tags). */
  const ARTICLE = [
    '<article data-testid="tweet" role="article" tabindex="-1">',
    '<div data-testid="User-Name"><div><a href="/writer"><div dir="ltr"><span>Writer</span></div></a></div>',
    '<div><a href="/writer" tabindex="-1"><div dir="ltr"><span>@writer</span></div></a></div></div>',
    '<div data-testid="twitterArticleReadView">',
    '<a href="/writer/article/2013045749580259680/media/1"><div data-testid="tweetPhoto"><img alt="Cover"></div></a>',
    '<div dir="auto" data-testid="twitter-article-title"><span>Notes 101</span></div>',
    '<div data-testid="twitterArticleRichTextView"><div data-contents="true">',
    '<div data-block="true"><div><span><span data-text="true">First paragraph. </span>',
    '<img alt="🙂" src="https://abs-0.twimg.com/emoji/v2/svg/1f642.svg"></span></div></div>',
    '<div data-block="true"><div><span><span data-text="true">Line one\nline two</span></span></div></div>',
    '<div dir="ltr"><h2 data-block="true"><div><span><span data-text="true">A heading</span></span></div></h2></div>',
    // A link inside a line sits in a div of its own.
    '<ol><li data-block="true"><div><span><span data-text="true">see </span></span>',
    '<div><a href="https://example.org/" role="link"><span data-text="true">https://example.org/</span></a></div>',
    '<span><span data-text="true"> first</span></span></div></li>',
    '<li data-block="true"><div><span><span data-text="true">item two</span></span></div></li></ol>',
    '<section data-block="true"><div><div data-testid="markdown-code-block">',
    '<div><div dir="ltr"><span>markdown</span></div><div><button type="button"><span>Copy</span></button></div></div>',
    '<pre><code><span>\n</span>vault/\n├── inbox/</code></pre></div></div></section>',
    '<section data-block="true"><div data-testid="tweetPhoto"><img alt="A diagram" src="https://pbs.twimg.com/media/x.jpg"></div></section>',
    '<div data-block="true"><div><span><span data-text="true">The end</span></span></div></div>',
    '</div></div></div>',
    '<div><a href="/writer/status/2013045749580259680"><time datetime="2026-01-19T00:28:01.000Z">Jan 18</time></a></div>',
    '</article>',
  ].join('');
  const article = () => new DOMParser().parseFromString(ARTICLE, 'text/html').querySelector('article')!;

  it('reads the title, then each block on its own line; pictures are media, a code block is its code', () => {
    const post = xAdapter.extractPost(article())!;
    expect(post.text).toBe(
      'Notes 101\nFirst paragraph. 🙂\nLine one\nline two\nA heading\nsee https://example.org/ first\nitem two\n' +
        'vault/\n├── inbox/\nThe end',
    );
    expect(post.links).toEqual(['https://example.org/']);
    expect(post.media).toEqual({
      imageAlts: ['Cover', 'A diagram'],
      imageUrls: ['', 'https://pbs.twimg.com/media/x.jpg?name=medium'], // the cover has no address yet
      hasVideo: false,
    });
    expect(post.author).toEqual({ name: 'Writer', handle: 'writer' });
    expect(post.lang).toBeNull();
    expect(postSchema.parse(post)).toEqual(post);
  });

  it('takes the language from the Article markup when it has one, never from <html lang>', () => {
    const root = article();
    root.querySelector('[data-testid="twitterArticleRichTextView"]')!.setAttribute('lang', 'de');
    expect(xAdapter.extractPost(root)?.lang).toBe('de');
    const page = new DOMParser().parseFromString(
      `<html lang="en"><body>${ARTICLE}</body></html>`,
      'text/html',
    );
    expect(xAdapter.extractPost(page.querySelector('article')!)?.lang).toBeNull();
  });

  it('clips a long Article to the post text cap and marks it truncated', () => {
    const root = article();
    root.querySelector('[data-text="true"]')!.append('word '.repeat(5_000));
    const post = xAdapter.extractPost(root)!;
    expect(post.text.length).toBe(20_000);
    expect(post.text.startsWith('Notes 101\nFirst paragraph. word word')).toBe(true);
    expect(post.truncated).toBe(true);
  });
});

describe('edge cases', () => {
  const doc = loadFixture('home.html');
  const clone = (id: string) => articleById(doc, id).cloneNode(true) as Element;

  it('maps "und" and X private-use language codes to null', () => {
    for (const [lang, expected] of [
      ['und', null],
      ['qme', null],
      ['zxx', null],
      ['', null],
      ['pt-BR', 'pt-BR'],
      ['not a tag', null],
    ] as const) {
      const article = clone(HOME.plain);
      article.querySelector('[data-testid="tweetText"]')!.setAttribute('lang', lang);
      expect(xAdapter.extractPost(article)?.lang).toBe(expected);
    }
  });

  it('falls back to the snowflake time when the timestamp is unparseable', () => {
    const article = clone(HOME.plain);
    article.querySelector('time')!.setAttribute('datetime', 'yesterday');
    expect(xAdapter.extractPost(article)?.time).toBe('2026-11-27T09:14:27.318Z');
  });

  it('takes a quoted post id from its "Show more" link, and marks it truncated', () => {
    const article = clone(HOME.quoteNoId);
    const quoteText = article.querySelector('div[role="link"] [data-testid="tweetText"]')!;
    const more = doc.createElement('a');
    more.setAttribute('href', `/dailyviralclips/status/${HOME.quotedNoId}`);
    more.setAttribute('data-testid', 'tweet-text-show-more-link');
    more.textContent = 'Show more';
    quoteText.after(more);
    const post = xAdapter.extractPost(article)!;
    expect(post.truncated).toBe(false);
    expect(post.quoted).toMatchObject({
      id: HOME.quotedNoId,
      url: `https://x.com/dailyviralclips/status/${HOME.quotedNoId}`,
      truncated: true,
    });
  });

  it("does not take another author's status link for the quoted post's id", () => {
    const article = clone(HOME.quoteNoId);
    const stray = doc.createElement('a');
    stray.setAttribute('href', '/someone_else/status/2126000000000000000/photo/1');
    article.querySelector('div[role="link"] [data-testid="tweetText"]')!.after(stray);
    expect(xAdapter.extractPost(article)?.quoted).toMatchObject({ id: null, url: null });
  });

  it('ignores a timestamp link inside the quote card for the outer permalink', () => {
    const article = clone(HOME.quote);
    const quoteTime = article.querySelector('div[role="link"] time')!;
    const link = doc.createElement('a');
    link.setAttribute('href', `/priyanair_md/status/${HOME.quoted}`);
    quoteTime.replaceWith(link);
    link.append(quoteTime);
    // Put the quote card first so that its link comes before the real permalink.
    const card = article.querySelector('div[role="link"]')!;
    article.prepend(card);
    expect(xAdapter.postId(article)).toBe(HOME.quote);
  });

  it('ignores photos inside a video player and counts only the outer media', () => {
    const article = clone(HOME.video);
    const player = article.querySelector('[data-testid="videoPlayer"]')!;
    const photo = doc.createElement('div');
    photo.setAttribute('data-testid', 'tweetPhoto');
    const poster = doc.createElement('img');
    poster.setAttribute('alt', 'Embedded video');
    photo.append(poster);
    player.append(photo);
    expect(xAdapter.extractPost(article)?.media).toEqual({ ...NO_MEDIA, hasVideo: true });
  });

  it("takes a video's label for its description, unless it is X's generic label in any language", () => {
    const article = clone(HOME.video);
    const video = article.querySelector('video')!;
    video.setAttribute('aria-label', ' Aurora over Tromsø, filmed from the harbour ');
    expect(xAdapter.extractPost(article)?.media.videoAlt).toBe('Aurora over Tromsø, filmed from the harbour');
    for (const generic of [
      'Embedded video',
      'Vídeo incorporado',
      'Eingebettetes Video',
      'Vidéo intégrée',
      '',
    ]) {
      video.setAttribute('aria-label', generic);
      expect(xAdapter.extractPost(article)?.media, generic).not.toHaveProperty('videoAlt');
    }
  });

  it("gives a photo off X's photo host no address, and keeps its alt text", () => {
    const article = clone(HOME.photos);
    const [first, second] = article.querySelectorAll('[data-testid="tweetPhoto"] img');
    first!.setAttribute('src', 'blob:https://x.com/4f1c0d2e'); // still uploading
    second!.setAttribute('src', 'https://pbs.twimg.com.example.net/media/GdP9kLnXsAA8rTe?name=small');
    const { imageAlts, imageUrls } = xAdapter.extractPost(article)!.media;
    expect(imageAlts).toHaveLength(2);
    expect(imageUrls).toEqual(['', '']);
  });

  it('clips text over the Post limit and marks it truncated', () => {
    const article = clone(HOME.pt);
    const span = doc.createElement('span');
    span.textContent = '😀'.repeat(15_000); // 30 000 UTF-16 units
    article.querySelector('[data-testid="tweetText"]')!.append(span);
    const post = xAdapter.extractPost(article)!;
    expect(post.truncated).toBe(true);
    expect(post.text.length).toBeLessThanOrEqual(20_000);
    expect(post.text.endsWith('😀')).toBe(true);
    expect(() => postSchema.parse(post)).not.toThrow();
  });

  it('never takes the handle from a display name that looks like one', () => {
    const article = clone(HOME.quoteNoId);
    for (const nameSpan of article.querySelectorAll(
      '[data-testid="User-Name"] > div:first-child [dir] > span',
    )) {
      nameSpan.textContent = '@elonmusk';
    }
    const post = xAdapter.extractPost(article)!;
    expect(post.author).toEqual({ name: '@elonmusk', handle: 'factcheck_ines' });
    expect(post.quoted?.author).toEqual({ name: '@elonmusk', handle: 'dailyviralclips' });
  });

  it("does not take an affiliate badge's link in the quote card for the quoted author", () => {
    const article = clone(HOME.quoteNoId);
    const badges = article.querySelector(
      'div[role="link"] [data-testid="User-Name"] [dir]:nth-child(2) > span',
    )!;
    const affiliate = doc.createElement('a');
    affiliate.setAttribute('href', '/SomeNewsOrg');
    badges.append(affiliate);
    expect(xAdapter.extractPost(article)?.quoted?.author.handle).toBe('dailyviralclips');
  });

  it('handles absolute X links for mentions and hashtags as in-site links', () => {
    const article = clone(HOME.plain);
    for (const a of article.querySelectorAll('[data-testid="tweetText"] a[href^="/"]')) {
      a.setAttribute('href', `https://x.com${a.getAttribute('href')}`);
    }
    expect(xAdapter.extractPost(article)).toEqual(HOME_POSTS.plain);
  });
});

describe('garbled articles', () => {
  const doc = loadFixture('home.html');
  const clone = (id: string) => articleById(doc, id).cloneNode(true) as Element;

  it('without a status link: no id, no post', () => {
    const article = clone(HOME.plain);
    for (const a of article.querySelectorAll('a[href*="/status/"]')) a.remove();
    expect(xAdapter.postId(article)).toBeNull();
    expect(xAdapter.extractPost(article)).toBeNull();
  });

  it('without User-Name: the permalink still gives the id and handle', () => {
    const article = clone(HOME.quote);
    const permalink = article.querySelector('a[href*="/status/"]')!;
    article.querySelector('[data-testid="User-Name"]')!.replaceWith(permalink);
    const post = xAdapter.extractPost(article)!;
    expect(post.id).toBe(HOME.quote);
    expect(post.author).toEqual({ name: '', handle: 'jweber_science' });
    expect(post.url).toBe(`https://x.com/jweber_science/status/${HOME.quote}`);
    expect(post.quoted?.author.handle).toBe('priyanair_md');
  });

  it('with a handle-less permalink and no author block', () => {
    const article = doc.createElement('article');
    article.setAttribute('data-testid', 'tweet');
    const link = doc.createElement('a');
    link.setAttribute('href', '/i/web/status/2126243242333455973');
    const time = doc.createElement('time');
    time.setAttribute('datetime', ''); // unparseable: the time comes from the snowflake id
    link.append(time);
    article.append(link);
    expect(xAdapter.extractPost(article)).toEqual({
      ...xPost({ id: HOME.plain, author: { name: '', handle: '' }, text: '' }),
      url: `https://x.com/i/status/${HOME.plain}`,
      time: '2026-11-27T09:14:27.318Z',
      lang: null,
    });
  });

  it('survives deep nesting', () => {
    const article = clone(HOME.plain);
    const text = article.querySelector('[data-testid="tweetText"]')!;
    let inner: Element = text;
    for (let i = 0; i < 2_000; i++) {
      const span = doc.createElement('span');
      inner.append(span);
      inner = span;
    }
    inner.append('deep');
    expect(xAdapter.extractPost(article)?.text.endsWith('#CleanAirdeep')).toBe(true);
  }, 30_000);

  it('never throws on randomly mangled articles, and what it returns is a valid Post', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const ATTRS = ['href', 'data-testid', 'role', 'lang', 'datetime', 'alt', 'aria-hidden'];
    const VALUES = [
      '',
      '/',
      '/status/',
      '/a/status/1',
      '/status/99999999999999999999999',
      'tweetText',
      'User-Name',
      'link',
      'und',
      '…',
      'javascript:x',
      '@',
    ];
    const sources = articles(doc).concat(articles(loadFixture('status.html')));
    let posts = 0;
    for (let round = 0; round < 200; round++) {
      const article = sources[round % sources.length]!.cloneNode(true) as Element;
      const all = Array.from(article.querySelectorAll('*'));
      for (let step = 0; step < 8; step++) {
        const el = all[random(all.length)]!;
        if (!article.contains(el)) continue; // removed by an earlier step
        switch (random(4)) {
          case 0:
            el.remove();
            break;
          case 1: {
            const target = all[random(all.length)]!;
            if (!el.contains(target) && article.contains(target)) target.append(el);
            break;
          }
          case 2:
            el.setAttribute(ATTRS[random(ATTRS.length)]!, VALUES[random(VALUES.length)]!);
            break;
          default: {
            const wrapper = doc.createElement('div');
            wrapper.setAttribute('role', 'link');
            el.replaceWith(wrapper);
            wrapper.append(el);
          }
        }
      }
      const id = xAdapter.postId(article);
      const post = xAdapter.extractPost(article);
      xAdapter.badgeAnchor(article);
      if (post !== null) {
        posts++;
        expect(post.id).toBe(id);
        expect(() => postSchema.parse(post)).not.toThrow();
      }
    }
    expect(posts).toBeGreaterThan(30); // most mangled posts still read
  }, 30_000);
});

describe('home.html script (infinite scroll and row recycling)', () => {
  interface FixtureHooks {
    appendPosts(count: number): string[];
    recyclePost(oldId: string, newId: string): void;
  }

  /** Loads home.html into the test's document and runs its inline script there. */
  function runFixturePage(): FixtureHooks {
    document.documentElement.innerHTML = fixtureHtml('home.html');
    const script = Array.from(document.querySelectorAll('script')).map((s) => s.textContent ?? '');
    expect(script).toHaveLength(1);
    new Function(script[0]!)();
    return (window as unknown as { footnoteFixture: FixtureHooks }).footnoteFixture;
  }

  it('recyclePost shows another post in the same row and article', () => {
    const fixture = runFixturePage();
    const article = articleById(document, HOME.plain);
    const cell = article.closest('[data-testid="cellInnerDiv"]');
    const newId = '2126300000000000001';

    fixture.recyclePost(HOME.plain, newId);

    expect(article.isConnected).toBe(true);
    expect(article.closest('[data-testid="cellInnerDiv"]')).toBe(cell);
    expect(xAdapter.postId(article)).toBe(newId);
    expect(xAdapter.extractPost(article)).toEqual(
      xPost({
        id: newId,
        author: { name: 'Recycled User', handle: 'recycled_user' },
        text: `Recycled post ${newId}`,
      }),
    );
    expect(articles(document).filter((a) => xAdapter.postId(a) === HOME.plain)).toEqual([]);
  });

  it('recyclePost on a quote post drops the quote and media', () => {
    const fixture = runFixturePage();
    const article = articleById(document, HOME.quote);
    fixture.recyclePost(HOME.quote, '2126300000000000002');
    expect(xAdapter.extractPost(article)).toMatchObject({ id: '2126300000000000002', quoted: null });
  });

  it('appendPosts adds rows with the same structure as the static posts', () => {
    const fixture = runFixturePage();
    const before = articles(document).length;
    expect(fixture.appendPosts(2)).toEqual(['1900000000000000001', '1900000000000000002']);
    expect(fixture.appendPosts(1)).toEqual(['1900000000000000003']);

    const all = articles(document);
    expect(all).toHaveLength(before + 3);
    const late = all.slice(-3);
    expect(late.map((a) => a.closest('[data-testid="cellInnerDiv"]')?.parentElement)).toEqual(
      late.map(() => document.querySelector('[aria-label="Timeline: Your Home Timeline"] > div')),
    );
    expect(late.map((a) => xAdapter.extractPost(a))).toEqual(
      [1, 2, 3].map((n) =>
        xPost({
          id: `190000000000000000${n}`,
          author: { name: `Late Poster ${n}`, handle: `late_poster_${n}` },
          text: `Late post number ${n}`,
        }),
      ),
    );
    expect(xAdapter.badgeAnchor(late[0]!)?.parent.querySelector('[data-testid="User-Name"]')).not.toBeNull();
  });
});
