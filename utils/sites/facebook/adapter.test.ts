// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { type Post } from '../../core/post';
import { postSchema } from '../../core/post-schema';
import { samplePost } from '../../../test-support/sample-post';
import {
  expectScopedPostId,
  fixtureHtml,
  insertBadge,
  loadFixture,
  mangleAndExtract,
  rootById,
  rootsIn,
} from '../../../test-support/adapter-test-helpers';
import { facebookAdapter as facebook } from './adapter';

function fbPost(fields: Partial<Post> & Pick<Post, 'id' | 'url' | 'text' | 'author'>): Post {
  return samplePost({
    site: 'facebook',
    time: null,
    lang: null,
    links: [],
    media: { imageAlts: [], imageUrls: [], hasVideo: false },
    ...fields,
  });
}

const WHO = 'https://www.who.int/news/item/27-11-2026-measles-travel-advice';
const P1 = 'pfbid02Xk7fT3nVw9QbL1cHs8yUa4RmE6dPj2oKz5gNi1Mx';
const P4 = 'pfbid0AbCdEf123456789xyzUvW';

const FEED: Post[] = [
  fbPost({
    id: P1,
    url: `https://www.facebook.com/carla.mendes.92/posts/${P1}`,
    author: { name: 'Carla Mendes', handle: 'carla.mendes.92' },
    text:
      'The WHO just updated its measles guidance for travellers. Short version: check your vaccination record before flying.\n' +
      `Full details here: ${WHO} #travelhealth\n` +
      'My pediatrician said the second dose is what most people…',
    truncated: true, // "See more"
    links: [WHO], // unwrapped from l.facebook.com, without fbclid
  }),
  fbPost({
    id: '1234567890123456',
    url: 'https://www.facebook.com/groups/riverside.neighbours/posts/1234567890123456',
    author: { name: 'Ahmed Khan', handle: '100012345678901' },
    text: 'Road by the bridge is closed again, water is over the curb. Photo from 20 minutes ago.',
    media: {
      imageAlts: ['May be an image of road, flood and text that says ROAD CLOSED'],
      imageUrls: [
        'https://scontent.fgru5-1.fna.fbcdn.net/v/t39.30808-6/468112233_1029384756_n.jpg?stp=dst-jpg_s960x960&_nc_cat=104&ccb=1-7&oh=00_AYDq1w&oe=6750C3D4',
      ],
      hasVideo: false,
    },
  }),
  fbPost({
    id: '1098765432101234',
    url: 'https://www.facebook.com/factcheckhub/posts/1098765432101234',
    author: { name: 'Fact Check Hub', handle: 'factcheckhub' },
    text: 'Before you share the viral bridge photo: it is from 2019.', // not the shared post's text
  }),
];

const LUCIA = fbPost({
  id: P4,
  url: `https://www.facebook.com/permalink.php?story_fbid=${P4}&id=100098765432101`,
  author: { name: 'Lucía Fernández', handle: '100098765432101' },
  text: '¿Alguien sabe si es cierto que cierran el metro el domingo?',
});

