// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { type Post } from '../../core/post';
import { postSchema } from '../../core/post-schema';
import { samplePost } from '../../../test-support/sample-post';
import {
  expectScopedPostId,
  insertBadge,
  loadFixture,
  mangleAndExtract,
  rootById,
  rootsIn,
} from '../../../test-support/adapter-test-helpers';
import { linkedInAdapter as linkedin } from './adapter';
import { siteMatches } from '../site-matches';

/** What the LinkedIn adapter reads of a post without pictures or video. */
const NO_MEDIA = { imageAlts: [], imageUrls: [], hasVideo: false };

function linkedInPost(fields: Partial<Post> & Pick<Post, 'id' | 'text' | 'time' | 'author'>): Post {
  return samplePost({
    site: 'linkedin',
    url: `https://www.linkedin.com/feed/update/urn:li:activity:${fields.id}/`,
    lang: null,
    links: [],
    media: NO_MEDIA,
    ...fields,
  });
}

const FEED: Post[] = [
  linkedInPost({
    id: '7531986471956374080',
    author: { name: 'Ana Ribeiro', handle: 'ana-ribeiro-8b2a1c' },
    time: '2026-11-27T07:45:12.456Z', // from the activity id; the page says "3h"
    text:
      'We just published the 2026 update of our regional heat dataset. 🌡️\n\n' +
      'Three things that surprised us:\n' +
      '1) Nights warmed faster than days\n' +
      '2) Coastal cities warmed less than inland ones\n' +
      '3) The trend since 2015 is twice the 1980–2015 rate\n\n' +
      'Data and method: https://lnkd.in/eXq7Zr2b\n' +
      'Thanks to Example Institute for the support!\n\n' +
      '#ClimateData #OpenScience',
    links: ['https://lnkd.in/eXq7Zr2b'],
  }),
  linkedInPost({
    id: '7532006683061832495',
    author: { name: 'Jonas Berg', handle: 'jonas-berg' },
    time: '2026-11-27T09:05:31.159Z',
    text: 'Important context: the drop is mostly the mild weather, not the new tariff. Compare with the same month in 2024.',
    quoted: {
      id: '7531784005345022470',
      url: 'https://www.linkedin.com/feed/update/urn:li:activity:7531784005345022470/',
      author: { name: 'Nordic Energy Agency', handle: 'nordic-energy-agency' },
      time: '2026-11-26T18:20:40.654Z',
      text: 'Household electricity prices fell 12% in October compared with September, according to our monthly index.',
      lang: null,
      truncated: false,
      media: NO_MEDIA,
    },
  }),
  linkedInPost({
    id: '7531688229142275540',
    author: { name: 'Museu do Amanhã', handle: 'museu-do-amanhã' },
    time: '2026-11-26T12:00:05.828Z',
    text: 'Nova exposição: “Oceanos em transformação” abre neste sábado. 🌊\nEntrada gratuita às terças.',
    media: {
      imageAlts: ['Sala da exposição com um grande painel azul mostrando correntes oceânicas'],
      imageUrls: [
        'https://media.licdn.com/dms/image/v2/D4D22AQH7xQm2Lk9aWg/feedshare-shrink_800/feedshare-shrink_800/0/1764230400123?e=1767225600&v=beta&t=Qm3vX8kZp2Rt5Yw9Lb4Nc7Hd1Jf6Gs0Ke2Ua8Vi3Ox',
      ],
      hasVideo: false,
    },
  }),
  linkedInPost({
    id: '7531967548712187915',
    author: { name: 'Lena Fischer, PhD', handle: 'lena-fischer-phd' },
    time: '2026-11-27T06:30:00.803Z',
    text: 'Time-lapse: six hours of calving at the glacier front, compressed into 40 seconds.',
    media: { ...NO_MEDIA, hasVideo: true },
  }),
];

