// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { placeCard } from './card-placement';
import { SHEET_ATTRIBUTE } from './sheet-layout';

const viewport = (width: number) =>
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });

afterEach(() => viewport(1024));

function cardBesidePost(): { host: HTMLElement; badge: HTMLElement } {
  const post = document.createElement('article');
  post.setAttribute('data-footnote-post', 'x:1');
  const badge = document.createElement('button');
  post.append(badge);
  const host = document.createElement('footnote-card');
  document.body.replaceChildren(post, host);
  return { host, badge };
}

describe('placeCard', () => {
  it('makes the card a bottom sheet on a narrow viewport, left to card.css to lay out', () => {
    viewport(390);
    const { host, badge } = cardBesidePost();
    placeCard(host, badge);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(true);
    expect(host.style.getPropertyValue('left')).toBe('');
    expect(host.style.getPropertyValue('top')).toBe('');
  });

  it('floats the card by its post again once the viewport is wide', () => {
    viewport(390);
    const { host, badge } = cardBesidePost();
    placeCard(host, badge);
    viewport(1280);
    placeCard(host, badge);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(false);
    expect(host.style.getPropertyValue('left')).toMatch(/^\d+px$/);
    expect(host.style.getPropertyValue('top')).toMatch(/^\d+px$/);
  });
});
