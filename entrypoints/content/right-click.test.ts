// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import type { CardController } from './card-controller';
import { checkRightClickedPost, trackRightClick } from './right-click';

vi.mock('#i18n', () => ({ i18n: { t: (key: string) => key } }));

const card = { open: vi.fn(), explain: vi.fn() };
const controller = card as unknown as CardController;

beforeEach(() => {
  card.open.mockClear();
  card.explain.mockClear();
  document.body.innerHTML = `
    <header id="top">Home</header>
    <article ${POST_ATTRIBUTE}="x:1"><p id="text">Bom dia!</p></article>`;
});
afterEach(() => document.body.replaceChildren());

const rightClick = (el: Element) =>
  el.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2 }));

describe('trackRightClick', () => {
  it('remembers what was right-clicked last, until the session stops', () => {
    const session = new AbortController();
    const rightClicked = trackRightClick(session.signal);
    expect(rightClicked()).toBeNull();
    rightClick(document.querySelector('#text')!);
    expect(rightClicked()).toBe(document.querySelector('#text'));
    rightClick(document.querySelector('#top')!);
    expect(rightClicked()).toBe(document.querySelector('#top'));

    session.abort();
    rightClick(document.querySelector('#text')!);
    expect(rightClicked()).toBe(document.querySelector('#top'));
  });
});

describe('checkRightClickedPost', () => {
  it('opens the card of the post the target is in, pinned', () => {
    expect(checkRightClickedPost(controller, document.querySelector('#text'))).toBe(true);
    expect(card.open).toHaveBeenCalledWith(document.querySelector('article'), true);
    expect(card.explain).not.toHaveBeenCalled();
  });

  it('says beside the target that no post is there', () => {
    const header = document.querySelector('#top')!;
    expect(checkRightClickedPost(controller, header)).toBe(false);
    expect(card.open).not.toHaveBeenCalled();
    expect(card.explain).toHaveBeenCalledWith(
      header,
      expect.objectContaining({ code: 'invalid_request', message: 'contextMenu.noPost', action: null }),
    );
  });

  it('says so beside the page when nothing was right-clicked, or it left the page', () => {
    const gone = document.querySelector('#text')!;
    gone.closest('article')!.remove();
    expect(checkRightClickedPost(controller, gone)).toBe(false);
    expect(checkRightClickedPost(controller, null)).toBe(false);
    expect(card.open).not.toHaveBeenCalled();
    expect(card.explain.mock.calls.map(([anchor]) => anchor)).toEqual([document.body, document.body]);
  });
});
