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
  threadPage: () => false,
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

function observe(site: SiteAdapter = adapter, onBatch?: () => void) {
  const seen: string[] = [];
  const lifetime = new AbortController();
  const observer = new PostObserver({
    onBatch,
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
  observer.start(document.body, lifetime.signal);
  return { seen, stop: () => lifetime.abort() };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('PostObserver', () => {
  it('marks posts present at start with the stable data attribute', () => {
    document.body.append(article('1'), article('2'));
    const { seen, stop } = observe();
    expect(seen).toEqual(['x:1', 'x:2']);
    expect(
      [...document.querySelectorAll(`[${POST_ATTRIBUTE}]`)].map((el) => el.getAttribute(POST_ATTRIBUTE)),
    ).toEqual(['x:1', 'x:2']);
    stop();
  });

  it('finds posts appended later, nested or not, once per frame', async () => {
    const { seen, stop } = observe();
    const cell = document.createElement('div');
    cell.append(article('3'));
    document.body.append(cell, article('4'));
    expect(seen).toEqual([]); // nothing happens in the mutation callback itself
    await frame();
    expect(seen.sort()).toEqual(['x:3', 'x:4']);
    stop();
  });

  it('notices a recycled node whose post changed (href rewritten in place)', async () => {
    const root = article('5');
    document.body.append(root);
    const { seen, stop } = observe();
    root.querySelector('a')!.setAttribute('href', '/p/6');
    await frame();
    expect(root.getAttribute(POST_ATTRIBUTE)).toBe('x:6');
    expect(seen).toEqual(['x:5', 'x:6']);
    stop();
  });

  it('unmarks a node emptied into a placeholder', async () => {
    const root = article('7');
    document.body.append(root);
    const { stop } = observe();
    root.replaceChildren();
    await frame();
    expect(root.hasAttribute(POST_ATTRIBUTE)).toBe(false);
    stop();
  });

  it('restores a badge the page removed, and is not woken by its own insertion', async () => {
    const root = article('8');
    document.body.append(root);
    const { seen, stop } = observe();
    await frame();
    expect(seen).toEqual(['x:8']);
    root.querySelector(`.${BADGE}`)!.remove();
    await frame();
    expect(root.querySelector(`.${BADGE}`)).not.toBeNull();
    expect(seen).toEqual(['x:8', 'x:8']);
    // The badge it put back is its own change: no further batch looks at the post.
    await frame();
    await frame();
    expect(seen).toEqual(['x:8', 'x:8']);
    stop();
  });

  it('badges a new post once: its badge insertion is not a change to look at', async () => {
    let batches = 0;
    const { seen, stop } = observe(adapter, () => batches++);
    document.body.append(article('14'));
    await frame();
    await frame();
    await frame();
    expect(seen).toEqual(['x:14']);
    expect(batches).toBe(1);
    stop();
  });

  it('looks at a post again when text inside it changes, without finding anything new', async () => {
    const root = article('10');
    root.append(Object.assign(document.createElement('p'), { textContent: 'old' }));
    document.body.append(root);
    const { seen, stop } = observe();
    root.querySelector('p')!.textContent = 'new';
    await frame();
    expect(seen).toEqual(['x:10', 'x:10']);
    expect(root.getAttribute(POST_ATTRIBUTE)).toBe('x:10');
    stop();
  });

  it('finds a post added inside another only on sites whose posts nest (comment trees)', async () => {
    for (const nestedRoots of [false, true]) {
      const parent = article('11');
      document.body.append(parent);
      const { seen, stop } = observe({ ...adapter, nestedRoots });
      const reply = article('12');
      parent.append(reply);
      await frame();
      expect(seen.includes('x:12')).toBe(nestedRoots);
      stop();
      document.body.replaceChildren();
    }
  });

  it('says when a batch was processed, also one where posts only left the page', async () => {
    const root = article('13');
    document.body.append(root);
    let batches = 0;
    const { stop } = observe(adapter, () => batches++);
    expect(batches).toBe(0); // the first scan is not a batch
    root.remove();
    await frame();
    expect(batches).toBe(1);
    stop();
  });

  it('stops observing when its signal aborts', async () => {
    let batches = 0;
    const { seen, stop } = observe(adapter, () => batches++);
    document.body.append(article('9'));
    await Promise.resolve(); // the mutation callback ran: a frame is requested
    stop();
    document.body.append(article('10'));
    await frame();
    await frame();
    expect(seen).toEqual([]);
    expect(batches).toBe(0);
  });
});
