import { beforeEach, describe, expect, it, vi } from 'vitest';

const action = vi.hoisted(() => ({
  setBadgeText: vi.fn(async (_details: { tabId: number; text: string }) => {}),
  setTitle: vi.fn(async (_details: { tabId: number; title: string }) => {}),
  setBadgeBackgroundColor: vi.fn(async (_details: { tabId: number; color: string }) => {}),
  setBadgeTextColor: vi.fn(async (_details: { tabId: number; color: string }) => {}),
}));
vi.mock('wxt/browser', () => ({
  browser: { action, runtime: { getManifest: () => ({ name: 'Footnote' }) } },
}));
vi.mock('#i18n', () => import('../../test-support/english-i18n'));
const { flaggedBadge, showFlaggedCount, TOOLBAR_BADGE_COLOUR } = await import('./action-badge');

describe('flaggedBadge', () => {
  it('shows the number, and a title that says what it counts, with its plural', () => {
    expect(flaggedBadge(1)).toEqual({ text: '1', title: 'Footnote: 1 post on this page may be misleading' });
    expect(flaggedBadge(3)).toEqual({ text: '3', title: 'Footnote: 3 posts on this page may be misleading' });
  });

  it('keeps the badge short past 99; the title has the number', () => {
    expect(flaggedBadge(99).text).toBe('99');
    expect(flaggedBadge(250)).toEqual({
      text: '99+',
      title: 'Footnote: 250 posts on this page may be misleading',
    });
  });

  it('shows no badge at 0, and the extension name as the title', () => {
    expect(flaggedBadge(0)).toEqual({ text: '', title: 'Footnote' });
  });
});

describe('showFlaggedCount', () => {
  beforeEach(() => {
    for (const method of Object.values(action)) method.mockClear();
  });

  it("sets the count, title and colours on the sender's tab only", async () => {
    await showFlaggedCount({ tabId: 7, frameId: 0 }, 2);
    expect(action.setBadgeText).toHaveBeenCalledWith({ tabId: 7, text: '2' });
    expect(action.setTitle).toHaveBeenCalledWith({
      tabId: 7,
      title: 'Footnote: 2 posts on this page may be misleading',
    });
    expect(action.setBadgeBackgroundColor).toHaveBeenCalledWith({ tabId: 7, color: TOOLBAR_BADGE_COLOUR });
    expect(action.setBadgeTextColor).toHaveBeenCalledWith({ tabId: 7, color: '#ffffff' });
  });

  it('clears the badge and the title at 0', async () => {
    await showFlaggedCount({ tabId: 7, frameId: 0 }, 0);
    expect(action.setBadgeText).toHaveBeenCalledWith({ tabId: 7, text: '' });
    expect(action.setTitle).toHaveBeenCalledWith({ tabId: 7, title: 'Footnote' });
    expect(action.setBadgeBackgroundColor).not.toHaveBeenCalled();
  });

  it('ignores a subframe: the top frame speaks for the page', async () => {
    await showFlaggedCount({ tabId: 7, frameId: 3 }, 5);
    for (const method of Object.values(action)) expect(method).not.toHaveBeenCalled();
  });
});
