// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { POST_TEXT_MAX, type Post } from '../../core/post';
import { postSchema } from '../../core/post-schema';
import { samplePost } from '../../../test-support/sample-post';
import {
  expectScopedPostId,
  insertBadge,
  loadFixture,
  mangleAndExtract,
  rootsIn,
} from '../../../test-support/adapter-test-helpers';
import type { SiteAdapter } from '../site-adapter';
import { youtubeAdapter as youtube } from './adapter';
import { VIDEO_ROOT } from './video-post';

const VIDEO = 'Vd3oQ8sLm2A';
const WHO =
  'https://www.who.int/news-room/questions-and-answers/item/vaccines-and-immunization-vaccine-safety';

const VIDEO_POST: Post = samplePost({
  site: 'youtube',
  id: VIDEO,
  url: `https://www.youtube.com/watch?v=${VIDEO}`,
  author: { name: 'Ciência Aberta', handle: 'cienciaaberta' },
  time: null, // the page shows "há 3 semanas" only
  text: [
    'Vacinas e autismo: o que dizem os estudos',
    '',
    'Revisamos o que os grandes estudos dizem sobre vacinas e autismo: do artigo de 1998, retratado em 2010, às coortes com milhões de crianças.',
    '',
    'Fontes:',
    `OMS, segurança das vacinas: ${WHO}`,
    '',
    '0:00 Introdução',
    '5:12 O estudo dinamarquês',
    '#vacinas #ciência',
  ].join('\n'),
  lang: null,
  links: [WHO],
  media: { imageAlts: [], hasVideo: true },
  video: { id: VIDEO },
});

function page(): Document {
  return loadFixture('youtube', 'video.html');
}

function videoRoot(doc: ParentNode): Element {
  const root = doc.querySelector('ytd-watch-metadata');
  if (root === null) throw new Error('no ytd-watch-metadata');
  return root;
}

