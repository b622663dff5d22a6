// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { asQuoted, type Post } from '../../core/post';
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
import { hackerNewsAdapter as hn } from './adapter';

function hnPost(fields: Partial<Post> & Pick<Post, 'id' | 'text'>): Post {
  return samplePost({
    site: 'hackernews',
    url: `https://news.ycombinator.com/item?id=${fields.id}`,
    lang: null,
    links: [],
    ...fields,
  });
}

const by = (handle: string) => ({ name: handle, handle });

const FRONT: Post[] = [
  hnPost({
    id: '50120431',
    author: by('kari_n'),
    time: '2026-11-27T07:41:09.000Z',
    text: 'The Tromsø aurora dataset: 40 years of all-sky camera images',
    links: ['https://aurora.uit.example.no/dataset/all-sky-1986-2026'],
  }),
  hnPost({
    id: '50121877',
    author: by('quietfox'),
    time: '2026-11-27T09:58:30.000Z',
    text: 'Ask HN: How do you verify statistics you see shared on social media?',
  }),
  hnPost({
    id: '50119002',
    author: by('dmitri_b'),
    time: '2026-11-27T05:20:44.000Z',
    text: 'Show HN: Footnote-style notes for any web page (open source)',
    links: ['https://github.com/example/notes-anywhere'],
  }),
  hnPost({
    id: '50122310',
    author: by('e_lindqvist'),
    time: '2026-11-27T10:47:02.000Z',
    text: 'Why the “hottest year on record” chart you saw is missing a baseline',
    links: ['https://www.example-climate.org/posts/2026/11/baseline-matters?ref=hn&utm_source=x'],
  }),
  hnPost({
    id: '50118555',
    author: by(''), // job ads have no author
    time: '2026-11-27T04:00:13.000Z',
    text: 'Acme Robotics (YC S24) is hiring a senior firmware engineer in Lisbon',
    links: ['https://www.ycombinator.com/companies/acme-robotics/jobs/9Xk2P-senior-firmware-engineer'],
  }),
  hnPost({
    id: '50117214',
    author: by('joao_pedro'),
    time: '2026-11-27T02:33:51.000Z',
    text: 'Brazil’s new open-data portal for municipal budgets',
    links: ['https://dados.example.gov.br/orcamentos-municipais'],
  }),
];

const ONS =
  'https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/causesofdeath/datasets/deathsregisteredweeklyinenglandandwalesprovisional';

const ITEM: Post[] = [
  hnPost({
    id: '50121877',
    author: by('quietfox'),
    time: '2026-11-27T09:58:30.000Z',
    text:
      'Ask HN: How do you verify statistics you see shared on social media?\n\n' +
      'Every week someone in my family forwards a chart with a dramatic number on it. I usually end up spending ' +
      'an hour tracking down the original source.\n\n' +
      'What is your process? Do you have tools, browser extensions or sites you trust, e.g. https://ourworldindata.org/?',
    links: ['https://ourworldindata.org/'],
  }),
  hnPost({
    id: '50122004',
    author: by('meridian_k'),
    time: '2026-11-27T10:05:12.000Z',
    text:
      'I always look for the primary source first. If a chart has no source line, I assume it is wrong until shown otherwise.\n\n' +
      `For public health numbers the national statistics office usually has the raw tables, e.g. ${ONS}`,
    links: [ONS],
  }),
  hnPost({
    id: '50122051',
    author: by('quietfox'),
    time: '2026-11-27T10:11:40.000Z',
    text: 'That works for the UK. What do you do when the chart only says Source: Reuters?',
    replyTo: ['meridian_k'],
  }),
  hnPost({
    id: '50122133',
    author: by('meridian_k'),
    time: '2026-11-27T10:20:03.000Z',
    text: 'Search the exact number in quotes. Nine times out of ten you find the article it came from within a minute.',
    replyTo: ['quietfox'],
  }),
  hnPost({
    id: '50122177',
    author: by('tomasz_w'),
    time: '2026-11-27T10:31:18.000Z',
    text: 'Replying to the deleted comment: no, Wikipedia is not a primary source, but its footnotes often are.',
    replyTo: [], // its parent was deleted: no author to name
  }),
  hnPost({
    id: '50122190',
    author: by('ana_luisa'),
    time: '2026-11-27T10:33:47.000Z',
    text:
      'I wrote a tiny script that flags numbers without a date next to them:\n\n' +
      '  for line in text.splitlines():\n' +
      '      if NUMBER.search(line) and not DATE.search(line):\n' +
      '          print("check:", line)\n\n' +
      'Crude, but it catches the "up 300%" posts > 90% of the time.',
  }),
];

// What each comment answers: top-level ones the story; 50122177's parent was deleted (nothing to give).
const [STORY, MERIDIAN, QUIETFOX, MERIDIAN_AGAIN, , ANA] = ITEM as [Post, Post, Post, Post, Post, Post];
MERIDIAN.parent = asQuoted(STORY);
QUIETFOX.parent = asQuoted(MERIDIAN);
MERIDIAN_AGAIN.parent = asQuoted(QUIETFOX);
ANA.parent = asQuoted(STORY);

