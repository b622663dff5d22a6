import { browser } from 'wxt/browser';
import { enabledOriginsItem } from '../settings/site-items';
import { originPermission } from '../settings/site-origins';

const SCRIPT_ID = 'footnote-enabled-sites';
/** The build of entrypoints/enabled-sites.content.ts and its stylesheet. */
const CONTENT_JS = 'content-scripts/enabled-sites.js';
const CONTENT_CSS = 'content-scripts/enabled-sites.css';

/**
 * Keeps one dynamically registered content script covering every origin the user enabled (and
 * still grants host permission for). Registered scripts persist across restarts; this runs at
 * every worker start anyway, so what is registered always matches what is stored.
 */
export async function syncEnabledSites(): Promise<string[]> {
  const stored = await enabledOriginsItem.getValue();
  const granted: string[] = [];
  for (const origin of stored) {
    if (await browser.permissions.contains({ origins: [originPermission(origin)] })) granted.push(origin);
  }
  if (granted.length !== stored.length) await enabledOriginsItem.setValue(granted);

  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length > 0) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: granted.map(originPermission),
        js: [CONTENT_JS],
        css: [CONTENT_CSS],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return granted;
}

/** After the popup obtained the host permission (a user gesture): remember and register. */
export async function enableSite(origin: string): Promise<void> {
  const origins = await enabledOriginsItem.getValue();
  if (!origins.includes(origin)) await enabledOriginsItem.setValue([...origins, origin]);
  await syncEnabledSites();
}

/** From options: forget the origin, unregister, and give the permission back. */
export async function disableSite(origin: string): Promise<void> {
  await enabledOriginsItem.setValue((await enabledOriginsItem.getValue()).filter((o) => o !== origin));
  await syncEnabledSites();
  await browser.permissions.remove({ origins: [originPermission(origin)] }).catch(() => false);
}