describe('the watch page video (video.html, 2024+ markup)', () => {
  it('is a post beside the comments, first in page order', () => {
    expect(rootsIn(youtube, page()).map((root) => youtube.postId(root))).toEqual([
      VIDEO,
      'Ugz8pR2mVq7LkT3nX5cW1yHAaABAg',
      'UgwK4tN9bQ1sZr6LmP0vD2eAaABAg',
    ]);
  });

  it('extracts the title, channel and description exactly', () => {
    const post = youtube.extractPost(videoRoot(page()));
    expect(post).toEqual(VIDEO_POST);
    expect(postSchema.parse(post)).toEqual(VIDEO_POST);
  });

  it('leaves the comments as they were: a comment is not the video, nor answers it', () => {
    const doc = page();
    const [, first] = rootsIn(youtube, doc);
    expect(youtube.extractPost(first!)).toEqual(
      samplePost({
        site: 'youtube',
        id: 'Ugz8pR2mVq7LkT3nX5cW1yHAaABAg',
        url: `https://www.youtube.com/watch?v=${VIDEO}&lc=Ugz8pR2mVq7LkT3nX5cW1yHAaABAg`,
        author: { name: 'mariana.lopes', handle: 'mariana.lopes' },
        time: null,
        text: 'Ótimo vídeo! Em 5:12 o estudo dinamarquês acompanhou 657 mil crianças, certo?',
        lang: null,
      }),
    );
  });

  it('postId queries only inside the root (and walks up to the watch page)', () => {
    expectScopedPostId(youtube, [videoRoot(page())]);
  });

  it('reads the video without querying the whole document', () => {
    const doc = page();
    const root = videoRoot(doc);
    const spies = [vi.spyOn(doc, 'querySelector'), vi.spyOn(doc, 'querySelectorAll')];
    youtube.extractPost(root);
    youtube.badgeAnchor(root);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
  });

  it("reads the id afresh when YouTube reuses the page for another video, and none that isn't one", () => {
    const doc = page();
    const root = videoRoot(doc);
    const watchPage = root.closest('ytd-watch-flexy')!;
    // YouTube sets the new id on the page and on the reused metadata: the metadata's own wins.
    watchPage.setAttribute('video-id', 'Zx9-_aB3cD4');
    expect(youtube.postId(root)).toBe('Vd3oQ8sLm2A');
    root.setAttribute('video-id', 'Zx9-_aB3cD4');
    expect(youtube.postId(root)).toBe('Zx9-_aB3cD4');
    expect(youtube.extractPost(root)).toMatchObject({
      id: 'Zx9-_aB3cD4',
      url: 'https://www.youtube.com/watch?v=Zx9-_aB3cD4',
      video: { id: 'Zx9-_aB3cD4' },
    });
    // Without an id of its own, the page's.
    root.removeAttribute('video-id');
    expect(youtube.postId(root)).toBe('Zx9-_aB3cD4');
    for (const id of ['', 'short', 'Vd3oQ8sLm2A&x=1', 'Vd3oQ8sLm2Ab']) {
      watchPage.setAttribute('video-id', id);
      expect(youtube.postId(root)).toBeNull();
      expect(youtube.extractPost(root)).toBeNull();
      expect(youtube.badgeAnchor(root)).toBeNull();
    }
    watchPage.removeAttribute('video-id');
    expect(youtube.postId(root)).toBeNull();
  });

  it('gives nothing outside a watch page, while hidden, or while the title is not filled in', () => {
    const detached = videoRoot(page()).cloneNode(true) as Element;
    expect(youtube.postId(detached)).toBeNull();
    const hidden = videoRoot(page());
    hidden.setAttribute('hidden', ''); // what it shows may be a video watched before
    expect(youtube.postId(hidden)).toBeNull();
    expect(youtube.extractPost(hidden)).toBeNull();
    const doc = page();
    doc.querySelector('ytd-watch-metadata h1 yt-formatted-string')!.textContent = ' ';
    expect(youtube.postId(videoRoot(doc))).toBeNull();
    expect(youtube.extractPost(videoRoot(doc))).toBeNull();
    expect(youtube.badgeAnchor(videoRoot(doc))).toBeNull();
  });

  it('puts the badge right after the title heading, and the video still reads the same', () => {
    const root = videoRoot(page());
    const badge = insertBadge(youtube, root);
    expect(badge.previousElementSibling?.tagName).toBe('H1');
    expect(badge.parentElement?.getAttribute('id')).toBe('title');
    expect(youtube.postId(root)).toBe(VIDEO);
    expect(youtube.extractPost(root)).toEqual(VIDEO_POST);
  });

  it('reads the plain snippet where the page shows no attributed one, else the expanded copy', () => {
    const doc = page();
    const snippet = doc.querySelector('[id="attributed-snippet-text"]')!;
    const plain = doc.querySelector('[id="plain-snippet-text"]')!;
    plain.textContent = 'Descrição em texto simples.';
    expect(youtube.extractPost(videoRoot(doc))?.text).toBe(VIDEO_POST.text); // still hidden
    plain.removeAttribute('hidden');
    snippet.remove();
    expect(youtube.extractPost(videoRoot(doc))).toMatchObject({
      text: 'Vacinas e autismo: o que dizem os estudos\n\nDescrição em texto simples.',
      links: [],
    });
    plain.replaceChildren();
    const expanded = doc.createElement('yt-attributed-string');
    expanded.textContent = 'Descrição completa.';
    doc.querySelector('[id="expanded"]')!.append(expanded);
    expect(youtube.extractPost(videoRoot(doc))?.text).toBe(
      'Vacinas e autismo: o que dizem os estudos\n\nDescrição completa.',
    );
  });

  it('is the title alone for a video without a description, never the views and date above it', () => {
    const doc = page();
    doc.querySelector('[id="attributed-snippet-text"]')!.remove();
    expect(youtube.extractPost(videoRoot(doc))).toMatchObject({
      text: 'Vacinas e autismo: o que dizem os estudos',
      links: [],
      truncated: false,
    });
  });

  it('clips a description longer than a post may hold, and says so', () => {
    const doc = page();
    doc.querySelector('[id="attributed-snippet-text"] span')!.textContent = 'a'.repeat(POST_TEXT_MAX);
    const post = youtube.extractPost(videoRoot(doc));
    expect(post?.text).toHaveLength(POST_TEXT_MAX);
    expect(post?.truncated).toBe(true);
    expect(postSchema.safeParse(post).success).toBe(true);
  });

  it('carries the information panels shown under the video', () => {
    const doc = loadFixture('youtube', 'info-panel.html');
    const post = youtube.extractPost(videoRoot(doc));
    expect(post).toMatchObject({
      id: 'Rq7dWm2LpXo',
      text: 'Vaccine myths, answered by a doctor', // the panel is not the description
      platformContext: [
        {
          kind: 'info_panel',
          text: 'COVID-19\nGet the latest information from the WHO about COVID-19 vaccines.\nWorld Health Organization',
          url: 'https://www.who.int/emergencies/diseases/novel-coronavirus-2019',
        },
      ],
    });
  });
});