describe('hackerNewsAdapter.matchesLocation', () => {
  it.each(['news.ycombinator.com', 'NEWS.YCOMBINATOR.COM', 'news.ycombinator.com.'])(
    'accepts %s',
    (hostname) => expect(hn.matchesLocation({ hostname, pathname: '/item' })).toBe(true),
  );
  it.each(['ycombinator.com', 'www.ycombinator.com', 'news.ycombinator.com.evil.example', 'hn.algolia.com'])(
    'rejects %s',
    (hostname) => expect(hn.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
});

describe('hn.threadPage', () => {
  it.each(['/item'])('offers a discussion summary on item pages: %s', (pathname) =>
    expect(hn.threadPage({ hostname: 'news.ycombinator.com', pathname })).toBe(true),
  );
  it.each(['/', '/news', '/newest', '/ask', '/user', '/threads', '/item/', '/items'])(
    'not on %s',
    (pathname) => expect(hn.threadPage({ hostname: 'news.ycombinator.com', pathname })).toBe(false),
  );
});

describe('front.html', () => {
  const doc = loadFixture('hackernews', 'front.html');

  it('postId queries only inside the root', () => {
    expectScopedPostId(
      hn,
      ['front.html', 'item.html'].flatMap((name) => rootsIn(hn, loadFixture('hackernews', name))),
    );
  });

  it('finds every story row, in order', () => {
    expect(rootsIn(hn, doc).map((r) => hn.postId(r))).toEqual(FRONT.map((p) => p.id));
  });

  it.each(FRONT.map((p) => [p.id, p] as const))('extracts story %s exactly', (id, expected) => {
    const post = hn.extractPost(rootById(hn, doc, id));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('puts the badge after the title line, and the story still reads the same', () => {
    const root = rootById(hn, doc, '50120431');
    const badge = insertBadge(hn, root);
    expect(badge.previousElementSibling?.matches('.titleline')).toBe(true);
    expect(hn.extractPost(root)).toEqual(FRONT[0]);
    badge.remove();
  });
});

describe('item.html', () => {
  const doc = loadFixture('hackernews', 'item.html');

  it('finds the story and its comments, not the deleted one', () => {
    const roots = rootsIn(hn, doc);
    expect(roots.map((r) => hn.postId(r))).toEqual([
      '50121877',
      '50122004',
      '50122051',
      '50122133',
      null, // [deleted]
      '50122177',
      '50122190',
    ]);
    expect(hn.extractPost(roots[4]!)).toBeNull();
    expect(hn.badgeAnchor(roots[4]!)).toBeNull();
  });

  it.each(ITEM.map((p) => [p.id, p] as const))('extracts item %s exactly', (id, expected) => {
    const post = hn.extractPost(rootById(hn, doc, id));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it('reads the id from the row, although the collapse link repeats it', () => {
    const row = rootById(hn, doc, '50122004');
    expect(row.querySelectorAll('[id="50122004"]')).toHaveLength(1); // the [–] link
    expect(hn.postId(row)).toBe('50122004');
  });

  it('puts a comment badge after the age, and the comment still reads the same', () => {
    const root = rootById(hn, doc, '50122051');
    const badge = insertBadge(hn, root);
    expect(badge.previousElementSibling?.matches('span.age')).toBe(true);
    expect(badge.closest('.comhead')).not.toBeNull();
    expect(hn.extractPost(root)).toEqual(ITEM[2]);
    badge.remove();
  });

  it('reads old pages: indent from the spacer width, time from an ISO-only title', () => {
    const row = rootById(hn, doc, '50122133').cloneNode(true) as Element;
    row.querySelector('td.ind')!.removeAttribute('indent');
    row.querySelector('span.age')!.setAttribute('title', '2026-11-27T10:20:03');
    const post = hn.extractPost(row)!;
    expect(post.time).toBe('2026-11-27T10:20:03.000Z');
    // Detached from its table, no parent row precedes it.
    expect(post.replyTo).toEqual([]);
  });
});

describe('garbled and placeholder rows', () => {
  const doc = loadFixture('hackernews', 'item.html');

  it('yields nothing for rows that are not items', () => {
    for (const html of [
      '<table><tr class="athing" id="abc"><td class="title"><span class="titleline"><a href="x">T</a></span></td></tr></table>',
      '<table><tr class="athing" id="123"><td>poll option</td></tr></table>',
      '<table><tr class="athing comtr" id="124"><td><div class="commtext">no author</div></td></tr></table>',
      '<table><tr class="athing" id=""></tr></table>',
    ]) {
      const row = new DOMParser().parseFromString(html, 'text/html').querySelector('tr')!;
      expect(hn.postId(row)).toBeNull();
      expect(hn.extractPost(row)).toBeNull();
      expect(hn.badgeAnchor(row)).toBeNull();
    }
  });

  it('never throws on randomly mangled rows, and what it returns is a valid Post', () => {
    const sources = rootsIn(hn, doc).concat(rootsIn(hn, loadFixture('hackernews', 'front.html')));
    const posts = mangleAndExtract(hn, sources, {
      attributes: ['class', 'href', 'title', 'indent', 'id', 'width'],
      values: [
        '',
        'athing',
        'commtext',
        'hnuser',
        'titleline',
        'age',
        'item?id=1',
        'https://',
        '1',
        '999',
        'x y',
        '2026-13-45T99:99:99 9',
      ],
      wrapper: (d) => d.createElement('span'),
    });
    expect(posts).toBeGreaterThan(60);
  }, 30_000);
});
