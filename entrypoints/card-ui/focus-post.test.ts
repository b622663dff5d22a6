// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { focusPost, HIGHLIGHT_ATTRIBUTE, HIGHLIGHT_MS, releaseFocusedPosts } from './focus-post';

const scrollIntoView = vi.fn();
let reducedMotion = false;

function addPost(key: string, tag = 'div'): HTMLElement {
  const root = document.createElement(tag);
  root.setAttribute(POST_ATTRIBUTE, key);
  root.textContent = `Comment ${key}`;
  document.body.append(root);
  return root;
}

beforeEach(() => {
  vi.useFakeTimers();
  reducedMotion = false;
  scrollIntoView.mockClear();
  // jsdom lays nothing out: no scrolling, no media queries.
  Element.prototype.scrollIntoView = scrollIntoView;
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: reducedMotion && query.includes('reduce') }));
});
afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('going to a comment from the digest', () => {
  it('scrolls it to the middle of the view, focuses it without scrolling again, and marks it for a while', () => {
    const root = addPost('x:2');
    const focus = vi.spyOn(root, 'focus');
    expect(focusPost('x:2')).toBe(true);
    expect(scrollIntoView).toHaveBeenCalledWith({ block: 'center', behavior: 'smooth' });
    expect(scrollIntoView.mock.contexts[0]).toBe(root);
    expect(root.getAttribute('tabindex')).toBe('-1'); // a div is not focusable by itself
    expect(focus).toHaveBeenCalledWith({ preventScroll: true });
    expect(document.activeElement).toBe(root);
    expect(root.hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(true);
    vi.advanceTimersByTime(HIGHLIGHT_MS - 1);
    expect(root.hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(true);
    vi.advanceTimersByTime(1);
    expect(root.hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(false);
  });

  it("leaves a post's own tabindex alone, and jumps without animation for reduced motion", () => {
    reducedMotion = true;
    const root = addPost('x:3', 'article');
    root.tabIndex = 0; // X's posts are focusable already
    expect(focusPost('x:3')).toBe(true);
    expect(root.getAttribute('tabindex')).toBe('0');
    expect(scrollIntoView).toHaveBeenCalledWith({ block: 'center', behavior: 'auto' });
    expect(document.activeElement).toBe(root);
  });

  it('marks it afresh when gone to again: the mark lasts from the last visit', () => {
    const root = addPost('x:4');
    focusPost('x:4');
    vi.advanceTimersByTime(HIGHLIGHT_MS - 500);
    focusPost('x:4');
    vi.advanceTimersByTime(HIGHLIGHT_MS - 1);
    expect(root.hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(true);
    vi.advanceTimersByTime(1);
    expect(root.hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says so when the comment is no longer on the page', () => {
    addPost('x:1');
    expect(focusPost('x:9')).toBe(false);
    expect(scrollIntoView).not.toHaveBeenCalled();
    expect(document.querySelector(`[${HIGHLIGHT_ATTRIBUTE}]`)).toBeNull();
  });

  it('gives the page back as it was when Footnote stops: its tabindex and mark go, a tabindex of its own stays', () => {
    const plain = addPost('x:5');
    const link = addPost('x:6', 'a');
    link.setAttribute('href', 'https://x.com/a/status/6');
    link.setAttribute('tabindex', '0');
    focusPost('x:5');
    focusPost('x:6');
    releaseFocusedPosts();
    expect(plain.hasAttribute('tabindex')).toBe(false);
    expect(plain.hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(false);
    expect(link.getAttribute('tabindex')).toBe('0');
    expect(link.hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(false);
  });
});