describe('the 2022 layout', () => {
  // The shape of ../shared/real/youtube/watch-rendered-2022-*.html, cut down.
  const html = `<ytd-watch-flexy video-id="PGXcFGlofbQ">
    <ytd-watch-metadata is-watch-flexy="" class="style-scope ytd-watch-flexy" disable-upgrade="" hidden=""></ytd-watch-metadata>
    <div id="info"><div id="info-skeleton"><div id="title" class="text-shell"></div></div>
    <div id="info-contents"><ytd-video-primary-info-renderer has-date-text=""><div id="container">
      <yt-formatted-string class="super-title"></yt-formatted-string>
      <h1 class="title style-scope ytd-video-primary-info-renderer"><yt-formatted-string force-default-style="">A 2022 title</yt-formatted-string></h1>
      <div id="info"><yt-formatted-string>Premiered 77 minutes ago</yt-formatted-string></div>
    </div></ytd-video-primary-info-renderer></div></div>
    <div id="meta"><div id="meta-contents"><ytd-video-secondary-info-renderer><div id="container"><div id="top-row">
      <ytd-video-owner-renderer><a href="/channel/UChbNWfnY5xA-A57jmcals1w"><img alt=""></a>
        <div id="upload-info"><ytd-channel-name id="channel-name"><yt-formatted-string id="text"><a href="/channel/UChbNWfnY5xA-A57jmcals1w" dir="auto">Acid Arab</a></yt-formatted-string></ytd-channel-name>
        <yt-formatted-string id="owner-sub-count">21.2K subscribers</yt-formatted-string></div>
      </ytd-video-owner-renderer></div>
      <ytd-expander collapsed=""><div id="content"><div id="description" slot="content"><yt-formatted-string class="content" split-lines=""><span dir="auto">Directed by G. G.
Buy: </span><a href="https://www.youtube.com/redirect?event=video_description&amp;q=https%3A%2F%2Fsmarturl.it%2Facidarab-jdid">https://smarturl.it/acidarab-jdid</a></yt-formatted-string><ytd-structured-description-content-renderer hidden=""></ytd-structured-description-content-renderer></div></div>
      <tp-yt-paper-button id="more"><yt-formatted-string class="more-button">Show more</yt-formatted-string></tp-yt-paper-button></ytd-expander>
    </div></ytd-video-secondary-info-renderer></div></div>
  </ytd-watch-flexy>`;
  const doc = () => new DOMParser().parseFromString(html, 'text/html');

  it('gives nothing for the empty, hidden ytd-watch-metadata the 2022 layout keeps', () => {
    const roots = rootsIn(youtube, doc());
    expect(roots.map((root) => root.tagName)).toEqual([
      'YTD-WATCH-METADATA',
      'YTD-VIDEO-PRIMARY-INFO-RENDERER',
    ]);
    expect(youtube.postId(roots[0]!)).toBeNull();
    expect(youtube.extractPost(roots[0]!)).toBeNull();
    expect(youtube.badgeAnchor(roots[0]!)).toBeNull();
  });

  it('reads the title from the primary info, the channel and description from the secondary', () => {
    const root = doc().querySelector('ytd-video-primary-info-renderer')!;
    expect(youtube.postId(root)).toBe('PGXcFGlofbQ');
    expect(youtube.extractPost(root)).toEqual(
      samplePost({
        site: 'youtube',
        id: 'PGXcFGlofbQ',
        url: 'https://www.youtube.com/watch?v=PGXcFGlofbQ',
        author: { name: 'Acid Arab', handle: '' }, // linked by channel id: no handle
        time: null,
        text: 'A 2022 title\n\nDirected by G. G.\nBuy: https://smarturl.it/acidarab-jdid',
        lang: null,
        links: ['https://smarturl.it/acidarab-jdid'],
        media: { imageAlts: [], hasVideo: true },
        video: { id: 'PGXcFGlofbQ' },
      }),
    );
  });

  it('puts the badge after the h1 in the primary info', () => {
    const root = doc().querySelector('ytd-video-primary-info-renderer')!;
    const badge = insertBadge(youtube, root);
    expect(badge.previousElementSibling?.matches('h1.title')).toBe(true);
    expect(youtube.extractPost(root)?.text.startsWith('A 2022 title\n\nDirected')).toBe(true);
  });
});

describe('mangled watch pages', () => {
  /**
   * The adapter seen from the watch page, so that mangling reaches what the video is read
   * through outside its root: the page's video-id and, in 2022, the secondary info.
   */
  const fromPage: SiteAdapter = {
    ...youtube,
    postId: (page) => within(page, (root) => youtube.postId(root)),
    extractPost: (page) => within(page, (root) => youtube.extractPost(root)),
    badgeAnchor: (page) => within(page, (root) => youtube.badgeAnchor(root)),
  };
  function within<T>(page: Element, read: (root: Element) => T | null): T | null {
    const root = page.querySelector(VIDEO_ROOT);
    return root === null ? null : read(root);
  }

  it('never throws, and what it returns is a valid Post', () => {
    const watchPage = page().querySelector('ytd-watch-flexy')!;
    const posts = mangleAndExtract(fromPage, [watchPage], {
      attributes: ['id', 'href', 'class', 'hidden', 'video-id', 'title'],
      values: [
        '',
        'title',
        'description',
        'channel-name',
        'owner',
        'attributed-snippet-text',
        'Vd3oQ8sLm2A',
        'Zx9-_aB3cD4',
        '/@x',
        '/channel/UC123',
        '/redirect?q=https%3A%2F%2Fx.example',
        'https://www.youtube.com/redirect?q=%E0%A4%A',
        'x'.repeat(5_000),
      ],
      wrapper: (d) => d.createElement('div'),
    });
    expect(posts).toBeGreaterThan(60);
  }, 30_000);
});
