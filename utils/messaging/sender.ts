import { browser, type Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender;

/** An extension page of ours (options, popup), not a content script in a web page. */
export function isOwnExtensionPage(sender: Sender | undefined): boolean {
  return sender?.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

/** Our content script, running in a tab. */
export function isOwnContentScript(sender: Sender | undefined): sender is Sender & { tab: { id: number } } {
  return (
    sender?.id === browser.runtime.id && typeof sender.tab?.id === 'number' && !isOwnExtensionPage(sender)
  );
}

/** Our background or one of our extension pages: what may send requests to a content script. */
export function isOwnExtension(sender: Sender | undefined): boolean {
  return sender?.id === browser.runtime.id && !isOwnContentScript(sender);
}
