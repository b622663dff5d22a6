// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
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
import { youtubeAdapter as youtube } from './adapter';

const VIDEO = 'Xk3vN8a1QpE';
const T1 = 'UgzQ7xWc3d8kLmN0pR2sT4v5AaABAg';
const T2 = 'UgyLm9TqR4wX2cV7bN1kJ8hAaABAg';
const T4 = 'Ugw0bV5rT8yHnM3kLp9QzXc1AaABAg';
const R1 = `${T1}.9zKp3QwErTy0AbCdEfGhIj`;
const R2 = `${T1}.9zKq1LmNoPq2RsTuVwXyZa`;

function ytPost(fields: Partial<Post> & Pick<Post, 'id' | 'text'>, name: string, handle = name): Post {
  return samplePost({
    site: 'youtube',
    url: `https://www.youtube.com/watch?v=${VIDEO}&lc=${fields.id}`,
    author: { name, handle },
    time: null, // YouTube shows "2 days ago" only
    lang: null,
    links: [],
    ...fields,
  });
}

const IPCC = 'https://www.ipcc.ch/report/ar6/wg1/';
const NOAA = 'https://www.ncei.noaa.gov/access/monitoring/global-temperature-anomalies/';

const WATCH: Post[] = [
  ytPost(
    {
      id: T1,
      text: `Great explanation! One correction though:\nAt 2:15 the graph says 1.5 °C but the IPCC figure is for 2021–2040, see ${IPCC}\n#climate`,
      links: [IPCC],
    },
    'mariasantos-7',
  ),
  ytPost(
    {
      id: R1,
      text: "Thanks, you're right. We've pinned a correction in the description.",
      replyTo: ['mariasantos-7'],
    },
    'climatedesk',
  ),
  ytPost(
    { id: R2, text: '@mariasantos-7 obrigado pela fonte! :hand-pink-waving:', replyTo: ['mariasantos-7'] },
    'joao.pereira_88',
  ),
  ytPost(
    {
      id: T2,
      text: `Sources for every number in this video:\n1) NOAA global temperature series: ${NOAA}\n2) Copernicus C3S monthly bulletin`,
      links: [NOAA],
    },
    'DrFactCheck',
  ),
  ytPost(
    { id: T4, text: 'Excelente vídeo! Vamos compartilhar com nossos visitantes.' },
    'Museu Nacional',
    '',
  ),
];

// Replies answer their thread's top comment, which YouTube shows above them.
WATCH[1]!.parent = asQuoted(WATCH[0]!);
WATCH[2]!.parent = asQuoted(WATCH[0]!);

describe('youtubeAdapter.matchesLocation', () => {
  it.each(['www.youtube.com', 'youtube.com', 'WWW.YOUTUBE.COM'])('accepts %s', (hostname) =>
    expect(youtube.matchesLocation({ hostname, pathname: '/watch' })).toBe(true),
  );
  // m.youtube.com renders other elements (ytm-*); music and kids are other apps.
  it.each(['m.youtube.com', 'music.youtube.com', 'youtube.com.evil.example', 'youtu.be', ''])(
    'rejects %s',
    (hostname) => expect(youtube.matchesLocation({ hostname, pathname: '/' })).toBe(false),
  );
});

describe('youtube.threadPage', () => {
  it.each(['/watch', '/shorts/aqz-KE-bpKQ', '/post/UgkxCWeWQ7Cq3HdBcQ0oI8qk3YyT8m0VTrXU'])(
    'offers a discussion summary on pages whose comments it reads: %s',
    (pathname) => expect(youtube.threadPage({ hostname: 'www.youtube.com', pathname })).toBe(true),
  );
  it.each([
    '/',
    '/feed/subscriptions',
    '/results',
    '/@LinusTechTips',
    '/@LinusTechTips/videos',
    '/shorts/',
    '/playlist',
  ])('not on %s', (pathname) =>
    expect(youtube.threadPage({ hostname: 'www.youtube.com', pathname })).toBe(false),
  );
});

