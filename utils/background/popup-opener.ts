import { browser } from 'wxt/browser';
import { popupFocusItem } from '../settings/popup-focus';

/**
 * "Open in popup" from a card: the popup shows this post of the tab first, and opens now where
 * the browser allows it. Chrome 127+ opens the popup from here; Firefox only inside a
 * user-action handler, which a message from a page is not. Answers whether it opened.
 */
export async function showInPopup(tabId: number, postKey: string): Promise<boolean> {
  await popupFocusItem.setValue({ tabId, postKey });
  try {
    // MV2 (the Firefox build) names it browserAction.
    await (browser.action ?? browser.browserAction).openPopup();
    return true;
  } catch {
    return false;
  }
}