describe('facebookAdapter.matchesLocation', () => {
  it.each(['www.facebook.com', 'facebook.com', 'web.facebook.com'])('accepts %s', (hostname) =>
    expect(facebook.matchesLocation({ hostname, pathname: '/' })).toBe(true),
  );
  // m. and mbasic. serve other markup.
  it.each(['m.facebook.com', 'facebook.com.evil.example', 'l.facebook.com', 'fb.com', ''])(
    'rejects %s',
    (hostname) => expect(facebook.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
});

describe('facebook.threadPage', () => {
  it.each([
    '/permalink.php',
    '/story.php',
    '/groups/1234567890/posts/9876543210/',
    '/groups/cats.of.lisbon/permalink/9876543210',
    '/visitaustria/posts/pfbid02abcdefghijkLMNOP',
    '/zuck/posts/10114163928926561',
  ])("offers a discussion summary on a post's own page: %s", (pathname) =>
    expect(facebook.threadPage({ hostname: 'www.facebook.com', pathname })).toBe(true),
  );
  it.each([
    '/',
    '/watch',
    '/groups/1234567890/',
    '/visitaustria/',
    '/visitaustria/posts/',
    '/photo.php',
    '/marketplace/',
  ])('not on %s', (pathname) =>
    expect(facebook.threadPage({ hostname: 'www.facebook.com', pathname })).toBe(false),
  );
});

describe('feed.html', () => {
  const doc = loadFixture('facebook', 'feed.html');

  it('postId queries only inside the root', () => {
    expectScopedPostId(facebook, rootsIn(facebook, doc));
  });

  it('gives ids only to posts with a permalink by their author', () => {
    expect(rootsIn(facebook, doc).map((r) => facebook.postId(r))).toEqual([
      P1,
      '1234567890123456',
      null, // sponsored: no post permalink
      null, // timestamp link without href until hovered
      '1098765432101234',
      null, // loading placeholder
    ]);
    for (const index of [2, 3, 5]) {
      const root = rootsIn(facebook, doc)[index]!;
      expect(facebook.extractPost(root)).toBeNull();
      expect(facebook.badgeAnchor(root)).toBeNull();
    }
  });

  it.each(FEED.map((p) => [p.id, p] as const))('extracts %s exactly', (id, expected) => {
    const post = facebook.extractPost(rootById(facebook, doc, id));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('reads the post whose timestamp link gets its href on hover, once it has it', () => {
    const root = rootsIn(facebook, doc)[3]!.cloneNode(true) as Element;
    const link = root.querySelector('a[data-footnote-fixture-href]')!;
    link.setAttribute('href', link.getAttribute('data-footnote-fixture-href')!);
    expect(facebook.extractPost(root)).toEqual(LUCIA);
  });

  it("never takes a comment's link or a shared post's for the post's own", () => {
    const withComment = rootById(facebook, doc, P1).cloneNode(true) as Element;
    withComment.querySelector(`a[href*="/posts/${P1}?__cft__"]`)!.setAttribute('href', '#');
    expect(withComment.querySelector('[role="article"] a[href*="/posts/"]')).not.toBeNull();
    expect(facebook.postId(withComment)).toBeNull();

    const share = rootById(facebook, doc, '1098765432101234').cloneNode(true) as Element;
    share.querySelector('a[href*="/factcheckhub/posts/"]')!.setAttribute('href', '#');
    expect(facebook.postId(share)).toBeNull();
  });

  it("does not take a shared post's text for the sharer's when the sharer wrote none", () => {
    const share = rootById(facebook, doc, '1098765432101234').cloneNode(true) as Element;
    share.querySelector('[data-ad-rendering-role="story_message"]')!.remove();
    expect(facebook.extractPost(share)).toEqual({ ...FEED[2], text: '' });
  });

  it('puts the badge after the author line, and the post still reads the same', () => {
    const root = rootById(facebook, doc, P1);
    const badge = insertBadge(facebook, root);
    expect(badge.previousElementSibling?.getAttribute('data-ad-rendering-role')).toBe('profile_name');
    expect(facebook.extractPost(root)).toEqual(FEED[0]);
    badge.remove();
  });

  it('the fixture script fills in the href on pointerover, as Facebook does', () => {
    document.documentElement.innerHTML = fixtureHtml('facebook', 'feed.html');
    new Function(document.querySelector('script')!.textContent ?? '')();
    const root = rootsIn(facebook, document)[3]!;
    expect(facebook.postId(root)).toBeNull();
    root
      .querySelector('a[data-footnote-fixture-href]')!
      .dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(facebook.extractPost(root)).toEqual(LUCIA);
  });
});

describe('garbled roots', () => {
  it('never throws on randomly mangled posts, and what it returns is a valid Post', () => {
    const sources = rootsIn(facebook, loadFixture('facebook', 'feed.html'));
    const posts = mangleAndExtract(facebook, sources, {
      attributes: ['href', 'role', 'data-ad-rendering-role', 'data-ad-preview', 'aria-label', 'alt'],
      values: [
        '',
        '#',
        'article',
        'button',
        'profile_name',
        'story_message',
        'message',
        '/x/posts/123',
        '/permalink.php?story_fbid=1&id=2',
        'https://l.facebook.com/l.php?u=%E0%A4',
        '/profile.php?id=x',
      ],
      wrapper: (d) => d.createElement('div'),
    });
    expect(posts).toBeGreaterThan(40);
  }, 30_000);
});
