import { browser } from 'wxt/browser';
import type { BackgroundHandlers } from '../messaging/background-router';
import type { ResponseIn } from '../messaging/protocol';
import type { ExtensionPageRequests, NoteHistory } from '../messaging/extension-page-protocol';
import { showFlaggedCount } from './action-badge';
import { injectCardUi } from './card-ui';
import { eraseAll, footnoteData } from './delete-all-data';
import { showInPopup } from './popup-opener';
import { storedImageCapabilities } from './stored-image-capabilities';
import { testProvider } from './provider-test';
import { ratingList } from './rating-list';
import { switchSite } from './site-switch';

/** What the background's requests need of the note engine. */
export interface NoteArchive {
  history(): Promise<NoteHistory['notes']>;
  clearCache(): Promise<void>;
}

async function openOptions(): Promise<ResponseIn<ExtensionPageRequests, 'options:open'>> {
  await browser.runtime.openOptionsPage();
  return { ok: true };
}

/** Each request's work, in the module that does it. */
export function backgroundHandlers(archive: NoteArchive): BackgroundHandlers {
  return {
    extensionPage: {
      'provider:test': ({ draft }) => testProvider(draft),
      'notes:history': async () => ({ notes: await archive.history() }),
      'notes:clear': async () => {
        // What was learnt of which models read images goes too: a refused model is tried again.
        await Promise.all([archive.clearCache(), storedImageCapabilities.forget()]);
        return { ok: true };
      },
      'sites:enable': async ({ origin }) => {
        await switchSite(origin, true);
        return { ok: true };
      },
      'sites:disable': async ({ origin }) => {
        await switchSite(origin, false);
        return { ok: true };
      },
      'options:open': openOptions,
      'ratings:refresh': async () => {
        await ratingList.refreshNow();
        return { ok: true };
      },
      'data:delete-all': async () => {
        await eraseAll(footnoteData(archive));
        return { ok: true };
      },
    },
    contentScript: {
      'card-ui:load': async (_request, from) => {
        await injectCardUi(from);
        return { ok: true };
      },
      'options:open': openOptions,
      'popup:open': async ({ key }, { tabId }) => ({ opened: await showInPopup(tabId, key) }),
      'toolbar:flagged': async ({ count }, from) => {
        await showFlaggedCount(from, count);
        return { ok: true };
      },
    },
  };
}
