import { browser } from 'wxt/browser';
import { requestClient, type Send } from './client';
import { TAB_REQUESTS, type RequestIn, type ResponseOf, type TabRequests, POPUP_PORT_NAME } from './protocol';
import { EXTENSION_PAGE_REQUESTS, type ExtensionPageRequests } from './extension-page-protocol';
import { popupPortMessageSchema, type PopupPortMessage } from './popup-protocol';

/*
 * The typed client of the extension's own pages (options, popup) and its background: requests to
 * the background, to a tab's content script, and the popup's subscription to a tab's posts.
 */

export type SendToBackground = Send<ExtensionPageRequests>;

export function backgroundClient(
  transport: (request: RequestIn<ExtensionPageRequests>) => Promise<unknown>,
): SendToBackground {
  return requestClient(EXTENSION_PAGE_REQUESTS, transport);
}

export function tabClient(transport: (tabId: number, request: RequestIn<TabRequests>) => Promise<unknown>) {
  /** A request to a tab's content script, answered as Send says. */
  return function sendToTab<K extends keyof TabRequests>(
    tabId: number,
    request: RequestIn<TabRequests, K> & { type: K },
  ): Promise<ResponseOf<TabRequests, K>> {
    return requestClient(TAB_REQUESTS, (sent) => transport(tabId, sent))<K>(request);
  };
}
export type SendToTab = ReturnType<typeof tabClient>;

export const sendToBackground: SendToBackground = backgroundClient((request) =>
  browser.runtime.sendMessage(request),
);

/** Only the top frame runs Footnote (content scripts are not injected into frames). */
export const sendToTab: SendToTab = tabClient((tabId, request) =>
  browser.tabs.sendMessage(tabId, request, { frameId: 0 }),
);

/** What the popup hears from its tab's content script over the popup port. */
export interface TabFeed {
  message(message: PopupPortMessage): void;
  /** Something that is not in the protocol arrived. */
  badMessage(): void;
  /** The port closed: at once when no content script listens in the tab, later when the page went away. */
  closed(): void;
}

/** Subscribes to a tab's posts (see POPUP_PORT_NAME); returns the unsubscribe. */
export type WatchTab = (tabId: number, feed: TabFeed) => () => void;

export const watchTab: WatchTab = (tabId, feed) => {
  const port = browser.tabs.connect(tabId, { name: POPUP_PORT_NAME, frameId: 0 });
  port.onMessage.addListener((raw: unknown) => {
    const parsed = popupPortMessageSchema.safeParse(raw);
    if (parsed.success) feed.message(parsed.data);
    else feed.badMessage();
  });
  port.onDisconnect.addListener(() => feed.closed());
  return () => port.disconnect();
};
