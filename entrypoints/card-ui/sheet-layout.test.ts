// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { followViewport, isSheetViewport, layOutForViewport, SHEET_ATTRIBUTE } from './sheet-layout';

const resizeTo = (width: number) => {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
  window.dispatchEvent(new Event('resize'));
};

afterEach(() => resizeTo(1024));

describe('the sheet layout', () => {
  it('is for viewports narrower than 600 CSS px', () => {
    expect(isSheetViewport(390)).toBe(true);
    expect(isSheetViewport(599)).toBe(true);
    expect(isSheetViewport(600)).toBe(false);
    expect(isSheetViewport(1280)).toBe(false);
  });

  it('marks the host for the viewport as it is now', () => {
    const host = document.createElement('footnote-card');
    resizeTo(390);
    expect(layOutForViewport(host)).toBe(true);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(true);
    resizeTo(800);
    expect(layOutForViewport(host)).toBe(false);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(false);
  });

  it('follows the viewport as it turns, until stopped', () => {
    const host = document.createElement('footnote-thread');
    resizeTo(844);
    const stop = followViewport(host);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(false);
    resizeTo(390);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(true);
    resizeTo(844);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(false);
    stop();
    resizeTo(390);
    expect(host.hasAttribute(SHEET_ATTRIBUTE)).toBe(false);
  });
});