describe('watch.html comments', () => {
  const doc = loadFixture('youtube', 'watch.html');

  it('postId queries only inside the root', () => {
    expectScopedPostId(youtube, rootsIn(youtube, doc));
  });

  it('finds the video, then every comment and reply in order; the unfilled comment gives nothing', () => {
    expect(rootsIn(youtube, doc).map((r) => youtube.postId(r))).toEqual([VIDEO, T1, R1, R2, T2, null, T4]);
    const empty = rootsIn(youtube, doc)[5]!;
    expect(youtube.extractPost(empty)).toBeNull();
    expect(youtube.badgeAnchor(empty)).toBeNull();
  });

  it('repeats ids the way YouTube does', () => {
    expect(doc.querySelectorAll('[id="content-text"]').length).toBe(5);
    expect(doc.querySelectorAll('[id="author-text"]').length).toBe(6);
  });

  it.each(WATCH.map((p) => [p.id, p] as const))('extracts %s exactly', (id, expected) => {
    const post = youtube.extractPost(rootById(youtube, doc, id));
    expect(post).toEqual(expected);
    expect(postSchema.parse(post)).toEqual(expected);
  });

  it("gives a reply its thread's top comment as parent, and a top-level comment none", () => {
    expect(youtube.extractPost(rootById(youtube, doc, R1))?.parent).toEqual(asQuoted(WATCH[0]!));
    expect(youtube.extractPost(rootById(youtube, doc, R2))?.parent).toEqual(asQuoted(WATCH[0]!));
    for (const id of [T1, T2, T4]) expect(youtube.extractPost(rootById(youtube, doc, id))?.parent).toBeNull();
  });

  it('gives a reply no parent while its top comment is not filled, nor one outside a thread', () => {
    const thread = rootById(youtube, doc, T1)
      .closest('ytd-comment-thread-renderer')!
      .cloneNode(true) as Element;
    const [top, reply] = rootsIn(youtube, thread);
    top!.querySelector('[id="published-time-text"] a')!.removeAttribute('href');
    expect(youtube.extractPost(reply!)?.parent).toBeNull();
    const replies = rootById(youtube, doc, R1)
      .closest('ytd-comment-replies-renderer')!
      .cloneNode(true) as Element;
    const orphan = rootsIn(youtube, replies)[0]!;
    expect(youtube.extractPost(orphan)).toEqual({ ...WATCH[1], parent: null, replyTo: [] });
  });

  it('finds the parent with queries inside the thread only', () => {
    const spies = [vi.spyOn(doc, 'querySelector'), vi.spyOn(doc, 'querySelectorAll')];
    for (const root of rootsIn(youtube, doc.body)) youtube.extractPost(root);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
  });

  it('puts the badge after the timestamp in the author line, and the comment still reads the same', () => {
    const root = rootById(youtube, doc, R1);
    const badge = insertBadge(youtube, root);
    expect(badge.previousElementSibling?.getAttribute('id')).toBe('published-time-text');
    expect(badge.parentElement?.getAttribute('id')).toBe('header-author');
    expect(youtube.extractPost(root)).toEqual(WATCH[1]);
    badge.remove();
  });

  it('reads a comment moved to another thread by element reuse as the comment it shows now', () => {
    const root = rootById(youtube, doc, T2).cloneNode(true) as Element;
    root
      .querySelector('[id="published-time-text"] a')!
      .setAttribute('href', `/watch?v=${VIDEO}&lc=UgxNEWcommentId0123456789AaABAg`);
    expect(youtube.postId(root)).toBe('UgxNEWcommentId0123456789AaABAg');
  });
});

describe('other YouTube markup', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('reads the pre-2024 ytd-comment-renderer, and Shorts permalinks', () => {
    const doc =
      parse(`<ytd-comment-thread-renderer><ytd-comment-renderer id="comment"><div id="header-author">
      <a id="author-text" href="/@oldstyle"><span> @oldstyle </span></a>
      <yt-formatted-string class="published-time-text"><a href="/shorts/Ab1Cd2Ef3Gh?lc=UgzOLDstyle0123456789AaABAg">1 year ago</a></yt-formatted-string>
      </div><yt-formatted-string id="content-text">Old markup, <a href="https://www.youtube.com/redirect?q=javascript%3Aalert(1)">bad</a> link</yt-formatted-string>
      </ytd-comment-renderer></ytd-comment-thread-renderer>`);
    const root = doc.querySelector(youtube.postRootSelector)!;
    expect(youtube.extractPost(root)).toEqual(
      ytPost(
        {
          id: 'UgzOLDstyle0123456789AaABAg',
          url: 'https://www.youtube.com/shorts/Ab1Cd2Ef3Gh?lc=UgzOLDstyle0123456789AaABAg',
          text: 'Old markup, bad link', // a redirect to a non-http target is no link
        },
        'oldstyle',
      ),
    );
    expect(youtube.badgeAnchor(root)?.parent.getAttribute('id')).toBe('header-author');
  });

  it.each([
    '<ytd-comment-view-model></ytd-comment-view-model>',
    '<ytd-comment-view-model><span id="published-time-text"><a href="/watch?v=x">now</a></span></ytd-comment-view-model>',
    '<ytd-comment-view-model><span id="published-time-text"><a href="/watch?v=x&lc=short">now</a></span></ytd-comment-view-model>',
    '<ytd-comment-view-model><span id="published-time-text"><a href="/watch?v=x&lc=Ugz%20bad%20id%20with%20spaces">now</a></span></ytd-comment-view-model>',
  ])('%s gives nothing', (html) => {
    const root = parse(html).querySelector(youtube.postRootSelector)!;
    expect(youtube.postId(root)).toBeNull();
    expect(youtube.extractPost(root)).toBeNull();
    expect(youtube.badgeAnchor(root)).toBeNull();
  });

  it('never throws on randomly mangled comments, and what it returns is a valid Post', () => {
    const sources = rootsIn(youtube, loadFixture('youtube', 'watch.html'));
    const posts = mangleAndExtract(youtube, sources, {
      attributes: ['id', 'href', 'alt', 'class', 'hidden'],
      values: [
        '',
        'content-text',
        'author-text',
        'published-time-text',
        '/@x',
        '/watch?v=1&lc=UgzAAAAAAAAAAAA',
        '/redirect?q=https%3A%2F%2Fx.example',
        'https://www.youtube.com/redirect?q=%E0%A4%A',
        '@',
      ],
      wrapper: (d) => d.createElement('div'),
    });
    expect(posts).toBeGreaterThan(60);
  }, 30_000);
});
