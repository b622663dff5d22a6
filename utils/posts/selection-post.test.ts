// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { POST_TEXT_MAX } from '../core/post';
import { postSchema } from '../core/post-schema';
import { selectionPost } from './selection-post';

const ARTICLE_URL = 'https://news.example.org/2026/10/dam-report';

/** Makes the test window's document this page, at this address. */
function mountPage(url: string, head: string, body: string): void {
  (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url });
  document.documentElement.removeAttribute('lang');
  document.head.innerHTML = head;
  document.body.innerHTML = body;
}

/** A range from the start of one element's text to the end of another's. */
function rangeOver(first: string, last: string = first): Range {
  const range = document.createRange();
  range.setStart(document.querySelector(first)!.firstChild!, 0);
  const end = document.querySelector(last)!;
  range.setEndAfter(end.lastChild!);
  return range;
}

const ARTICLE_HEAD = `
  <title>Dam report: what the  figures say</title>
  <meta name="description" content="The regional water agency published its yearly report.">
  <meta property="og:site_name" content="Example News">
  <meta property="article:published_time" content="2026-10-05T15:41:09+00:00">`;

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('selectionPost', () => {
  it('makes the selected text a post by the site, with the page as its context', () => {
    mountPage(
      ARTICLE_URL,
      ARTICLE_HEAD,
      `<article lang="pt-BR">
         <p id="a">A barragem <a href="/dados">armazena 90%</a> da água da região.</p>
         <p id="b">Segundo <a href="https://agency.example.gov/report">o relatório</a>, <a href="javascript:void 0">isto</a> mudou.</p>
       </article>
       <p><a href="https://elsewhere.example/">not selected</a></p>`,
    );
    const text = 'A barragem armazena 90% da água da região.\n\nSegundo o relatório, isto mudou.';
    const post = selectionPost(document, { text: `  ${text}\n`, range: rangeOver('#a', '#b') })!;

    expect(postSchema.safeParse(post).success).toBe(true);
    expect(post).toMatchObject({
      site: 'generic',
      url: ARTICLE_URL,
      author: { name: 'Example News', handle: 'news.example.org' },
      time: '2026-10-05T15:41:09.000Z',
      text,
      lang: 'pt-BR',
      truncated: false,
      links: ['https://news.example.org/dados', 'https://agency.example.gov/report'],
      quoted: null,
      replyTo: [],
      media: { imageAlts: [], hasVideo: false },
    });
    expect(post.id).toMatch(/^selection-[0-9a-z]+$/);
    expect(post.parent).toEqual({
      id: null,
      url: ARTICLE_URL,
      author: { name: 'Example News', handle: 'news.example.org' },
      time: '2026-10-05T15:41:09.000Z',
      text: 'Dam report: what the figures say\n\nThe regional water agency published its yearly report.',
      lang: null,
      truncated: false,
      media: { imageAlts: [], hasVideo: false },
    });
  });

  it('keeps the link a selection lies within', () => {
    mountPage(
      ARTICLE_URL,
      ARTICLE_HEAD,
      '<p><a id="l" href="https://agency.example.gov/r">the agency said</a></p>',
    );
    const range = document.createRange();
    range.setStart(document.querySelector('#l')!.firstChild!, 4);
    range.setEnd(document.querySelector('#l')!.firstChild!, 10);
    expect(selectionPost(document, { text: 'agency', range })?.links).toEqual([
      'https://agency.example.gov/r',
    ]);
  });

  it('gives the same words on the same page the same id, whatever the fragment', () => {
    mountPage(ARTICLE_URL, ARTICLE_HEAD, '');
    const id = selectionPost(document, { text: 'The dam holds 90%.', range: null })!.id;
    expect(selectionPost(document, { text: 'The dam holds 90%. ', range: null })!.id).toBe(id);
    expect(selectionPost(document, { text: 'The dam holds 80%.', range: null })!.id).not.toBe(id);

    mountPage(`${ARTICLE_URL}#:~:text=dam`, ARTICLE_HEAD, '');
    expect(selectionPost(document, { text: 'The dam holds 90%.', range: null })!.id).toBe(id);
    mountPage(`${ARTICLE_URL}-2`, ARTICLE_HEAD, '');
    expect(selectionPost(document, { text: 'The dam holds 90%.', range: null })!.id).not.toBe(id);
  });

  it('names the host, without www., and gives the address as context on a page with no title', () => {
    mountPage('https://www.example.com/notes?id=3', '', '');
    document.documentElement.setAttribute('lang', 'es');
    const post = selectionPost(document, { text: 'El embalse está al 90%.', range: null })!;
    expect(post.author).toEqual({ name: 'example.com', handle: 'example.com' });
    expect(post.lang).toBe('es');
    expect(post.links).toEqual([]);
    expect(post.parent?.text).toBe('https://www.example.com/notes?id=3');
  });

  it('clips a long selection to the post text cap and says it did', () => {
    mountPage(ARTICLE_URL, ARTICLE_HEAD, '');
    const post = selectionPost(document, { text: 'word '.repeat(POST_TEXT_MAX), range: null })!;
    expect(post.text.length).toBeLessThanOrEqual(POST_TEXT_MAX);
    expect(post.truncated).toBe(true);
    expect(postSchema.safeParse(post).success).toBe(true);
  });

  it('makes no post of an empty selection', () => {
    mountPage(ARTICLE_URL, ARTICLE_HEAD, '');
    expect(selectionPost(document, { text: ' \n\t ', range: null })).toBeNull();
  });
});
