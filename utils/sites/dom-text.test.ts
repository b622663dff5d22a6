// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readText } from './dom-text';

function el(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('readText', () => {
  it('keeps literal line breaks, turns <br> into one and images into their alt', () => {
    expect(
      readText(
        el('<span>Bom dia! </span><img alt="☀️" src=""><span>\nlinha 2</span><br><span>linha 3</span>'),
      ),
    ).toBe('Bom dia! ☀️\nlinha 2\nlinha 3');
  });

  it('trims outer whitespace only', () => {
    expect(readText(el('<span>  a  </span><span> b </span>\n'))).toBe('a   b');
  });

  it('skips scripts, styles, templates and svg', () => {
    expect(
      readText(
        el('a<script>x()</script><style>.x{}</style><template>t</template><svg><title>t</title></svg>b'),
      ),
    ).toBe('ab');
  });

  it('lets the caller replace an element and its subtree', () => {
    const root = el(
      'see <a href="https://t.co/x"><span aria-hidden="true">https://</span>example.com/a<span aria-hidden="true">bc</span></a> now',
    );
    const text = readText(root, { replaceElement: (e) => (e.tagName === 'A' ? '[link]' : undefined) });
    expect(text).toBe('see [link] now');
  });

  it('separates block elements with one line break', () => {
    const root = el('<p>one</p><p>two<br></p><div><p>three</p></div>four');
    expect(readText(root, { blockTags: new Set(['P', 'DIV']) })).toBe('one\ntwo\nthree\nfour');
  });

  it('takes the blocks the caller names where the tag does not tell', () => {
    const root = el(
      '<div data-block="true">one <div><a>link</a></div> on</div><div data-block="true">two</div>',
    );
    const isBlock = (e: Element) => e.getAttribute('data-block') === 'true';
    expect(readText(root, { isBlock })).toBe('one link on\ntwo');
  });

  it('reads deep markup without recursion', () => {
    const root = document.createElement('div');
    let inner: Element = root;
    for (let i = 0; i < 2_000; i++) {
      const span = document.createElement('span');
      inner.append(span);
      inner = span;
    }
    inner.append('deep');
    expect(readText(root)).toBe('deep');
  }, 30_000);

  it('ignores comments', () => {
    expect(readText(el('a<!-- b -->c'))).toBe('ac');
  });
});
