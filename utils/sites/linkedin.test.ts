// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { postSchema, type Post } from '../posts/post';
import { samplePost } from '../posts/sample-post';
import {
  expectScopedPostId,
  insertBadge,
  loadFixture,
  mangleAndExtract,
  rootById,
  rootsIn,
} from './adapter-test-helpers';
import { linkedInAdapter as linkedin } from './linkedin';

function linkedInPost(fields: Partial<Post> & Pick<Post, 'id' | 'text' | 'time' | 'author'>): Post {
  return samplePost({
    site: 'linkedin',
    url: `https://www.linkedin.com/feed/update/urn:li:activity:${fields.id}/`,
    lang: null,
    links: [],
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
      media: { imageAlts: [], hasVideo: false },
    },
  }),
  linkedInPost({
    id: '7531688229142275540',
    author: { name: 'Museu do Amanhã', handle: 'museu-do-amanhã' },
    time: '2026-11-26T12:00:05.828Z',
    text: 'Nova exposição: “Oceanos em transformação” abre neste sábado. 🌊\nEntrada gratuita às terças.',
    media: {
      imageAlts: ['Sala da exposição com um grande painel azul mostrando correntes oceânicas'],
      hasVideo: false,
    },
  }),
  linkedInPost({
    id: '7531967548712187915',
    author: { name: 'Lena Fischer, PhD', handle: 'lena-fischer-phd' },
    time: '2026-11-27T06:30:00.803Z',
    text: 'Time-lapse: six hours of calving at the glacier front, compressed into 40 seconds.',
    media: { imageAlts: [], hasVideo: true },
  }),
];

describe('linkedInAdapter.matchesLocation', () => {
  it.each(['www.linkedin.com', 'linkedin.com', 'WWW.LINKEDIN.COM'])('accepts %s', (hostname) =>
    expect(linkedin.matchesLocation({ hostname, pathname: '/feed/' })).toBe(true),
  );
  it.each(['lnkd.in', 'linkedin.com.evil.example', 'evil-linkedin.com', ''])('rejects %s', (hostname) =>
    expect(linkedin.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
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
