import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { SELECTION_CHECK_GLOBAL } from '@/utils/background/selection-check';
import { startSelectionChecks } from './content/selection-check';

/**
 * "Footnote: check the selected text" (utils/background/selection-check.ts): injected by the
 * background into the frame where text was selected, only when the menu item is clicked, into
 * the extension's isolated world. It registers itself there once; the background calls it.
 */
export default defineUnlistedScript(() => {
  const global = globalThis as Record<string, unknown>;
  global[SELECTION_CHECK_GLOBAL] ??= startSelectionChecks();
});
