// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { asQuoted, postKey, type Post } from '../../core/post';
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
import { redditAdapter as reddit } from './adapter';

/** What the adapter reads of a post (t3_) without pictures or video; comments (t1_) have no media read. */
const NO_MEDIA = { imageAlts: [], imageUrls: [], hasVideo: false };

function redditPost(
  fields: Partial<Post> & Pick<Post, 'id' | 'url' | 'text' | 'time'>,
  handle: string,
): Post {
  return samplePost({
    site: 'reddit',
    author: { name: handle, handle },
    lang: null,
    links: [],
    ...(fields.id.startsWith('t3_') && { media: NO_MEDIA }),
    ...fields,
  });
}

const FEED: Post[] = [
  redditPost(
    {
      id: 't3_1p8xk2a',
      url: 'https://www.reddit.com/r/science/comments/1p8xk2a/new_study_finds_microplastics_in_90_of_sampled/',
      time: '2026-11-27T08:14:05.120Z',
      text:
        'New study finds microplastics in 90% of sampled bottled water brands\n\n' +
        'The paper tested 11 brands bought in three countries. Only one brand came in under the detection limit.\n\n' +
        "Link to the paper is in the comments & the lab's press release is on their site.",
      lang: 'en',
      truncated: true, // a feed card shows a clamped preview
    },
    'lab_notes_kim',
  ),
  redditPost(
    {
      id: 't3_1p8ym7c',
      url: 'https://www.reddit.com/r/brasil/comments/1p8ym7c/governo_anuncia_novo_salario_minimo_de_r_1630/',
      time: '2026-11-27T09:31:47.902Z',
      text: 'Governo anuncia novo salário mínimo de R$ 1.630 para 2027',
      lang: 'pt',
      links: ['https://g1.example.com.br/economia/noticia/2026/11/27/salario-minimo-2027.ghtml'],
    },
    'capivara_curiosa',
  ),
  redditPost(
    {
      id: 't3_1p8w3qd',
      url: 'https://www.reddit.com/r/EarthPorn/comments/1p8w3qd/frozen_waterfall_near_skogafoss_at_sunrise_oc/',
      time: '2026-11-27T05:48:19.000Z',
      text: 'Frozen waterfall near Skógafoss at sunrise [OC] [4032x3024]',
      lang: 'en',
      media: {
        imageAlts: ['r/EarthPorn - Frozen waterfall near Skógafoss at sunrise [OC] [4032x3024]'],
        // The widest srcset size up to 1,200 px (the page loads 640).
        imageUrls: [
          'https://preview.redd.it/frozen-waterfall-near-skogafoss-at-sunrise-oc-4032x3024-v0-k3x9q2w1f83g1.jpeg' +
            '?width=1080&crop=smart&auto=webp&s=4b1e6f0c2d9a8e7f3c5b1a0d9e8f7c6b5a4d3e2f',
        ],
        hasVideo: false,
      },
    },
    'nordic_lens',
  ),
  redditPost(
    {
      id: 't3_1p8vz01',
      url: 'https://www.reddit.com/r/interestingasfuck/comments/1p8vz01/timelapse_of_a_glacier_calving_over_6_hours/',
      time: '2026-11-27T04:02:55.417Z',
      text: 'Timelapse of a glacier calving over 6 hours',
      lang: 'en',
      media: { ...NO_MEDIA, hasVideo: true },
    },
    'glacierwatch',
  ),
  redditPost(
    {
      id: 't3_1p8u7hk',
      url: 'https://www.reddit.com/r/AskHistorians/comments/1p8u7hk/did_medieval_peasants_really_work_fewer_days/',
      time: '2026-11-27T02:20:31.000Z',
      text:
        'Did medieval peasants really work fewer days than we do?\n\n' +
        'I keep seeing this claim on social media 🙂 Sources I found so far:\n\n' +
        'a 1992 book by an economist\n\n' +
        'a viral infographic with no source',
      lang: 'en',
      truncated: true,
    },
    'Curious_Ferret_42',
  ),
];

const THREAD =
  'https://www.reddit.com/r/AskScience/comments/1p8z0q3/why_does_bread_go_stale_faster_in_the_fridge/';
const EXPLAINER = 'https://www.example.edu/food-science/retrogradation';

