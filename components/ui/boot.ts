/**
 * Start-up helpers shared by the extension pages (options, popup). Outside the extension
 * (a page opened from disk or a web server) there are no extension APIs, no i18n, and
 * webextension-polyfill refuses to load, so the page shows a plain message instead of
 * staying blank.
 */

/**
 * Starts an extension page: loads the app (and webextension-polyfill with it) only where
 * extension APIs exist, and otherwise says why the page cannot work.
 */
export function bootExtensionPage(loadApp: () => Promise<{ mount(root: HTMLElement): void }>): void {
  const root = document.getElementById('root');
  if (!root) return;
  if (!hasExtensionApis()) {
    showBootFailure(root);
    return;
  }
  root.replaceChildren(); // the static "could not start" fallback in index.html
  loadApp()
    .then(({ mount }) => mount(root))
    .catch((error: unknown) => showBootFailure(root, error instanceof Error ? error.message : String(error)));
}

/** Extension APIs exist only when this page is opened from the extension itself. */
function hasExtensionApis(): boolean {
  const g = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: { runtime?: { id?: string } } };
  return Boolean(g.browser?.runtime?.id ?? g.chrome?.runtime?.id);
}

/**
 * A last-resort message written with textContent. It cannot be translated: the i18n API is
 * one of the things that is missing when this is needed.
 */
function showBootFailure(root: HTMLElement, detail?: string): void {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.className = 'notice notice-error boot-failure';
  const title = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'Footnote could not start here.';
  title.append(strong);
  const text = document.createElement('p');
  text.textContent = detail
    ? `Details: ${detail}`
    : 'This page only works inside the Footnote extension: open it from the toolbar button or the extensions page.';
  box.append(title, text);
  root.replaceChildren(box);
}

/** The UI language as a BCP 47 tag ("pt_BR" → "pt-BR"). */
export function bcp47(locale: string): string {
  return locale.replace(/_/g, '-');
}
