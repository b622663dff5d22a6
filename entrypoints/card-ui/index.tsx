import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { Card } from '@/components/card/Card';
import { CARD_UI_GLOBAL, type CardPage } from '@/components/card/card-contract';
import type { PageUi } from '../content/page-ui';
import { keepCardPlaced } from './card-placement';
import { focusPost } from './focus-post';
import { attachHost, pageTheme } from './host-page';
import { adoptStyles } from './stylesheet';
import { ThreadController } from './thread-controller';
import { readVideoTranscript } from './video-transcript';
import { seekPageVideo } from './page-video';
import { browser } from 'wxt/browser';
import { siteDiagnostic } from '@/utils/sites/site-diagnostic';

/**
 * Footnote's UI on the page (the card, the thread digest and its panel), injected by the
 * background into the content script's isolated world on first use (see
 * utils/messaging/background-router.ts). It registers itself on that world's global object,
 * which the page cannot see.
 */
/** What the card does on the page besides its actions. */
const PAGE: CardPage = { seekVideo: seekPageVideo };

export default defineUnlistedScript(() => {
  const roots = new WeakMap<ShadowRoot, Root>();
  const ui: PageUi = {
    render(shadow, model, actions) {
      let root = roots.get(shadow);
      if (!root) {
        root = createRoot(shadow);
        roots.set(shadow, root);
      }
      // Synchronous, so the host can measure and place the card right after.
      const target = root;
      flushSync(() => target.render(model ? <Card model={model} actions={actions} page={PAGE} /> : null));
    },
    adoptStyles,
    theme: pageTheme,
    attach: attachHost,
    place: keepCardPlaced(),
    thread: (adapter, signal, onView) => new ThreadController(adapter, signal, onView),
    focusPost,
    readTranscript: (videoId, signal) => readVideoTranscript(videoId, document, signal),
    diagnose: (adapter) => siteDiagnostic(adapter, location, document, browser.runtime.getManifest().version),
  };
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = ui;
});
