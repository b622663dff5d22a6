import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { Card } from '@/components/card/Card';
import { CARD_UI_GLOBAL, type CardUi } from '@/components/card/card-contract';
import css from '@/components/card/card.css?inline';

/**
 * The card's React UI, injected by the background into the content script's isolated world on
 * first use (see utils/messaging/background-router.ts). It registers itself on that world's
 * global object, which the page cannot see.
 */
export default defineUnlistedScript(() => {
  const roots = new WeakMap<ShadowRoot, Root>();
  const ui: CardUi = {
    css,
    render(shadow, model, actions) {
      let root = roots.get(shadow);
      if (!root) {
        root = createRoot(shadow);
        roots.set(shadow, root);
      }
      // Synchronous, so the host can measure and place the card right after.
      const target = root;
      flushSync(() => target.render(model ? <Card model={model} actions={actions} /> : null));
    },
  };
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = ui;
});
