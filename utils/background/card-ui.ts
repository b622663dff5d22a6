import { browser } from 'wxt/browser';
import type { TabFrame } from '../messaging/background-router';

/** Built by WXT from entrypoints/card-ui/ (an unlisted script): the card's React UI. */
const CARD_UI_SCRIPT = '/card-ui.js';

/**
 * Injects the card UI into the asking frame's isolated world, never the page's: the card shares
 * the content script's globals and no page script can reach it.
 */
export async function injectCardUi({ tabId, frameId }: TabFrame): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [CARD_UI_SCRIPT] });
}
