import type { browser } from '@wxt-dev/browser';

declare global {
  /**
   * The extension API as tests see it inside serviceWorker.evaluate() and extension pages.
   * Extension code itself uses `browser` from wxt/browser (ESLint forbids `chrome` there).
   */
  const chrome: typeof browser;
}
