// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { asQuoted, type Post, type QuotedPost } from '../../core/post';
import { postSchema } from '../../core/post-schema';
import { samplePost } from '../../../test-support/sample-post';
import { blueskyAdapter } from './adapter';

// Not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const FEED_URL = 'https://bsky.app/';
const THREAD_URL = 'https://bsky.app/profile/hannahokafor.bsky.social/post/3n3bwtfbekr2f';

/** Vitest's jsdom environment exposes its JSDOM instance; documents parsed later take this URL. */
function setPageUrl(url: string): void {
  (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url });
}

/** The fixture as a document without a window (no layout, no computed style); its script does not run. */
function parseFixture(name: string, url: string): Document {
  setPageUrl(url);
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, name), 'utf8'), 'text/html');
}

/** The fixture as the test window's own document, so that its style sheet applies (computed style). */
function mountFixture(name: string, url: string): Document {
  const parsed = parseFixture(name, url);
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
  return document;
}

function roots(doc: ParentNode): Element[] {
  return Array.from(doc.querySelectorAll(blueskyAdapter.postRootSelector));
}

function rootById(doc: ParentNode, id: string, visible = true): Element {
  const root = roots(doc).find(
    (r) => blueskyAdapter.postId(r) === id && (!visible || !r.closest('.r-hvic4v')),
  );
  if (root === undefined) throw new Error(`fixture has no post ${id}`);
  return root;
}

/** What the Bluesky adapter reads of a post without pictures or video. */
const NO_MEDIA = { imageAlts: [], imageUrls: [], hasVideo: false };

function bskyPost(fields: Partial<Post> & Pick<Post, 'author' | 'time' | 'text'> & { rkey: string }): Post {
  const { rkey, ...rest } = fields;
  return samplePost({
    site: 'bluesky',
    id: `${fields.author.handle}/${rkey}`,
    url: `https://bsky.app/profile/${fields.author.handle}/post/${rkey}`,
    lang: null,
    media: NO_MEDIA,
    ...rest,
  });
}

const HANNAH = { name: 'Dr. Hannah Okafor 🌍', handle: 'hannahokafor.bsky.social' };
const TOM = { name: 'Tom Becker', handle: 'tombecker.bsky.social' };
const CLIMATE_DESK = { name: 'Climate Desk', handle: 'climatedesk.bsky.social' };

const FEED = {
  plain: 'hannahokafor.bsky.social/3n3bsqmalmj25',
  pt: 'lucasmartins.com.br/3n3brltzbmo26',
  quote: 'priyaraman.bsky.social/3n3bqiudqpl27',
  photo: 'oceanwatch.org/3n3bpr2i7a52b',
  repost: 'earthobs.bsky.social/3n3aojifpqc2c',
  reply: 'tombecker.bsky.social/3n3btbckcnh2d',
  // One thread slice: root, "View full thread", then the last reply's parent and the last reply.
  sliceRoot: 'climatedesk.bsky.social/3n3bjp25cd22b',
  sliceParent: 'martasilva.bsky.social/3n3bmshdlak25',
  sliceReply: 'climatedesk.bsky.social/3n3bo7nmlgk2q',
};

const QUOTED: QuotedPost = {
  id: 'citytransit.bsky.social/3n3aa2zrexy2a',
  url: 'https://bsky.app/profile/citytransit.bsky.social/post/3n3aa2zrexy2a',
  author: { name: 'City Transit Updates 🚇', handle: 'citytransit.bsky.social' },
  time: '2026-11-26T17:45:22.310Z',
  text:
    'Fares will NOT double on January 1. The proposal being shared is from 2019 and was rejected.\n' +
    'Current fares stay the same until at least June 2027.',
  lang: null,
  truncated: false,
  media: {
    imageAlts: ['Screenshot of the 2019 fare proposal with a red REJECTED stamp'],
    // Loaded as feed_thumbnail (up to 2,000 px); feed_fullsize is at most 1,000.
    imageUrls: [
      'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:c1tytr4ns1tupd4t3sz3c5d/bafkreiimage03c5d@jpeg',
    ],
    hasVideo: false,
  },
};