/** The thread of comments.html (new Reddit) and old.html (old Reddit): same ids, same text but for `user` links. */
function thread(front: 'new' | 'old'): Record<string, Post> {
  const user = front === 'new' ? 'u/starch_nerd' : '/u/starch_nerd';
  // Old Reddit's timestamps have whole seconds.
  const at = (iso: string) => (front === 'new' ? iso : iso.replace(/\.\d{3}Z$/, '.000Z'));
  const comment = (id: string, handle: string, time: string, text: string, extra: Partial<Post> = {}) =>
    redditPost({ id, url: `${THREAD}${id.slice(3)}/`, time: at(time), text, ...extra }, handle);
  const newUrl = (id: string) => `${THREAD}comment/${id.slice(3)}/`;
  const posts = {
    post: redditPost(
      {
        id: 't3_1p8z0q3',
        url: THREAD,
        time: at('2026-11-27T06:02:44.381Z'),
        text:
          'Why does bread go stale faster in the fridge than on the counter?\n\n' +
          'My grandmother always said never to put bread in the fridge. I tested it: two slices from the same loaf, ' +
          'one in the fridge and one in a bread box. After two days the fridge one was noticeably harder.\n\n' +
          "I read this explainer but I don't get why colder is worse. Isn't cold supposed to slow everything down?\n\n" +
          `Edit: thanks ${user}, great answer!`,
        lang: front === 'new' ? 'en' : null,
        links: [EXPLAINER],
      },
      'crumb_theory',
    ),
    a: comment(
      't1_m3k9x01',
      'starch_nerd',
      '2026-11-27T06:40:12.004Z',
      'It is starch retrogradation. Amylopectin recrystallises fastest at around 0–4 °C, so the fridge is close to ' +
        'the worst temperature.\n\nFreezing stops it almost completely.',
    ),
    b: comment('t1_m3ka2b7', 'crumb_theory', '2026-11-27T07:02:51.660Z', 'Thanks! So toasting reverses it?', {
      replyTo: ['starch_nerd'],
    }),
    c: comment(
      't1_m3kb9zz',
      'starch_nerd',
      '2026-11-27T07:15:30.000Z',
      `Partly. Heating above ~60 °C melts the crystals again, see ${EXPLAINER} for the curves.`,
      { links: [EXPLAINER], replyTo: ['crumb_theory'] },
    ),
    e: comment(
      't1_m3kc0aa',
      'pt_padeiro',
      '2026-11-27T08:05:44.218Z',
      'Aqui no Brasil a gente congela o pão francês e esquenta no forno. Fica ótimo! 🍞',
      { replyTo: [] }, // under a deleted comment
    ),
    f: comment(
      't1_m3kd4f2',
      'Kagome_89',
      '2026-11-27T09:12:09.999Z',
      `the fridge is close to the worst temperature\n\nSource? Not doubting, just curious. ${user} do you have a paper?`,
    ),
  };
  if (front === 'new')
    for (const key of ['a', 'b', 'c', 'e', 'f'] as const) posts[key].url = newUrl(posts[key].id);
  // What each comment answers: top-level ones the post; e's parent was deleted (no post to give).
  posts.a.parent = asQuoted(posts.post);
  posts.b.parent = asQuoted(posts.a);
  posts.c.parent = asQuoted(posts.b);
  posts.f.parent = asQuoted(posts.post);
  return posts;
}

