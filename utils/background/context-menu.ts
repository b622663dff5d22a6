import { i18n } from '#i18n';
import { browser, type Browser } from 'wxt/browser';
import { SITE_IDS, type SiteId } from '../core/post';
import { tabClient } from '../messaging/extension-client';
import { disabledSitesItem, enabledOriginsItem } from '../settings/site-items';
import { originPermission } from '../settings/site-origins';
import { siteMatches, type BuiltInSite } from '../sites/site-matches';
import { checkSelection } from './selection-check';

export const CHECK_POST_MENU = 'footnote-check-post';
export const CHECK_SELECTION_MENU = 'footnote-check-selection';

/** The selected text can be checked on any web page. */
const ANY_PAGE = ['https://*/*', 'http://*/*'];

/**
 * Where "Footnote: check this post" is offered: where Footnote runs, the built-in sites the
 * reader did not switch off and the origins they enabled.
 */
export function postMenuPatterns(
  enabledOrigins: readonly string[],
  disabledSites: readonly SiteId[],
): string[] {
  const sites = SITE_IDS.filter(
    (site): site is BuiltInSite => site !== 'generic' && !disabledSites.includes(site),
  );
  return [...sites.flatMap(siteMatches), ...enabledOrigins.map(originPermission)];
}

/**
 * The page's context menu: "Footnote: check this post" opens the card of the post right-clicked
 * (the frame's content script knows which), "Footnote: check the selected text" makes the
 * selection a post, on any page. The items are made again at every start (removed first, so
 * this is idempotent; Firefox forgets them on restart) and when the sites Footnote runs on change.
 */
export function serveContextMenu(): void {
  // Firefox for Android has no context menus for extensions.
  if (!browser.contextMenus) return;
  browser.contextMenus.onClicked.addListener((info, tab) => void menuClicked(info, tab));
  // One at a time: two makings at once would both remove, then create each item twice.
  let syncing = Promise.resolve();
  const sync = () => {
    syncing = syncing.then(createMenus).catch(() => {
      // The menu stays as it was; the next start or change of sites makes it again.
    });
  };
  sync();
  enabledOriginsItem.watch(sync);
  disabledSitesItem.watch(sync);
}

async function createMenus(): Promise<void> {
  const [origins, disabled] = await Promise.all([
    enabledOriginsItem.getValue(),
    disabledSitesItem.getValue(),
  ]);
  const postPages = postMenuPatterns(origins, disabled);
  await browser.contextMenus.removeAll();
  // No patterns would mean every page: with every site switched off, there is no post to check.
  if (postPages.length > 0) {
    await createMenu({
      id: CHECK_POST_MENU,
      title: i18n.t('contextMenu.checkPost'),
      contexts: ['page', 'link', 'image', 'video'],
      documentUrlPatterns: postPages,
    });
  }
  await createMenu({
    id: CHECK_SELECTION_MENU,
    title: i18n.t('contextMenu.checkSelection'),
    contexts: ['selection'],
    documentUrlPatterns: ANY_PAGE,
  });
}

/** contextMenus.create reports through its callback, not a promise. */
function createMenu(properties: Browser.contextMenus.CreateProperties): Promise<void> {
  return new Promise((resolve, reject) => {
    browser.contextMenus.create(properties, () => {
      const error = browser.runtime.lastError;
      if (error) reject(new Error(error.message));
      else resolve();
    });
  });
}

async function menuClicked(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return; // not a web page's tab
  const frame = { tabId, frameId: info.frameId ?? 0 };
  try {
    if (info.menuItemId === CHECK_POST_MENU) {
      const sendToFrame = tabClient((id, request) =>
        browser.tabs.sendMessage(id, request, { frameId: frame.frameId }),
      );
      await sendToFrame(tabId, { type: 'menu:check-post' });
    } else if (info.menuItemId === CHECK_SELECTION_MENU) {
      await checkSelection(frame, info.selectionText ?? '');
    }
  } catch {
    // Footnote cannot act in that frame (switched off there, a page it may not script, a tab
    // opened before it was installed): the click has nothing to act on.
  }
}