const FEED_POSTS: Record<keyof typeof FEED, Post> = {
  plain: bskyPost({
    rkey: '3n3bsqmalmj25',
    author: HANNAH,
    time: '2026-11-27T08:52:13.417Z',
    text:
      'The new synthesis report says warming will probably pass 1.5 °C in the early 2030s.\n\n' +
      'That is not the same as the Paris goal being "already missed": the goal refers to a 20-year average. 🌡️',
  }),
  pt: bskyPost({
    rkey: '3n3brltzbmo26',
    author: { name: 'Lucas Martins', handle: 'lucasmartins.com.br' },
    time: '2026-11-27T08:31:40.052Z',
    text:
      'Bom dia! A frota de ônibus elétricos de São Paulo passou de 1.000 veículos nesta semana, segundo a SPTrans.\n' +
      'Ainda falta muito para a meta de 2028.',
  }),
  quote: bskyPost({
    rkey: '3n3bqiudqpl27',
    author: { name: 'Priya Raman', handle: 'priyaraman.bsky.social' },
    time: '2026-11-27T08:12:05.990Z',
    text: "This is the clearest explanation of the fare change I've seen. Worth reading before you share the viral screenshot.",
    quoted: QUOTED,
  }),
  photo: bskyPost({
    rkey: '3n3bpr2i7a52b',
    author: { name: 'Ocean Watch', handle: 'oceanwatch.org' },
    time: '2026-11-27T07:58:47.121Z',
    text:
      'New survey data on coral bleaching in the Great Barrier Reef: ' +
      'https://example.org/research/2026/november/coral-bleaching-survey.html\n' +
      'Thanks @aims.gov.au for the aerial photos #coral',
    links: ['https://example.org/research/2026/november/coral-bleaching-survey.html'],
    media: {
      imageAlts: ['Aerial photo of bleached coral, white patches across a shallow reef', ''],
      imageUrls: [
        'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:oc34nw4tch0rgr33fz4d6e7/bafkreiimage0d6e7@jpeg',
        'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:oc34nw4tch0rgr33fz4d6e7/bafkreiimage1d6e7@jpeg',
      ],
      hasVideo: false,
    },
  }),
  repost: bskyPost({
    rkey: '3n3aojifpqc2c',
    author: { name: 'Earth Observatory Daily', handle: 'earthobs.bsky.social' },
    time: '2026-11-26T22:03:59.804Z',
    text: 'Timelapse of the Ruang volcano eruption, captured by satellite over 48 hours.',
    media: {
      ...NO_MEDIA,
      hasVideo: true,
      videoAlt: 'Satellite timelapse: the ash plume of Ruang drifting east over two days', // its caption
    },
  }),
  reply: bskyPost({
    rkey: '3n3btbckcnh2d',
    author: TOM,
    time: '2026-11-27T09:01:33.675Z',
    text: 'Thanks! So a single year above 1.5 °C does not mean the target is broken?',
  }),
  sliceRoot: bskyPost({
    rkey: '3n3bjp25cd22b',
    author: CLIMATE_DESK,
    time: '2026-11-27T06:10:17.204Z',
    text:
      'Fact check 🧵 No, the Gulf Stream is not about to collapse this winter.\n' +
      'The viral "collapse in 2025" date comes from one 2023 paper that gave a range of 2025–2095.',
  }),
  sliceParent: bskyPost({
    rkey: '3n3bmshdlak25',
    author: { name: 'Marta Silva', handle: 'martasilva.bsky.social' },
    time: '2026-11-27T07:05:52.930Z',
    text: 'So is there any risk at all, or is the whole thing made up?',
  }),
  sliceReply: bskyPost({
    rkey: '3n3bo7nmlgk2q',
    author: CLIMATE_DESK,
    time: '2026-11-27T07:31:09.466Z',
    text:
      'There is a real risk that it weakens this century, but the IPCC rates a full collapse before 2100 as ' +
      "unlikely. The 2025 date is the low end of one study's range, not a forecast.",
  }),
};
// In the slice, the last reply hangs under its parent (both draw the reply line); the parent's own
// parent is hidden behind "View full thread", so it has none.
FEED_POSTS.sliceReply.parent = asQuoted(FEED_POSTS.sliceParent);

const THREAD = {
  anchor: 'hannahokafor.bsky.social/3n3bwtfbekr2f',
  tom: 'tombecker.bsky.social/3n3bx5kbcgg2g',
  hannah: 'hannahokafor.bsky.social/3n3bxe6h3ut2h',
  ana: 'anaclara.bsky.social/3n3byer27yy2i',
};

