import { browser, type Browser } from 'wxt/browser';
import { listEndpointModels } from '../ai/stream-completion';
import { NoteFailure } from '../ai/provider-errors';
import { noteError } from '../notes/note-error';
import { toEndpoint } from '../notes/provider-endpoint';
import { popupFocusItem } from '../settings/popup-focus';
import { isValidBaseUrl } from '../settings/provider-settings';
import { disableSite, enableSite } from '../sites/dynamic-sites';
import { enableableOrigin } from '../sites/site-preferences';
import {
  backgroundRequestSchema,
  type BackgroundRequest,
  type NoteHistory,
  type ProviderTestResult,
} from './protocol';
import { isOwnContentScript, isOwnExtensionPage } from './sender';

/** Built by WXT from entrypoints/card-ui/ (an unlisted script): the card's React UI. */
const CARD_UI_SCRIPT = '/card-ui.js';

type Sender = Browser.runtime.MessageSender;

/** What the router needs of the note engine. */
export interface NoteArchive {
  history(): Promise<NoteHistory['notes']>;
  clearCache(): Promise<void>;
}

/** Answers one-shot messages; each kind is accepted only from the context it belongs to. */
export function routeBackgroundMessages(archive: NoteArchive): void {
  browser.runtime.onMessage.addListener(
    (raw: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
      const parsed = backgroundRequestSchema.safeParse(raw);
      if (!parsed.success) return false;
      handle(parsed.data, sender, archive).then(sendResponse, (err: unknown) =>
        sendResponse({
          ok: false,
          error: noteError('internal', err instanceof Error ? err.message : String(err)),
        }),
      );
      return true; // the answer comes asynchronously
    },
  );
}

async function handle(request: BackgroundRequest, sender: Sender, archive: NoteArchive): Promise<unknown> {
  switch (request.type) {
    case 'provider:test':
      if (!isOwnExtensionPage(sender)) return rejected();
      return testProvider(request.draft);
    case 'card-ui:load':
      if (!isOwnContentScript(sender)) return rejected();
      // Injected into the asking frame's isolated world, never the page's: the card shares the
      // content script's globals and no page script can reach it.
      await browser.scripting.executeScript({
        target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] },
        files: [CARD_UI_SCRIPT],
      });
      return { ok: true };
    case 'notes:history':
      if (!isOwnExtensionPage(sender)) return rejected();
      return { notes: await archive.history() } satisfies NoteHistory;
    case 'notes:clear':
      if (!isOwnExtensionPage(sender)) return rejected();
      await archive.clearCache();
      return { ok: true };
    case 'sites:enable':
    case 'sites:disable': {
      if (!isOwnExtensionPage(sender)) return rejected();
      const origin = enableableOrigin(request.origin);
      if (!origin) return rejected();
      if (request.type === 'sites:enable') await enableSite(origin);
      else await disableSite(origin);
      return { ok: true };
    }
    case 'options:open':
      if (!isOwnContentScript(sender) && !isOwnExtensionPage(sender)) return rejected();
      await browser.runtime.openOptionsPage();
      return { ok: true };
    case 'popup:open':
      if (!isOwnContentScript(sender)) return rejected();
      await popupFocusItem.setValue({ tabId: sender.tab.id, postKey: request.key });
      return { ok: await openPopup() };
  }
}

async function testProvider(
  draft: Extract<BackgroundRequest, { type: 'provider:test' }>['draft'],
): Promise<ProviderTestResult> {
  if (!isValidBaseUrl(draft.baseUrl)) {
    return { ok: false, error: noteError('invalid_request', `"${draft.baseUrl}" is not an http(s) URL.`) };
  }
  try {
    return { ok: true, models: await listEndpointModels(toEndpoint(draft, draft.apiKey)) };
  } catch (err) {
    if (err instanceof NoteFailure) return { ok: false, error: err.error };
    throw err;
  }
}

/**
 * Chrome 127+ opens the popup from here; Firefox only inside a user-action handler, which a
 * message from a page is not. Either way the popup shows the post first when the reader opens it.
 */
async function openPopup(): Promise<boolean> {
  try {
    // MV2 (the Firefox build) names it browserAction.
    await (browser.action ?? browser.browserAction).openPopup();
    return true;
  } catch {
    return false;
  }
}

function rejected() {
  return {
    ok: false,
    error: noteError('invalid_request', 'This message is not accepted from this context.'),
  };
}
