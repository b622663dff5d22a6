import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { TabFrame } from '../messaging/background-router';

/**
 * The badge's colours: the card's warning amber (--fn-warn), with white text at 6:1. Amber as a
 * flagged post's badge on the page is, so the number reads as "flagged", not "unread".
 */
export const TOOLBAR_BADGE_COLOUR = '#8f5200';
const TOOLBAR_BADGE_TEXT_COLOUR = '#ffffff';
/** Beyond this the badge says "99+" (it has room for about four characters); the title has the number. */
const BADGE_MAX = 99;

/**
 * What the toolbar button of a tab shows for `count` flagged posts on its page: the number and a
 * title that says what it means, or, at 0, no badge and the extension's name.
 */
export function flaggedBadge(count: number): { text: string; title: string } {
  if (count === 0) return { text: '', title: browser.runtime.getManifest().name };
  return {
    text: count > BADGE_MAX ? `${BADGE_MAX}+` : String(count),
    title: i18n.t('toolbar.flagged', count),
  };
}

/**
 * Shows on a tab's toolbar button how many of its page's posts are flagged, as the page's content
 * script counted them (entrypoints/content/flagged-count.ts). Only the tab's top frame speaks for
 * the page. The settings are the tab's own: the browser drops them when the tab navigates to
 * another document or closes.
 */
export async function showFlaggedCount({ tabId, frameId }: TabFrame, count: number): Promise<void> {
  if (frameId !== 0) return;
  // MV2 (the Firefox build) names it browserAction.
  const action = browser.action ?? browser.browserAction;
  const { text, title } = flaggedBadge(count);
  await Promise.all([
    action.setBadgeText({ tabId, text }),
    action.setTitle({ tabId, title }),
    ...(count > 0
      ? [
          action.setBadgeBackgroundColor({ tabId, color: TOOLBAR_BADGE_COLOUR }),
          action.setBadgeTextColor({ tabId, color: TOOLBAR_BADGE_TEXT_COLOUR }),
        ]
      : []),
  ]);
}