const THREAD_POSTS: Record<keyof typeof THREAD, Post> = {
  anchor: bskyPost({
    rkey: '3n3bwtfbekr2f',
    author: HANNAH,
    time: '2026-11-27T10:05:21.733Z',
    text:
      'Thread on what the 1.5 °C threshold means 🧵\n\n1/ The Paris goal is about long-term warming, averaged over ' +
      '20 years, not a single hot year. The IPCC explains it here: https://www.ipcc.ch/report/ar6/syr/',
    links: ['https://www.ipcc.ch/report/ar6/syr/'],
  }),
  tom: bskyPost({
    rkey: '3n3bx5kbcgg2g',
    author: TOM,
    time: '2026-11-27T10:11:02.518Z',
    text: "Does that mean 2024 being above 1.5 °C doesn't count?",
  }),
  hannah: bskyPost({
    rkey: '3n3bxe6h3ut2h',
    author: HANNAH,
    time: '2026-11-27T10:14:45.006Z',
    text:
      'Exactly: one year above 1.5 °C is a warning sign, not a breach of the goal. @tombecker.bsky.social ' +
      'the 20-year average is still around 1.3 °C.',
  }),
  ana: bskyPost({
    rkey: '3n3byer27yy2i',
    author: { name: 'Ana Clara 🌻', handle: 'anaclara.bsky.social' },
    time: '2026-11-27T10:32:58.249Z',
    text:
      'Ótimo fio! Vou compartilhar com a minha turma de geografia.\n' +
      'Mais dados aqui: https://bsky.app/profile/climatedesk.bsky.social/post/3n3bv7m2xka2p',
    links: ['https://bsky.app/profile/climatedesk.bsky.social/post/3n3bv7m2xka2p'],
  }),
};

// Replies at the first level answer the anchor; Hannah's reply draws the line up to Tom's.
THREAD_POSTS.tom.parent = asQuoted(THREAD_POSTS.anchor);
THREAD_POSTS.hannah.parent = asQuoted(THREAD_POSTS.tom);
THREAD_POSTS.ana.parent = asQuoted(THREAD_POSTS.anchor);

afterEach(() => setPageUrl(FEED_URL));

