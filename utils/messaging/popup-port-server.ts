import { browser, type Browser } from 'wxt/browser';
import { POPUP_PORT_NAME } from './protocol';
import type { PopupPortMessage } from './popup-protocol';
import { isOwnExtensionPage } from './sender';

/** Sends to one open popup. */
export type SendToPopup = (message: PopupPortMessage) => void;

/**
 * Accepts the popup's ports (tabs.connect to this frame, POPUP_PORT_NAME) from our extension
 * pages until the signal aborts, then closes the ones still open. `connected` gets a popup's
 * send and returns what to do when that popup closes.
 */
export function servePopupPorts(signal: AbortSignal, connected: (send: SendToPopup) => () => void): void {
  if (signal.aborted) return;
  const open = new Set<Browser.runtime.Port>();
  const onConnect = (port: Browser.runtime.Port) => {
    if (port.name !== POPUP_PORT_NAME) return;
    if (!isOwnExtensionPage(port.sender)) return port.disconnect();
    open.add(port);
    let closed: () => void = () => {};
    const close = () => {
      if (open.delete(port)) closed();
    };
    port.onDisconnect.addListener(close);
    closed = connected((message) => {
      try {
        port.postMessage(message);
      } catch {
        close(); // the popup closed while this was on its way
      }
    });
  };
  browser.runtime.onConnect.addListener(onConnect);
  signal.addEventListener(
    'abort',
    () => {
      browser.runtime.onConnect.removeListener(onConnect);
      for (const port of open) port.disconnect();
      open.clear();
    },
    { once: true },
  );
}