describe('redditAdapter.matchesLocation', () => {
  it.each([
    'www.reddit.com',
    'reddit.com',
    'old.reddit.com',
    'new.reddit.com',
    'sh.reddit.com',
    'WWW.REDDIT.COM',
  ])('accepts %s', (hostname) => expect(reddit.matchesLocation({ hostname, pathname: '/' })).toBe(true));
  it.each(['reddit.com.evil.example', 'notreddit.com', 'redd.it', 'i.redd.it', 'mod.reddit.com', ''])(
    'rejects %s',
    (hostname) => expect(reddit.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
});

describe('reddit.threadPage', () => {
  it.each([
    '/r/AskScience/comments/1p8z0q3/why_does_bread_go_stale_faster_in_the_fridge/',
    '/r/AskScience/comments/1p8z0q3/why_does_bread_go_stale_faster_in_the_fridge',
    '/r/AskScience/comments/1p8z0q3/',
    '/r/AskScience/comments/1p8z0q3/why_does_bread_go_stale_faster_in_the_fridge/mz1k2ab/',
    '/user/spez/comments/1abcde/a_post_on_a_profile/',
    '/comments/1p8z0q3',
  ])('offers a discussion summary on comments pages: %s', (pathname) =>
    expect(reddit.threadPage({ hostname: 'www.reddit.com', pathname })).toBe(true),
  );
  it.each([
    '/',
    '/r/AskScience',
    '/r/AskScience/new/',
    '/user/spez',
    '/u/spez/comments/',
    '/r/AskScience/comments/',
    '/r/AskScience/wiki/index',
    '/message/inbox',
  ])('not on %s', (pathname) =>
    expect(reddit.threadPage({ hostname: 'www.reddit.com', pathname })).toBe(false),
  );
});

describe('feed.html (www.reddit.com home feed)', () => {
  const doc = loadFixture('reddit', 'feed.html');

  it('postId queries only inside the root', () => {
    expectScopedPostId(
      reddit,
      ['feed.html', 'comments.html', 'old.html'].flatMap((name) =>
        rootsIn(reddit, loadFixture('reddit', name)),
      ),
    );
  });

  it('finds every post in order; the promoted shreddit-ad-post is no post root', () => {
    expect(rootsIn(reddit, doc).map((r) => reddit.postId(r))).toEqual(FEED.map((p) => p.id));
    expect(doc.querySelector('shreddit-ad-post')?.matches(reddit.postRootSelector)).toBe(false);
  });

  it.each(FEED.map((p) => [p.id, p] as const))('extracts %s exactly', (id, expected) => {
    const post = reddit.extractPost(rootById(reddit, doc, id));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('puts the badge in the slotted credit bar (light DOM), and the post still reads the same', () => {
    const root = rootById(reddit, doc, 't3_1p8xk2a');
    const badge = insertBadge(reddit, root);
    const slotted = badge.closest('[slot]');
    expect(slotted?.getAttribute('slot')).toBe('credit-bar');
    expect(slotted?.parentElement).toBe(root);
    expect(reddit.extractPost(root)).toEqual(FEED[0]);
    badge.remove();
  });

  it('reads a feed preview rendered in an open shadow root (an older build)', () => {
    const root = rootById(reddit, doc, 't3_1p8xk2a').cloneNode(true) as Element;
    const preview = root.querySelector('.feed-card-text-preview')!;
    root.querySelector(':scope > [slot="text-body"]')!.remove();
    root.attachShadow({ mode: 'open' }).append(preview);
    expect(reddit.extractPost(root)).toEqual(FEED[0]);
  });
});

describe('comments.html (www.reddit.com post page)', () => {
  const doc = loadFixture('reddit', 'comments.html');
  const expected = thread('new');

  it('finds the post and every comment in tree order; the deleted comment gives nothing', () => {
    expect(rootsIn(reddit, doc).map((r) => reddit.postId(r))).toEqual([
      't3_1p8z0q3',
      't1_m3k9x01',
      't1_m3ka2b7',
      't1_m3kb9zz',
      null, // [deleted], kept for its reply
      't1_m3kc0aa',
      't1_m3kd4f2',
    ]);
    const deleted = doc.querySelector('shreddit-comment[thingid="t1_m3kc000"]')!;
    expect(reddit.extractPost(deleted)).toBeNull();
    expect(reddit.badgeAnchor(deleted)).toBeNull();
  });

  it.each(Object.values(expected).map((p) => [p.id, p] as const))('extracts %s exactly', (id, post) => {
    const extracted = reddit.extractPost(rootById(reddit, doc, id));
    expect(extracted).toEqual(post);
    expect(postSchema.parse(extracted)).toEqual(post);
  });

  it("puts a comment's badge in its own commentMeta slot, not a reply's", () => {
    const root = rootById(reddit, doc, 't1_m3k9x01');
    const badge = insertBadge(reddit, root);
    expect(badge.closest('[slot="commentMeta"]')?.parentElement).toBe(root);
    expect(reddit.extractPost(root)).toEqual(expected.a);
    expect(reddit.extractPost(rootById(reddit, doc, 't1_m3ka2b7'))).toEqual(expected.b);
    badge.remove();
  });

  it('builds the permalink from postid when the attribute is missing', () => {
    const root = rootById(reddit, doc, 't1_m3kd4f2').cloneNode(true) as Element;
    root.removeAttribute('permalink');
    root.removeAttribute('created');
    expect(reddit.extractPost(root)).toMatchObject({
      url: 'https://www.reddit.com/comments/1p8z0q3/comment/m3kd4f2/',
      time: '2026-11-27T09:12:09.999Z', // from the meta's <time>
    });
  });
});

describe('old.html (old.reddit.com post page)', () => {
  const doc = loadFixture('reddit', 'old.html');
  const expected = thread('old');

  it('finds the post and every comment; deleted and "load more" rows give nothing', () => {
    expect(rootsIn(reddit, doc).map((r) => reddit.postId(r))).toEqual([
      't3_1p8z0q3',
      't1_m3k9x01',
      't1_m3ka2b7',
      't1_m3kb9zz',
      null, // [deleted]
      't1_m3kc0aa',
      't1_m3kd4f2',
      null, // load more comments
    ]);
  });

  it.each(Object.values(expected).map((p) => [p.id, p] as const))('extracts %s exactly', (id, post) => {
    const extracted = reddit.extractPost(rootById(reddit, doc, id));
    expect(extracted).toEqual(post);
    expect(postSchema.parse(extracted)).toEqual(post);
  });

  it('keys posts the same as new Reddit does', () => {
    const keys = (d: Document) =>
      rootsIn(reddit, d)
        .map((r) => reddit.extractPost(r))
        .filter((p) => p !== null)
        .map((p) => postKey(p));
    expect(keys(doc)).toEqual(keys(loadFixture('reddit', 'comments.html')));
  });

  it('puts the badge in the tagline of the thing itself', () => {
    const root = rootById(reddit, doc, 't1_m3k9x01');
    const badge = insertBadge(reddit, root);
    expect(badge.closest('.thing')).toBe(root);
    expect(badge.parentElement?.matches('p.tagline')).toBe(true);
    expect(reddit.extractPost(root)).toEqual(expected.a);
    badge.remove();
  });

  it('marks a listed self post whose body is collapsed as truncated', () => {
    const root = rootById(reddit, doc, 't3_1p8z0q3').cloneNode(true) as Element;
    root.querySelector('.expando')!.remove();
    expect(reddit.extractPost(root)).toMatchObject({
      text: 'Why does bread go stale faster in the fridge than on the counter?',
      truncated: true,
      links: [],
      time: '2026-11-27T06:02:44.000Z',
    });
    root.querySelector('time')!.remove(); // then the time comes from data-timestamp
    expect(reddit.extractPost(root)?.time).toBe('2026-11-27T06:02:44.000Z');
  });

  it("reads an image post's opened preview: its alt text and the preview's address", () => {
    const root = rootById(reddit, doc, 't3_1p8z0q3').cloneNode(true) as Element;
    const preview = doc.createElement('div');
    preview.className = 'media-preview';
    const img = doc.createElement('img');
    img.setAttribute('alt', 'Bread in a fridge');
    img.setAttribute('src', 'https://preview.redd.it/bread.jpg?width=960&crop=smart&auto=webp&s=0a1b2c');
    preview.append(img);
    root.querySelector('.expando')!.append(preview);
    expect(reddit.extractPost(root)?.media).toEqual({
      imageAlts: ['Bread in a fridge'],
      imageUrls: ['https://preview.redd.it/bread.jpg?width=960&crop=smart&auto=webp&s=0a1b2c'],
      hasVideo: false,
    });
  });

  it('gives an outbound link post its article as the first link, and skips ads', () => {
    const root = rootById(reddit, doc, 't3_1p8z0q3').cloneNode(true) as Element;
    root.setAttribute('data-domain', 'example.org');
    root.setAttribute('data-url', 'https://example.org/report.pdf');
    expect(reddit.extractPost(root)?.links).toEqual(['https://example.org/report.pdf', EXPLAINER]);
    root.classList.add('promoted');
    expect(reddit.postId(root)).toBeNull();
  });
});

describe('garbled and placeholder roots', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.firstElementChild!;

  it.each([
    '<shreddit-post></shreddit-post>',
    '<shreddit-post id="post-1" post-title="x"></shreddit-post>',
    '<shreddit-post id="T3_ABC"></shreddit-post>',
    '<shreddit-comment thingid="t1_abc"></shreddit-comment>', // no body yet
    '<shreddit-comment thingid="t3_abc"><div slot="comment">x</div></shreddit-comment>',
    '<div class="thing link" data-fullname="t1_abc"></div>',
    '<div class="thing comment" data-fullname="t1_abc"><div class="entry"></div></div>',
    '<div class="thing" data-fullname="t3_abc"></div>',
  ])('%s gives nothing', (html) => {
    const root = parse(html);
    expect(reddit.postId(root)).toBeNull();
    expect(reddit.extractPost(root)).toBeNull();
    expect(reddit.badgeAnchor(root)).toBeNull();
  });

  it('a bare shreddit-post still gives a post from its id (attributes arrive before children)', () => {
    const root = parse('<shreddit-post id="t3_abc12"></shreddit-post>');
    expect(reddit.extractPost(root)).toEqual(
      redditPost({ id: 't3_abc12', url: 'https://www.reddit.com/comments/abc12/', time: null, text: '' }, ''),
    );
    expect(reddit.badgeAnchor(root)).toBeNull(); // no slotted child to hold it yet
  });

  it('never throws on randomly mangled roots, and what it returns is a valid Post', () => {
    const sources = ['feed.html', 'comments.html', 'old.html'].flatMap((name) =>
      rootsIn(reddit, loadFixture('reddit', name)),
    );
    const posts = mangleAndExtract(reddit, sources, {
      attributes: [
        'slot',
        'id',
        'thingid',
        'permalink',
        'author',
        'created',
        'created-timestamp',
        'post-language',
        'href',
        'class',
        'data-fullname',
        'datetime',
      ],
      values: [
        '',
        'text-body',
        'comment',
        'credit-bar',
        't3_abc',
        't1_abc',
        '/r/x/',
        '//evil.example/',
        'https://',
        '[deleted]',
        'und',
        'md',
        'entry',
        '2026-02-30T25:00:00+0000',
      ],
      wrapper: (d) => d.createElement('div'),
    });
    expect(posts).toBeGreaterThan(60);
  }, 30_000);
});

describe('feed.html script (Reddit element stand-in and infinite scroll)', () => {
  function runFixturePage(): { appendPosts(count: number): string[] } {
    document.documentElement.innerHTML = fixtureHtml('reddit', 'feed.html');
    const scripts = Array.from(document.querySelectorAll('script'), (s) => s.textContent ?? '');
    expect(scripts).toHaveLength(1);
    new Function(scripts[0]!)();
    return (window as unknown as { footnoteFixture: { appendPosts(count: number): string[] } })
      .footnoteFixture;
  }

  it('gives posts a shadow root that renders only named slots, the badge anchor among them', () => {
    runFixturePage();
    const root = rootById(reddit, document, 't3_1p8xk2a');
    const slots = Array.from(root.shadowRoot?.querySelectorAll('slot') ?? [], (s) => s.getAttribute('name'));
    expect(slots).toContain('credit-bar');
    expect(slots).not.toContain(null); // no default slot: unslotted children are not shown
    const anchor = reddit.badgeAnchor(root)!;
    expect(slots).toContain(anchor.parent.getAttribute('slot'));
    expect(reddit.extractPost(root)).toEqual(FEED[0]);
  });

  it('appendPosts adds posts with the same markup, before the lazy partial', () => {
    const fixture = runFixturePage();
    const before = rootsIn(reddit, document).length;
    expect(fixture.appendPosts(2)).toEqual(['t3_1q00001', 't3_1q00002']);
    expect(fixture.appendPosts(1)).toEqual(['t3_1q00003']);
    const late = rootsIn(reddit, document).slice(before);
    expect(late).toHaveLength(3);
    expect(late.every((r) => r.parentElement?.matches('shreddit-feed > article'))).toBe(true);
    expect(document.querySelector('shreddit-feed > :last-child')?.localName).toBe('faceplate-partial');
    expect(late.map((r) => reddit.extractPost(r))).toEqual(
      [1, 2, 3].map((n) =>
        redditPost(
          {
            id: `t3_1q0000${n}`,
            url: `https://www.reddit.com/r/test/comments/1q0000${n}/late_post_number_${n}/`,
            time: `2026-11-27T12:0${n}:00.000Z`,
            text: `Late post number ${n}`,
            lang: 'en',
          },
          `late_poster_${n}`,
        ),
      ),
    );
    expect(late[0]!.shadowRoot?.querySelector('slot[name="credit-bar"]')).not.toBeNull();
  });
});
