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
import { threadsAdapter as threads } from './adapter';

/** What the Threads adapter reads of a post without pictures or video. */
const NO_MEDIA = { imageAlts: [], imageUrls: [], hasVideo: false };

function threadsPost(fields: Partial<Post> & Pick<Post, 'id' | 'text' | 'time'>, handle: string): Post {
  return samplePost({
    site: 'threads',
    url: `https://www.threads.com/@${handle}/post/${fields.id}`,
    author: { name: handle, handle },
    lang: null,
    links: [],
    media: NO_MEDIA,
    ...fields,
  });
}

const AIMS = 'https://www.aims.gov.au/monitoring/great-barrier-reef/bleaching-2026';
const ARTICLE = 'https://www.example-news.com/2026/11/27/europe-energy-prices-explained';

const FEED: Post[] = [
  threadsPost(
    {
      id: 'DAbC3xYz9Qk',
      time: '2026-11-27T08:02:11.000Z',
      text:
        'Coral bleaching update from the Great Barrier Reef 🪸\n' +
        `The 2026 aerial survey found bleaching on 40% of reefs, says @aims_gov. Full report: ${AIMS}`,
      links: [AIMS],
    },
    'marinebio_lena',
  ),
  threadsPost(
    {
      id: 'DAbB7kLm2Pq',
      time: '2026-11-27T09:40:57.000Z',
      text: 'Atenção: o número abaixo é de 2023, não de 2026. Os dados novos saem em dezembro.',
      quoted: {
        id: 'DAa9QwErTy1',
        url: 'https://www.threads.com/@ibge_oficial/post/DAa9QwErTy1',
        author: { name: 'ibge_oficial', handle: 'ibge_oficial' },
        time: '2026-11-26T15:00:00.000Z',
        text: 'Desemprego cai para 7,8% no trimestre, menor taxa da série.',
        lang: null,
        truncated: false,
        media: NO_MEDIA,
      },
    },
    'jornal_do_dia',
  ),
  threadsPost(
    {
      id: 'DAbA1pQ8sZx',
      time: '2026-11-27T06:15:30.000Z',
      text: 'Tokyo after the rain',
      media: {
        imageAlts: [
          'Shibuya crossing at night, wet asphalt reflecting neon signs',
          'Photo by street.photo.tk on November 27, 2026. May be an image of street and night.',
        ],
        imageUrls: [
          // The srcset's 1080 px size (the page loads 640); the second photo has only its src.
          'https://scontent-gru2-1.cdninstagram.com/v/t51.2885-15/468011223_18061_n.jpg' +
            '?stp=dst-jpg_e35_s1080x1080_sh0.08&_nc_ht=scontent-gru2-1.cdninstagram.com&oh=00_AYB4x9&oe=6750A1B2',
          'https://scontent-gru2-1.cdninstagram.com/v/t51.2885-15/468011224_18062_n.jpg' +
            '?stp=dst-jpg_e35_s1080x1080_sh0.08&_nc_ht=scontent-gru2-1.cdninstagram.com&oh=00_AYC7y2&oe=6750A1B2',
        ],
        hasVideo: false,
      },
    },
    'street.photo.tk',
  ),
  threadsPost(
    {
      id: 'DAa8ZxCvBn3',
      time: '2026-11-27T03:33:03.000Z',
      text: '60-second shakshuka 🍳',
      media: { ...NO_MEDIA, hasVideo: true },
    },
    'chef.amara',
  ),
  threadsPost(
    {
      id: 'DAa7MnBvCx4',
      time: '2026-11-27T01:05:45.000Z',
      text: 'Worth reading before the winter price debate:',
      links: [ARTICLE], // from the link card; its thumbnail is not a photo of the post
    },
    'energy.analyst',
  ),
];

