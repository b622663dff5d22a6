// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readFlowText, readPostText } from './post-text';

const element = (html: string) => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('readFlowText (white-space: normal)', () => {
  it.each([
    ['collapses source whitespace', '<p>\n   one\n   two  </p>', 'one two'],
    [
      'separates paragraphs by a blank line, whatever whitespace is between them',
      '<p>a</p>\n\n   <p>b</p>',
      'a\n\nb',
    ],
    ['reads unclosed <p> (HN)', 'first<p>second<p>third', 'first\n\nsecond\n\nthird'],
    ['gives each <br> a line', 'a<br>b<br><br>c', 'a\nb\n\nc'],
    ['a <br> before a block end adds no extra line', '<div>a<br></div><div>b</div>', 'a\nb'],
    [
      'puts div and li blocks on their own lines',
      '<div>a</div><div>b</div><ul><li>c</li><li>d</li></ul>',
      'a\nb\n\nc\nd',
    ],
    [
      'keeps <pre> verbatim, first-line indentation included',
      '<p>x</p><pre><code>  if a:\n      b()\n</code></pre>y',
      'x\n\n  if a:\n      b()\n\ny',
    ],
    ['keeps non-breaking spaces', 'a&nbsp;&nbsp;b', 'a\u00a0\u00a0b'],
    ['reads emoji images as their alt', '<p>hi <img alt="🙂"></p>', 'hi 🙂'],
    ['skips scripts and styles', '<p>a<script>x()</script><style>p{}</style>b</p>', 'ab'],
  ])('%s', (_name, html, expected) => expect(readFlowText(element(html))).toBe(expected));

  it('survives deeply nested blocks', () => {
    let html = 'deep';
    for (let i = 0; i < 3_000; i++) html = `<div>${html}</div>`;
    expect(readFlowText(element(html))).toBe('deep');
  }, 30_000);
});

describe('readPostText', () => {
  const linkTarget = (a: Element) => {
    const href = a.getAttribute('href') ?? '';
    return href.startsWith('https://') ? href : null;
  };

  it('shows a link that spells its URL as the full target, and keeps words on other links', () => {
    const body = element(
      '<p>See <a href="https://example.org/a/very/long/path">example.org/a/very/lo…</a>, ' +
        '<a href="https://example.org/study">this study</a> and <a href="/u/someone">u/someone</a>.</p>',
    );
    expect(readPostText(body, { flow: true, linkTarget })).toEqual({
      text: 'See https://example.org/a/very/long/path, this study and u/someone.',
      links: ['https://example.org/a/very/long/path', 'https://example.org/study'],
      clipped: false,
    });
  });

  it('leaves out skipped elements, lists each link once, and caps the links', () => {
    const anchors = Array.from({ length: 60 }, (_, i) => `<a href="https://example.org/${i}">x</a>`).join(
      ' ',
    );
    const body = element(
      `<span class="hidden">hashtag</span>#tag <a href="https://example.org/0">x</a> ${anchors}`,
    );
    const read = readPostText(body, {
      flow: false,
      linkTarget,
      skip: (el) => el.classList.contains('hidden'),
    });
    expect(read.text.startsWith('#tag x x')).toBe(true);
    expect(read.links).toHaveLength(50);
    expect(new Set(read.links).size).toBe(50);
  });

  it('clips text over the Post limit without splitting an emoji, and says so', () => {
    const read = readPostText(element(`<p>${'😀'.repeat(15_000)}</p>`), { flow: true, linkTarget });
    expect(read.clipped).toBe(true);
    expect(read.text.length).toBeLessThanOrEqual(20_000);
    expect(read.text.endsWith('😀')).toBe(true);
  });

  it('gives empty text for no body', () => {
    expect(readPostText(null, { flow: true, linkTarget })).toEqual({ text: '', links: [], clipped: false });
  });
});