describe('blueskyAdapter.matchesLocation', () => {
  it.each(['bsky.app', 'BSKY.APP', 'bsky.app.'])('accepts %s', (hostname) =>
    expect(blueskyAdapter.matchesLocation({ hostname, pathname: '/' })).toBe(true),
  );
  // main.bsky.dev (Bluesky's staging host): no content script runs there, so no adapter claims it.
  it.each(['bsky.social', 'notbsky.app', 'bsky.app.evil.example', 'main.bsky.dev', 'x.com', ''])(
    'rejects %s',
    (hostname) => expect(blueskyAdapter.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
});

describe('blueskyAdapter.threadPage', () => {
  it.each([
    '/profile/hannahokafor.bsky.social/post/3n3bwtfbekr2f',
    '/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3mdd7aj7pgs2x/',
  ])('offers a discussion summary on threads: %s', (pathname) =>
    expect(blueskyAdapter.threadPage({ hostname: 'bsky.app', pathname })).toBe(true),
  );
  it.each([
    '/',
    '/profile/hannahokafor.bsky.social',
    '/profile/hannahokafor.bsky.social/post/3n3bwtfbekr2f/liked-by',
    '/profile/hannahokafor.bsky.social/post/3n3bwtfbekr2f/quotes',
    '/search',
    '/notifications',
  ])('not on %s', (pathname) =>
    expect(blueskyAdapter.threadPage({ hostname: 'bsky.app', pathname })).toBe(false),
  );
});

describe('feed.html home feed', () => {
  let doc: Document;
  beforeAll(() => {
    doc = mountFixture('feed.html', FEED_URL);
  });

  it('finds every feed item, the hidden tab’s duplicate last', () => {
    expect(roots(doc).map((r) => blueskyAdapter.postId(r))).toEqual([...Object.values(FEED), FEED.plain]);
  });

  it.each(Object.entries(FEED_POSTS))('extracts the %s post exactly', (key, expected) => {
    const post = blueskyAdapter.extractPost(rootById(doc, FEED[key as keyof typeof FEED]));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('yields the duplicate in the hidden "Discover" tab no second time', () => {
    const [visible, hidden] = roots(doc).filter((r) => blueskyAdapter.postId(r) === FEED.plain);
    expect(hidden!.closest('.r-hvic4v')).not.toBeNull(); // RNW's display:none class, as Pager.web.tsx sets
    expect(blueskyAdapter.extractPost(visible!)).toEqual(FEED_POSTS.plain);
    expect(blueskyAdapter.extractPost(hidden!)).toBeNull();
    // Still keyed, so its badge is in place the moment the tab is shown.
    expect(blueskyAdapter.postId(hidden!)).toBe(FEED.plain);
  });

  it('decodes each time from the TID rkey; the page shows only "1h" and a localized label', () => {
    const link = rootById(doc, FEED.plain).querySelector('a[href$="/post/3n3bsqmalmj25"]')!;
    expect(link.textContent).toBe('·\u00A01h');
    expect(link.getAttribute('aria-label')).toMatch(/^November 27, 2026 at 8:52/);
  });

  it('takes the author from PostMeta, not from the "Reposted by" row', () => {
    const root = rootById(doc, FEED.repost);
    expect(root.querySelector('a[aria-label^="Reposted by"]')).not.toBeNull();
    expect(blueskyAdapter.extractPost(root)?.author).toEqual({
      name: 'Earth Observatory Daily',
      handle: 'earthobs.bsky.social',
    });
  });

  it('reads shortened link text as the full href, and keeps the link card out of the text', () => {
    const photo = rootById(doc, FEED.photo);
    expect(photo.querySelector('a[target="_blank"]')?.textContent).toBe('example.org/research/2026/n...');
    const pt = blueskyAdapter.extractPost(rootById(doc, FEED.pt))!;
    expect(pt.links).toEqual([]);
    expect(pt.text).not.toContain('example.com.br');
  });
});

describe('thread.html', () => {
  const doc = parseFixture('thread.html', THREAD_URL);

  it('finds the anchor and the replies', () => {
    expect(roots(doc).map((r) => blueskyAdapter.postId(r))).toEqual(Object.values(THREAD));
  });

  it.each(Object.entries(THREAD_POSTS))('extracts the %s post exactly', (key, expected) => {
    const post = blueskyAdapter.extractPost(rootById(doc, THREAD[key as keyof typeof THREAD]));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('takes the item above as the parent only when the parent reply line is drawn', () => {
    const hannah = rootById(doc, THREAD.hannah);
    const line = hannah.firstElementChild!.firstElementChild!.firstElementChild!;
    expect(line.getAttribute('style')).toContain('width:2px');
    line.remove();
    try {
      // Without the line it is a first-level reply: to the anchor.
      expect(blueskyAdapter.extractPost(hannah)?.parent).toEqual(asQuoted(THREAD_POSTS.anchor));
    } finally {
      hannah.firstElementChild!.firstElementChild!.append(line);
    }
    expect(blueskyAdapter.extractPost(hannah)?.parent).toEqual(asQuoted(THREAD_POSTS.tom));
  });

  it('gives feed items outside a thread slice no parent (a feed shows only "Replied to")', () => {
    const feed = parseFixture('feed.html', FEED_URL);
    const parents = roots(feed).map((root) => blueskyAdapter.extractPost(root)?.parent ?? null);
    expect(parents.filter((parent) => parent !== null)).toEqual([asQuoted(FEED_POSTS.sliceParent)]);
  });

  it('identifies the anchor, which has no timestamp link, by its likes/reposts/quotes links', () => {
    const anchor = roots(doc)[0]!;
    expect(anchor.querySelector('a[href$="/post/3n3bwtfbekr2f"]')).toBeNull();
    expect(anchor.querySelector('a[href$="/post/3n3bwtfbekr2f/liked-by"]')).not.toBeNull();
  });

  it('falls back to the page path for an anchor without engagement links', () => {
    const anchor = roots(doc)[0]!.cloneNode(true) as Element;
    for (const a of anchor.querySelectorAll('a[href*="/post/"]')) a.remove();
    expect(blueskyAdapter.postId(anchor)).toBe(THREAD.anchor);
    expect(blueskyAdapter.extractPost(anchor)?.text).toBe(THREAD_POSTS.anchor.text);
  });

  it('does not take the page path for a post by someone else than the path names', () => {
    const reply = rootById(doc, THREAD.tom).cloneNode(true) as Element;
    for (const a of reply.querySelectorAll('a[href*="/post/"]')) a.remove();
    expect(blueskyAdapter.postId(reply)).toBeNull();
    expect(blueskyAdapter.extractPost(reply)).toBeNull();
  });

  it('names the anchor by handle when the page path uses the DID', () => {
    const didDoc = parseFixture(
      'thread.html',
      'https://bsky.app/profile/did:plc:h4nn4hok4f0rcl1m4t3zz5/post/3n3bwtfbekr2f',
    );
    const anchor = roots(didDoc)[0]!;
    for (const a of anchor.querySelectorAll('a[href*="/post/"]')) a.remove();
    // The author link is by handle: the path's DID cannot be checked against it.
    expect(blueskyAdapter.postId(anchor)).toBeNull();
    const link = didDoc.createElement('a');
    link.setAttribute('href', '/profile/did:plc:h4nn4hok4f0rcl1m4t3zz5');
    anchor.append(link);
    expect(blueskyAdapter.postId(anchor)).toBe(THREAD.anchor);
  });
});

describe('feed.html thread slice', () => {
  const doc = parseFixture('feed.html', FEED_URL);
  const parentOf = (root: Element) => blueskyAdapter.extractPost(root)?.parent ?? null;
  const below = (root: Element) =>
    root.querySelector('a[aria-label$="avatar"]')!.parentElement!.nextElementSibling!;
  const above = (root: Element) => root.firstElementChild!.firstElementChild!.firstElementChild!;

  it('gives the last reply of a slice the post in the row above as parent', () => {
    const reply = rootById(doc, FEED.sliceReply);
    expect(above(reply).getAttribute('style')).toContain('width:2px');
    expect(below(rootById(doc, FEED.sliceParent)).getAttribute('style')).toContain('width:2px');
    expect(parentOf(reply)).toEqual(asQuoted(FEED_POSTS.sliceParent));
  });

  it('gives the slice root and a reply below "View full thread" no parent', () => {
    const parent = rootById(doc, FEED.sliceParent);
    expect(above(parent).getAttribute('style')).toContain('width:2px'); // it does reply…
    expect(parent.parentElement!.previousElementSibling!.textContent).toBe('View full thread'); // …to a hidden post
    expect(parentOf(parent)).toBeNull();
    expect(parentOf(rootById(doc, FEED.sliceRoot))).toBeNull();
    // Below the reply in the feed of "Replied to", an unrelated post: its own line is not drawn.
    expect(parentOf(rootById(doc, FEED.reply))).toBeNull();
  });

  it('needs both reply lines: either alone never links two neighbouring posts', () => {
    const reply = rootById(doc, FEED.sliceReply);
    for (const line of [below(rootById(doc, FEED.sliceParent)), above(reply)]) {
      const column = line.parentElement!;
      line.remove();
      try {
        expect(blueskyAdapter.extractPost(reply)?.id).toBe(FEED.sliceReply);
        expect(parentOf(reply)).toBeNull();
      } finally {
        column.append(line);
      }
    }
    expect(parentOf(reply)).toEqual(asQuoted(FEED_POSTS.sliceParent));
  });

  it('does not take a slice child placed under an unrelated post for a reply to it', () => {
    const reply = rootById(doc, FEED.sliceReply).cloneNode(true) as Element;
    const row = doc.createElement('div');
    row.append(reply);
    const unrelated = rootById(doc, FEED.repost).parentElement!;
    unrelated.after(row);
    try {
      expect(blueskyAdapter.extractPost(reply)?.id).toBe(FEED.sliceReply);
      expect(parentOf(reply)).toBeNull();
    } finally {
      row.remove();
    }
  });

  it('finds the slice parent with scoped queries and sibling steps only', () => {
    const all = roots(doc);
    const spies = [vi.spyOn(doc, 'querySelector'), vi.spyOn(doc, 'querySelectorAll')];
    for (const root of all) blueskyAdapter.extractPost(root);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('blueskyAdapter.badgeAnchor', () => {
  const doc = parseFixture('feed.html', FEED_URL);

  it('puts the badge after the PostMeta row, on the line of name, handle and time', () => {
    const root = rootById(doc, FEED.quote, false);
    const anchor = blueskyAdapter.badgeAnchor(root)!;
    const time = root.querySelector('a[href$="/post/3n3bqiudqpl27"]')!;
    expect(anchor.parent.contains(time)).toBe(true);
    expect(anchor.parent.closest('[aria-label^="Post by "]')).toBeNull();
    expect(anchor.parent.contains(root.querySelector('[data-testid="postText"]'))).toBe(false);

    const badge = doc.createElement('button');
    anchor.parent.insertBefore(badge, anchor.before);
    expect(time.compareDocumentPosition(badge) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(blueskyAdapter.postId(root)).toBe(FEED.quote);
    expect(blueskyAdapter.extractPost(root)).toEqual(FEED_POSTS.quote);
    badge.remove();
  });

  it('puts it after the author link on the thread anchor', () => {
    const thread = parseFixture('thread.html', THREAD_URL);
    const author = roots(thread)[0]!.querySelector(
      'a[aria-label^="Dr. Hannah Okafor"]:not([aria-label$="avatar"])',
    )!;
    expect(blueskyAdapter.badgeAnchor(roots(thread)[0]!)).toEqual({
      parent: author.parentElement,
      before: author.nextSibling,
    });
  });

  it('is null for an item without permalink or author', () => {
    const root = doc.createElement('div');
    root.setAttribute('data-testid', 'feedItem-by-someone.bsky.social');
    expect(blueskyAdapter.badgeAnchor(root)).toBeNull();
  });
});

describe('edge cases', () => {
  const doc = parseFixture('feed.html', FEED_URL);
  const clone = (id: string) => rootById(doc, id, false).cloneNode(true) as Element;
  const timeLink = (root: Element) => root.querySelector('a[href*="/post/"]:not([target])')!;

  it('skips a duplicate hidden by an attribute or an inline style, also without a window', () => {
    for (const hide of [
      (el: Element) => el.setAttribute('hidden', ''),
      (el: Element) => el.setAttribute('style', 'display: none'),
    ]) {
      const wrapper = doc.createElement('div');
      hide(wrapper);
      const root = clone(FEED.plain);
      wrapper.append(root);
      doc.body.append(wrapper);
      expect(blueskyAdapter.extractPost(root)).toBeNull();
      wrapper.remove();
    }
  });

  it('asks the browser when it can (checkVisibility)', () => {
    const root = clone(FEED.plain);
    root.checkVisibility = () => false;
    expect(blueskyAdapter.extractPost(root)).toBeNull();
    root.checkVisibility = () => true;
    expect(blueskyAdapter.extractPost(root)).toEqual(FEED_POSTS.plain);
  });

  it('uses the at:// URI when the permalink names the author by DID (invalid handle)', () => {
    const root = clone(FEED.plain);
    root.setAttribute('data-testid', 'feedItem-by-handle.invalid');
    const did = 'did:plc:h4nn4hok4f0rcl1m4t3zz5';
    for (const a of root.querySelectorAll('a[href^="/profile/hannahokafor.bsky.social"]')) {
      a.setAttribute('href', a.getAttribute('href')!.replace('hannahokafor.bsky.social', did));
    }
    const post = blueskyAdapter.extractPost(root)!;
    expect(post.id).toBe(`at://${did}/app.bsky.feed.post/3n3bsqmalmj25`);
    expect(post.url).toBe(`https://bsky.app/profile/${did}/post/3n3bsqmalmj25`);
    expect(post.author.handle).toBe('handle.invalid');
  });

  it('changes the id when React re-renders the node for another post', () => {
    const root = clone(FEED.plain);
    timeLink(root).setAttribute('href', '/profile/hannahokafor.bsky.social/post/3n3bz2222222a');
    expect(blueskyAdapter.postId(root)).toBe('hannahokafor.bsky.social/3n3bz2222222a');
    root.setAttribute('data-testid', 'feedItem-by-someone.else');
    timeLink(root).setAttribute('href', '/profile/someone.else/post/3n3bz2222223a');
    expect(blueskyAdapter.postId(root)).toBe('someone.else/3n3bz2222223a');
  });

  it('reads the id with scoped queries only', () => {
    const all = roots(doc);
    const spies = [vi.spyOn(doc, 'querySelector'), vi.spyOn(doc, 'querySelectorAll')];
    for (const root of all) blueskyAdapter.postId(root);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('lower-cases handles, which are case-insensitive, so one post keeps one id', () => {
    const root = clone(FEED.plain);
    timeLink(root).setAttribute('href', '/profile/HannahOkafor.bsky.social/post/3n3bsqmalmj25');
    expect(blueskyAdapter.postId(root)).toBe(FEED.plain);
  });

  it('unwraps links opened through go.bsky.app/redirect', () => {
    const root = clone(FEED.photo);
    const link = root.querySelector('a[target="_blank"]')!;
    link.setAttribute('href', 'https://go.bsky.app/redirect?u=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1');
    const post = blueskyAdapter.extractPost(root)!;
    expect(post.links).toEqual(['https://example.org/a?b=1']);
    expect(post.text).toContain('Reef: https://example.org/a?b=1\n');
  });

  it("takes a video's alt text only from the caption that labels its player", () => {
    const root = clone(FEED.repost);
    expect(blueskyAdapter.extractPost(root)?.media.videoAlt).toMatch(/^Satellite timelapse/);
    root.querySelector('video')!.removeAttribute('aria-labelledby');
    expect(blueskyAdapter.extractPost(root)?.media).toEqual({ ...NO_MEDIA, hasVideo: true });
  });

  it('gives a quote card without a timestamp link no id, and still reads it', () => {
    const root = clone(FEED.quote);
    root.querySelector('[aria-label^="Post by "] a[href*="/post/"]')!.remove();
    expect(blueskyAdapter.extractPost(root)?.quoted).toEqual({ ...QUOTED, id: null, url: null, time: null });
  });

  it('never takes a link to another post in the text for the permalink', () => {
    const root = clone(FEED.plain);
    const text = root.querySelector('[data-testid="postText"]')!;
    const link = doc.createElement('a');
    link.setAttribute('href', '/profile/someone.else/post/3n3bz2222222a');
    link.textContent = 'bsky.app/profile/someone.e...';
    text.prepend(link);
    timeLink(root).remove();
    expect(blueskyAdapter.postId(root)).toBeNull();
  });

  it('clips text over the Post limit and marks it truncated', () => {
    const root = clone(FEED.plain);
    root.querySelector('[data-testid="postText"]')!.append('😀'.repeat(15_000));
    const post = blueskyAdapter.extractPost(root)!;
    expect(post.truncated).toBe(true);
    expect(post.text.length).toBeLessThanOrEqual(20_000);
    expect(() => postSchema.parse(post)).not.toThrow();
  });
});

describe('garbled and placeholder roots', () => {
  const doc = parseFixture('feed.html', FEED_URL);

  function item(build: (root: Element) => void, testid = 'feedItem-by-someone.bsky.social'): Element {
    const root = doc.createElement('div');
    root.setAttribute('data-testid', testid);
    build(root);
    return root;
  }
  const link = (href: string) => {
    const a = doc.createElement('a');
    a.setAttribute('href', href);
    return a;
  };

  it.each([
    ['an empty item', () => {}],
    ['an item with text only', (r: Element) => (r.textContent = 'Loading…')],
    ['a link without rkey', (r: Element) => r.append(link('/profile/someone.bsky.social/post/'))],
    ['a link with an empty actor', (r: Element) => r.append(link('/profile//post/3n3bsqmalmj25'))],
    ['a link with a bogus actor', (r: Element) => r.append(link('/profile/%%%/post/3n3bsqmalmj25'))],
    [
      'only a likes link in a feed',
      (r: Element) => r.append(link('/profile/someone.bsky.social/post/3n3bsqmalmj25/liked-by')),
    ],
    [
      'an absolute link',
      (r: Element) => r.append(link('https://bsky.app/profile/someone.bsky.social/post/3n3bsqmalmj25')),
    ],
  ])('%s gives null and does not throw', (_name, build) => {
    const root = item(build);
    expect(blueskyAdapter.postId(root)).toBeNull();
    expect(blueskyAdapter.extractPost(root)).toBeNull();
    expect(blueskyAdapter.badgeAnchor(root)).toBeNull();
  });

  it('keeps a post with a permalink but nothing else, without inventing fields', () => {
    const root = item((r) => r.append(link('/profile/someone.bsky.social/post/notatid')));
    expect(blueskyAdapter.extractPost(root)).toEqual(
      bskyPost({
        rkey: 'notatid',
        author: { name: '', handle: 'someone.bsky.social' },
        time: null,
        text: '',
      }),
    );
  });

  it('survives deep nesting', () => {
    const root = rootById(doc, FEED.plain, false).cloneNode(true) as Element;
    let inner = root.querySelector('[data-testid="postText"]')!;
    for (let i = 0; i < 2_000; i++) {
      const span = doc.createElement('span');
      inner.append(span);
      inner = span;
    }
    inner.append('deep');
    expect(blueskyAdapter.extractPost(root)?.text.endsWith('deep')).toBe(true);
  });
});