describe('threadsAdapter.matchesLocation', () => {
  it.each(['www.threads.com', 'threads.com', 'www.threads.net', 'threads.net'])('accepts %s', (hostname) =>
    expect(threads.matchesLocation({ hostname, pathname: '/' })).toBe(true),
  );
  it.each(['threads.com.evil.example', 'l.threads.com', 'instagram.com', ''])('rejects %s', (hostname) =>
    expect(threads.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
});

describe('threads.threadPage', () => {
  it.each(['/@zuck/post/C3xq9-UvZ1a', '/@zuck/post/C3xq9-UvZ1a/'])(
    'offers a discussion summary on post pages: %s',
    (pathname) => expect(threads.threadPage({ hostname: 'www.threads.com', pathname })).toBe(true),
  );
  it.each(['/', '/@zuck', '/@zuck/replies', '/search', '/@zuck/post/C3xq9-UvZ1a/media'])(
    'not on %s',
    (pathname) => expect(threads.threadPage({ hostname: 'www.threads.com', pathname })).toBe(false),
  );
});

describe('feed.html', () => {
  const doc = loadFixture('threads', 'feed.html');

  it('postId queries only inside the root', () => {
    expectScopedPostId(threads, rootsIn(threads, doc));
  });

  it('finds every post in order; the quoted post and the unfilled row give nothing of their own', () => {
    expect(rootsIn(threads, doc).map((r) => threads.postId(r))).toEqual([
      'DAbC3xYz9Qk',
      'DAbB7kLm2Pq',
      null, // the quoted post, nested in the one above
      'DAbA1pQ8sZx',
      null, // placeholder row
      'DAa8ZxCvBn3',
      'DAa7MnBvCx4',
    ]);
    for (const index of [2, 4]) {
      const root = rootsIn(threads, doc)[index]!;
      expect(threads.extractPost(root)).toBeNull();
      expect(threads.badgeAnchor(root)).toBeNull();
    }
  });

  it.each(FEED.map((p) => [p.id, p] as const))('extracts %s exactly', (id, expected) => {
    const post = threads.extractPost(rootById(threads, doc, id));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('puts the badge after the timestamp link, and the post still reads the same', () => {
    const root = rootById(threads, doc, 'DAbB7kLm2Pq');
    const badge = insertBadge(threads, root);
    expect(badge.previousElementSibling?.querySelector('time')).not.toBeNull();
    expect(badge.closest('[data-pressable-container]')).toBe(root); // not in the quote
    expect(threads.extractPost(root)).toEqual(FEED[1]);
    badge.remove();
  });

  it('takes the permalink from the timestamp, not from an earlier /post/ link', () => {
    const root = rootById(threads, doc, 'DAbC3xYz9Qk').cloneNode(true) as Element;
    const stray = root.ownerDocument.createElement('a');
    stray.setAttribute('href', '/@someone_else/post/DZzzzzzzzzz');
    stray.textContent = 'see this';
    root.prepend(stray);
    expect(threads.postId(root)).toBe('DAbC3xYz9Qk');
  });

  it('accepts threads.net permalinks and keys them by the same code', () => {
    const root = rootById(threads, doc, 'DAa8ZxCvBn3').cloneNode(true) as Element;
    root
      .querySelector('a[href*="/post/"]')!
      .setAttribute('href', 'https://www.threads.net/@chef.amara/post/DAa8ZxCvBn3/media');
    expect(threads.extractPost(root)).toEqual(FEED[3]);
  });
});

describe('garbled and placeholder roots', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.firstElementChild!;

  it.each([
    '<div data-pressable-container="true"></div>',
    '<div data-pressable-container="true"><a href="/@x/post/Abc123"><span>no time</span></a></div>',
    '<div data-pressable-container="true"><a href="/@x/post/a"><time datetime="2026-01-01T00:00:00Z">1h</time></a></div>',
    '<div data-pressable-container="true"><a href="https://evil.example/@x/post/Abc12345"><time datetime="x">1h</time></a></div>',
  ])('%s gives nothing', (html) => {
    const root = parse(html);
    expect(threads.postId(root)).toBeNull();
    expect(threads.extractPost(root)).toBeNull();
    expect(threads.badgeAnchor(root)).toBeNull();
  });

  it('never throws on randomly mangled posts, and what it returns is a valid Post', () => {
    const sources = rootsIn(threads, loadFixture('threads', 'feed.html'));
    const posts = mangleAndExtract(threads, sources, {
      attributes: ['href', 'dir', 'role', 'datetime', 'data-pressable-container', 'width', 'alt'],
      values: [
        '',
        'auto',
        'button',
        'link',
        '/@x',
        '/@x/post/ABCDE12345',
        'https://l.threads.com/?u=%ZZ',
        'https://l.threads.com/?u=javascript%3Ax',
        'true',
        '12',
        '2026-11-27T08:02:11Z',
      ],
      wrapper: (d) => d.createElement('span'),
    });
    expect(posts).toBeGreaterThan(60);
  }, 30_000);
});