describe('linkedInAdapter.matchesLocation', () => {
  it.each(['www.linkedin.com', 'linkedin.com', 'WWW.LINKEDIN.COM'])('accepts %s', (hostname) =>
    expect(linkedin.matchesLocation({ hostname, pathname: '/feed/' })).toBe(true),
  );
  it.each(['lnkd.in', 'linkedin.com.evil.example', 'evil-linkedin.com', ''])('rejects %s', (hostname) =>
    expect(linkedin.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
  it.each([
    '/company/audiense',
    '/company/audiense/posts/',
    '/posts/audiense_tech-ai-startup-activity-7248246460041809920-pOe5',
  ])('accepts the public page %s', (pathname) =>
    expect(linkedin.matchesLocation({ hostname: 'www.linkedin.com', pathname })).toBe(true),
  );
  it('runs on www.linkedin.com, where public pages are served', () => {
    expect(siteMatches('linkedin')).toContain('https://www.linkedin.com/*');
  });
});

describe('linkedin.threadPage', () => {
  it.each([
    '/feed/update/urn:li:activity:7248246460041809920/',
    '/posts/audiense_tech-ai-startup-activity-7248246460041809920-pOe5',
  ])('offers a discussion summary on one update with its comments: %s', (pathname) =>
    expect(linkedin.threadPage({ hostname: 'www.linkedin.com', pathname })).toBe(true),
  );
  it.each([
    '/feed/',
    '/company/audiense',
    '/company/audiense/posts/',
    '/in/andrewjjenkins',
    '/feed/update/',
    '/notifications/',
  ])('not on %s', (pathname) =>
    expect(linkedin.threadPage({ hostname: 'www.linkedin.com', pathname })).toBe(false),
  );
});

describe('feed post of 2025 (the actor block marked only by its parts)', () => {
  // As feed-logged-in-post-fragment-2025.html has it: no `.update-components-actor` element.
  const root = new DOMParser()
    .parseFromString(
      [
        '<div class="feed-shared-update-v2" role="article" data-urn="urn:li:activity:7366738224129470464">',
        '<div class="xYz update-components-actor--with-control-menu-and-hide-post">',
        '<div class="update-components-actor__container">',
        '<a class="update-components-actor__image" href="https://www.linkedin.com/in/arjunvpaul?miniProfileUrn=x"></a>',
        '<div class="update-components-actor__meta">',
        '<a class="update-components-actor__meta-link" href="https://www.linkedin.com/in/arjunvpaul?miniProfileUrn=x">',
        '<span class="update-components-actor__title"><span dir="ltr"><span aria-hidden="true">Arjun V Paul .</span>',
        '<span class="visually-hidden">Arjun V Paul .</span></span>',
        '<span class="update-components-actor__supplementary-actor-info"><span aria-hidden="true"> • 1st</span></span></span>',
        '</a></div></div></div>',
        '<div class="update-components-text update-components-update-v2__commentary"><span dir="ltr">Lesson one.<br><br>',
        '<a href="/in/aromal/">Aromal S</a> agreed.</span></div></div>',
      ].join(''),
      'text/html',
    )
    .querySelector(linkedin.postRootSelector)!;

  it('reads the author and puts the badge in the actor block', () => {
    expect(linkedin.extractPost(root)).toMatchObject({
      id: '7366738224129470464',
      author: { name: 'Arjun V Paul .', handle: 'arjunvpaul' },
      text: 'Lesson one.\n\nAromal S agreed.',
    });
    const badge = insertBadge(linkedin, root);
    expect(badge.parentElement?.matches('.update-components-actor__meta')).toBe(true);
    expect(linkedin.extractPost(root)?.text).toBe('Lesson one.\n\nAromal S agreed.');
    badge.remove();
  });
});

describe('public pages (logged out): company page and /posts/ cards', () => {
  const ID = '7248246460041809920';
  // As company-guest.html has it, cut down.
  const card = (attributes: string) =>
    new DOMParser()
      .parseFromString(
        `<ul class="updates__list"><li class="mb-1"><div data-id="entire-feed-card-link" class="relative">
          <a class="main-feed-card__overlay-link" href="https://www.linkedin.com/posts/audiense_tech-ai-startup-activity-${ID}-pOe5" aria-label="Update 1"></a>
          <article class="main-feed-activity-card" ${attributes} data-id="main-feed-card">
            <p class="main-feed-activity-card__header"><a href="https://uk.linkedin.com/company/audiense?trk=x">Audiense</a> reposted this</p>
            <div class="flex" data-test-id="main-feed-activity-card__entity-lockup">
              <a href="https://ca.linkedin.com/in/andrewjjenkins?trk=feed-actor-image"><img alt="View profile for Andrew Jenkins, graphic"></a>
              <div><div class="text-color-text">
                <a href="https://ca.linkedin.com/in/andrewjjenkins?trk=feed-actor-name" aria-label="View profile for Andrew Jenkins">
                  🇨🇦 Andrew Jenkins
                </a></div>
                <p>Entrepreneur, International Speaker</p>
                <span><time>4d <span>Edited</span></time></span>
              </div>
            </div>
            <div class="attributed-text-segment-list__container">
              <p class="attributed-text-segment-list__content whitespace-pre-wrap" data-test-id="main-feed-activity-card__commentary">Key lessons:
• Adapt to <a href="https://uk.linkedin.com/in/javierburon?trk=t">💾 Javier Burón</a>'s changes

Spotify: <a href="https://buff.ly/4ee5yB4?trk=organization_guest_main-feed-card-text">https://buff.ly/4ee5yB4</a>
<a href="https://www.linkedin.com/signup?session_redirect=x%2Fhashtag%2Fai&amp;trk=t">#AI</a></p>
              <button aria-hidden="true">…see more</button>
            </div>
            <ul data-test-id="feed-images-content"><li><img alt="No alternative text description for this image" data-delayed-url="https://media.licdn.com/dms/image/v2/D4D22AQFSC3zD64u9iA/feedshare-shrink_800/feedshare-shrink_800/0/1728044935909?e=2147483647&amp;v=beta&amp;t=uSEe"></li></ul>
          </article></div></li></ul>`,
        'text/html',
      )
      .querySelector(linkedin.postRootSelector)!;

  const POST = linkedInPost({
    id: ID,
    author: { name: '🇨🇦 Andrew Jenkins', handle: 'andrewjjenkins' },
    time: '2024-10-05T08:23:41.981Z', // from the activity id; the page says "4d"
    text: "Key lessons:\n• Adapt to 💾 Javier Burón's changes\n\nSpotify: https://buff.ly/4ee5yB4\n#AI",
    links: ['https://buff.ly/4ee5yB4'], // without LinkedIn's tracking parameter
    media: {
      imageAlts: ['No alternative text description for this image'],
      // Public pages load pictures late: the address waits in data-delayed-url.
      imageUrls: [
        'https://media.licdn.com/dms/image/v2/D4D22AQFSC3zD64u9iA/feedshare-shrink_800/feedshare-shrink_800/0/1728044935909?e=2147483647&v=beta&t=uSEe',
      ],
      hasVideo: false,
    },
  });

  it('reads the card: id from the activity urn, author, text as written, links, photos', () => {
    const root = card(
      `data-activity-urn="urn:li:activity:${ID}" data-featured-activity-urn="urn:li:activity:${ID}"`,
    );
    expect(linkedin.postId(root)).toBe(ID);
    expect(linkedin.extractPost(root)).toEqual(POST);
    expect(postSchema.parse(linkedin.extractPost(root))).toEqual(POST);
  });

  it('keys a repost card on the activity it shows (featured), as the feed does', () => {
    const root = card(
      `data-activity-urn="urn:li:activity:7247904311840542721" data-featured-activity-urn="urn:li:activity:${ID}"`,
    );
    expect(linkedin.postId(root)).toBe(ID);
    expect(linkedin.extractPost(root)?.url).toBe(
      `https://www.linkedin.com/feed/update/urn:li:activity:${ID}/`,
    );
  });

  it('puts the badge after the author name; the post still reads the same', () => {
    const root = card(`data-activity-urn="urn:li:activity:${ID}"`);
    const badge = insertBadge(linkedin, root);
    expect(badge.previousElementSibling?.getAttribute('aria-label')).toBe('View profile for Andrew Jenkins');
    expect(linkedin.extractPost(root)).toEqual(POST);
  });

  it('postId queries only inside the root', () => {
    expectScopedPostId(linkedin, [card(`data-activity-urn="urn:li:activity:${ID}"`)]);
  });

  it.each([
    'data-activity-urn=""',
    'data-activity-urn="urn:li:activity:12a"',
    'data-activity-urn="urn:li:ugcPost:7246579902655651840"',
  ])('gives nothing for a card without an activity (%s)', (attributes) => {
    const root = card(attributes);
    expect(linkedin.postId(root)).toBeNull();
    expect(linkedin.extractPost(root)).toBeNull();
    expect(linkedin.badgeAnchor(root)).toBeNull();
  });
});

describe('feed.html (classic feed)', () => {
  const doc = loadFixture('linkedin', 'feed.html');

  it('postId queries only inside the root', () => {
    expectScopedPostId(linkedin, rootsIn(linkedin, doc));
  });

  it('finds every update in order; the promoted one gives nothing, the occluded one is no root', () => {
    expect(rootsIn(linkedin, doc).map((r) => linkedin.postId(r))).toEqual([
      FEED[0]!.id,
      FEED[1]!.id,
      null,
      FEED[2]!.id,
      FEED[3]!.id,
    ]);
    const promoted = rootsIn(linkedin, doc)[2]!;
    expect(linkedin.extractPost(promoted)).toBeNull();
    expect(linkedin.badgeAnchor(promoted)).toBeNull();
  });

  it.each(FEED.map((p) => [p.id, p] as const))('extracts %s exactly', (id, expected) => {
    const post = linkedin.extractPost(rootById(linkedin, doc, id));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it("puts the badge in the post author's block, not the reshared one's, and the post still reads the same", () => {
    const root = rootById(linkedin, doc, FEED[1]!.id);
    const badge = insertBadge(linkedin, root);
    expect(badge.parentElement?.matches('.update-components-actor__meta')).toBe(true);
    expect(badge.closest('.feed-shared-update-v2__update-content-wrapper')).toBeNull();
    expect(linkedin.extractPost(root)).toEqual(FEED[1]);
    badge.remove();
  });

  it('gives no time for ids too small to encode one', () => {
    const root = rootById(linkedin, doc, FEED[0]!.id).cloneNode(true) as Element;
    root.setAttribute('data-urn', 'urn:li:activity:6123');
    expect(linkedin.extractPost(root)).toMatchObject({ id: '6123', time: null });
  });
});

describe('redesigned feed (2026)', () => {
  const ID = '7531396865162481810';
  const card = (extra: string) =>
    new DOMParser()
      .parseFromString(
        `<div data-testid="mainFeed"><div role="list"><div role="listitem" componentkey="expandedQmFzZTY0VG9rZW4FeedType_MAIN_FEED_RELEVANCE">
          <button aria-label="Open control menu for post by Rafael Lima"></button>
          <a href="/in/rafael-lima-br/"><span>Rafael Lima</span></a>
          <p><span>2d •</span></p>
          <p><span data-testid="expandable-text-box">Primeira linha<br>Segunda linha com
            <a href="https://lnkd.in/dAbC123">https://lnkd.in/dAbC123</a></span></p>
          ${extra}
        </div></div></div>`,
        'text/html',
      )
      .querySelector(linkedin.postRootSelector)!;

  it('gives nothing for a card without an activity id', () => {
    const root = card('');
    expect(linkedin.postId(root)).toBeNull();
    expect(linkedin.extractPost(root)).toBeNull();
    expect(linkedin.badgeAnchor(root)).toBeNull();
  });

  it('reads a card that links to its activity', () => {
    const root = card(`<a href="https://www.linkedin.com/feed/update/urn:li:activity:${ID}/">3 comments</a>`);
    expect(linkedin.extractPost(root)).toEqual(
      linkedInPost({
        id: ID,
        author: { name: 'Rafael Lima', handle: 'rafael-lima-br' },
        time: '2026-11-25T16:42:19.242Z',
        text: 'Primeira linha\nSegunda linha com https://lnkd.in/dAbC123',
        links: ['https://lnkd.in/dAbC123'],
        media: { imageAlts: [], hasVideo: false }, // the redesign's pictures are not read yet
      }),
    );
    const badge = insertBadge(linkedin, root);
    expect(badge.nextElementSibling?.getAttribute('data-testid')).toBe('expandable-text-box');
  });

  it('gives nothing when the card links to two activities (one may be a reshared post)', () => {
    const root = card(
      `<a href="/feed/update/urn:li:activity:${ID}/">a</a><a href="/feed/update/urn:li:activity:7531396865162481811/">b</a>`,
    );
    expect(linkedin.postId(root)).toBeNull();
  });
});

describe('garbled roots', () => {
  it.each([
    '<div class="feed-shared-update-v2" data-urn=""></div>',
    '<div class="feed-shared-update-v2" data-urn="urn:li:ugcPost:7531000000000000000"></div>',
    '<div class="feed-shared-update-v2" data-urn="urn:li:activity:12a"></div>',
  ])('%s gives nothing', (html) => {
    const root = new DOMParser().parseFromString(html, 'text/html').body.firstElementChild!;
    expect(linkedin.postId(root)).toBeNull();
    expect(linkedin.extractPost(root)).toBeNull();
    expect(linkedin.badgeAnchor(root)).toBeNull();
  });

  it('never throws on randomly mangled updates, and what it returns is a valid Post', () => {
    const sources = rootsIn(linkedin, loadFixture('linkedin', 'feed.html'));
    const posts = mangleAndExtract(linkedin, sources, {
      attributes: ['class', 'href', 'data-urn', 'aria-hidden', 'alt', 'componentkey', 'role'],
      values: [
        '',
        'visually-hidden',
        'update-components-actor',
        'update-components-text',
        'urn:li:activity:7531986471956374080',
        'urn:li:activity:1',
        '/in/%E0%A4%A',
        '/company/x',
        'listitem',
        'feed-shared-update-v2__update-content-wrapper',
      ],
      wrapper: (d) => d.createElement('div'),
    });
    expect(posts).toBeGreaterThan(60);
  }, 30_000);
});
