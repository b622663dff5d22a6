// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteAdapter } from '../sites/site-adapter';
import { POST_ATTRIBUTE, PostObserver } from './post-observer';

/** A minimal site: <article class="post"><a class="permalink" href="/p/ID">…</a></article>. */
const adapter: SiteAdapter = {
  id: 'x',
  postRootSelector: 'article.post',
  matchesLocation: () => true,
  postId: (root) =>
    root
      .querySelector('a.permalink')
      ?.getAttribute('href')
      ?.match(/^\/p\/(\d+)$/)?.[1] ?? null,
  extractPost: () => null,
  badgeAnchor: (root) => ({ parent: root, before: null }),
  expectsPosts: () => true,
  probes: {},
};

const BADGE = 'test-badge';
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function article(id: string | null): HTMLElement {
  const el = document.createElement('article');
  el.className = 'post';
  if (id) {
    const link = document.createElement('a');
    link.className = 'permalink';
    link.href = `/p/${id}`;
    el.append(link);
  }
  return el;
}

function observe(site: SiteAdapter = adapter) {
  const seen: string[] = [];
  const observer = new PostObserver({
    adapter: site,
    onPost: (root, key) => {
      seen.push(key);
      if (!root.querySelector(`.${BADGE}`)) {
        const badge = document.createElement('button');
        badge.className = BADGE;
        root.append(badge);
      }
    },
  });
  observer.start(document.body);
  return { seen, observer };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('PostObserver', () => {
  it('marks posts present at start with the stable data attribute', () => {
    document.body.append(article('1'), article('2'));
    const { seen, observer } = observe();
    expect(seen).toEqual(['x:1', 'x:2']);
    expect(
      [...document.querySelectorAll(`[${POST_ATTRIBUTE}]`)].map((el) => el.getAttribute(POST_ATTRIBUTE)),
    ).toEqual(['x:1', 'x:2']);
    observer.stop();
  });

  it('finds posts appended later, nested or not, once per frame', async () => {
    const { seen, observer } = observe();
    const cell = document.createElement('div');
    cell.append(article('3'));
    document.body.append(cell, article('4'));
    expect(seen).toEqual([]); // nothing happens in the mutation callback itself
    await frame();
    expect(seen.sort()).toEqual(['x:3', 'x:4']);
    observer.stop();
  });

  it('notices a recycled node whose post changed (href rewritten in place)', async () => {
    const root = article('5');
    document.body.append(root);
    const { seen, observer } = observe();
    root.querySelector('a')!.setAttribute('href', '/p/6');
    await frame();
    expect(root.getAttribute(POST_ATTRIBUTE)).toBe('x:6');
    expect(seen).toEqual(['x:5', 'x:6']);
    observer.stop();
  });

  it('unmarks a node emptied into a placeholder', async () => {
    const root = article('7');
    document.body.append(root);
    const { observer } = observe();
    root.replaceChildren();
    await frame();
    expect(root.hasAttribute(POST_ATTRIBUTE)).toBe(false);
    observer.stop();
  });

  it('restores a badge the page removed, and settles after inserting it', async () => {
    const root = article('8');
    document.body.append(root);
    const { seen, observer } = observe();
    await frame();
    expect(seen).toEqual(['x:8']);
    root.querySelector(`.${BADGE}`)!.remove();
    await frame();
    expect(root.querySelector(`.${BADGE}`)).not.toBeNull();
    // The re-inserted badge makes the post looked at once more (it finds the badge), then nothing.
    await frame();
    await frame();
    const settled = seen.length;
    expect(settled).toBeLessThanOrEqual(3);
    await frame();
    await frame();
    expect(seen).toHaveLength(settled);
    expect(new Set(seen)).toEqual(new Set(['x:8']));
    observer.stop();
  });

  it('looks at a post again when text inside it changes, without finding anything new', async () => {
    const root = article('10');
    root.append(Object.assign(document.createElement('p'), { textContent: 'old' }));
    document.body.append(root);
    const { seen, observer } = observe();
    root.querySelector('p')!.textContent = 'new';
    await frame();
    expect(seen).toEqual(['x:10', 'x:10']);
    expect(root.getAttribute(POST_ATTRIBUTE)).toBe('x:10');
    observer.stop();
  });

  it('finds a post added inside another only on sites whose posts nest (comment trees)', async () => {
    for (const nestedRoots of [false, true]) {
      const parent = article('11');
      document.body.append(parent);
      const { seen, observer } = observe({ ...adapter, nestedRoots });
      const reply = article('12');
      parent.append(reply);
      await frame();
      expect(seen.includes('x:12')).toBe(nestedRoots);
      observer.stop();
      document.body.replaceChildren();
    }
  });

  it('stops observing when stopped', async () => {
    const { seen, observer } = observe();
    observer.stop();
    document.body.append(article('9'));
    await frame();
    expect(seen).toEqual([]);
  });
});
