import { browser, type Browser } from 'wxt/browser';
import { requestType, TAB_REQUESTS, type RequestOf, type ResponseIn, type TabRequests } from './protocol';
import { isOwnExtension } from './sender';

/** What a content script does for each request, answered at once with its response type. */
export type TabHandlers = {
  [K in keyof TabRequests]: (request: RequestOf<TabRequests, K>) => ResponseIn<TabRequests, K>;
};

/**
 * Answers the extension's requests to this frame (tabs.sendMessage) until the signal aborts:
 * validated, from our background or extension pages only.
 */
export function serveTabRequests(handlers: TabHandlers, signal: AbortSignal): void {
  if (signal.aborted) return;
  const listener = (
    raw: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (answer: unknown) => void,
  ): false => {
    const type = requestType(TAB_REQUESTS, raw);
    if (type === null || !isOwnExtension(sender)) return false;
    const answer = handle(type, raw, handlers);
    if (answer !== null) sendResponse(answer);
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}

function handle<K extends keyof TabRequests>(
  type: K,
  raw: unknown,
  handlers: TabHandlers,
): ResponseIn<TabRequests, K> | null {
  const parsed = TAB_REQUESTS[type].request.safeParse(raw);
  return parsed.success ? handlers[type](parsed.data) : null;
}
