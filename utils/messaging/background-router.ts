import { browser, type Browser } from 'wxt/browser';
import { noteError } from '../core/note-error';
import { MessageRefusedError } from './message-errors';
import {
  CONTENT_SCRIPT_REQUESTS,
  requestType,
  type ContentScriptRequests,
  type MessageFailure,
  type RequestOf,
  type ResponseIn,
} from './protocol';
import { EXTENSION_PAGE_REQUESTS, type ExtensionPageRequests } from './extension-page-protocol';
import { isOwnContentScript, isOwnExtensionPage } from './sender';

/** The frame a content script's request came from. */
export interface TabFrame {
  tabId: number;
  frameId: number;
}

/**
 * What the background does for each request, by the kind of sender it accepts it from (the
 * protocol lists each kind's requests): each handler answers with its request's response type,
 * or throws (a MessageRefusedError to answer with that error).
 */
export interface BackgroundHandlers {
  extensionPage: {
    [K in keyof ExtensionPageRequests]: (
      request: RequestOf<ExtensionPageRequests, K>,
    ) => Promise<ResponseIn<ExtensionPageRequests, K>>;
  };
  contentScript: {
    [K in keyof ContentScriptRequests]: (
      request: RequestOf<ContentScriptRequests, K>,
      from: TabFrame,
    ) => Promise<ResponseIn<ContentScriptRequests, K>>;
  };
}

type Sender = Browser.runtime.MessageSender;

/**
 * Answers one-shot messages: validates each, accepts it only from the context it belongs to, and
 * hands it to its handler. A message that is not in the protocol gets no answer at all.
 */
export function routeBackgroundMessages(handlers: BackgroundHandlers): void {
  browser.runtime.onMessage.addListener(
    (raw: unknown, sender: Sender, sendResponse: (answer: unknown) => void) => {
      const answer = route(raw, sender, handlers);
      if (answer === null) return false;
      answer.then(sendResponse, (err: unknown) => sendResponse(failure(err)));
      return true; // the answer comes asynchronously
    },
  );
}

function route(raw: unknown, sender: Sender, handlers: BackgroundHandlers): Promise<unknown> | null {
  if (isOwnExtensionPage(sender)) {
    const type = requestType(EXTENSION_PAGE_REQUESTS, raw);
    if (type !== null) return fromPage(type, raw, handlers.extensionPage);
  } else if (isOwnContentScript(sender)) {
    const type = requestType(CONTENT_SCRIPT_REQUESTS, raw);
    if (type !== null)
      return fromContentScript(type, raw, handlers.contentScript, {
        tabId: sender.tab.id,
        frameId: sender.frameId ?? 0,
      });
  }
  // A well-formed request, from a context it is not accepted from.
  if (!isWellFormed(raw)) return null;
  return Promise.reject(
    new MessageRefusedError(noteError('invalid_request', 'This message is not accepted from this context.')),
  );
}

function isWellFormed(raw: unknown): boolean {
  const page = requestType(EXTENSION_PAGE_REQUESTS, raw);
  if (page !== null) return EXTENSION_PAGE_REQUESTS[page].request.safeParse(raw).success;
  const content = requestType(CONTENT_SCRIPT_REQUESTS, raw);
  return content !== null && CONTENT_SCRIPT_REQUESTS[content].request.safeParse(raw).success;
}

function fromPage<K extends keyof ExtensionPageRequests>(
  type: K,
  raw: unknown,
  handlers: BackgroundHandlers['extensionPage'],
): Promise<ResponseIn<ExtensionPageRequests, K>> | null {
  const parsed = EXTENSION_PAGE_REQUESTS[type].request.safeParse(raw);
  return parsed.success ? handlers[type](parsed.data) : null;
}

function fromContentScript<K extends keyof ContentScriptRequests>(
  type: K,
  raw: unknown,
  handlers: BackgroundHandlers['contentScript'],
  from: TabFrame,
): Promise<ResponseIn<ContentScriptRequests, K>> | null {
  const parsed = CONTENT_SCRIPT_REQUESTS[type].request.safeParse(raw);
  return parsed.success ? handlers[type](parsed.data, from) : null;
}

function failure(err: unknown): MessageFailure {
  if (err instanceof MessageRefusedError) return { ok: false, error: err.error };
  return { ok: false, error: noteError('internal', err instanceof Error ? err.message : String(err)) };
}
