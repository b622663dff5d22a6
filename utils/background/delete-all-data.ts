import { browser, type Browser } from 'wxt/browser';
import { forgetCachedValues } from '../settings/cached-item';
import { deleteFootnoteDatabases } from '../settings/idb-databases';
import { syncEnabledSites } from './dynamic-sites';
import { forgetTestedEndpoints, updatePrivateNetworkRules } from './private-network-guard';

/** One kind of data "Delete all Footnote data" removes, and how. */
export interface DataEraser {
  /** What it removes, as a failure names it (English, technical, like other failure details). */
  what: string;
  erase(): Promise<void>;
}

/**
 * Runs every eraser in order, each whatever became of the ones before (what can go, goes);
 * then throws one error naming each that failed and why.
 */
export async function eraseAll(erasers: readonly DataEraser[]): Promise<void> {
  const failures: string[] = [];
  for (const { what, erase } of erasers) {
    try {
      await erase();
    } catch (err) {
      failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (failures.length > 0) throw new Error(`Footnote could not delete ${failures.join('; ')}.`);
}

/**
 * The origins the reader granted (optional host permissions): what the browser lists as granted
 * minus what the manifest asks for at install, which cannot be given back (Chrome refuses the
 * whole call when it names one). MV2 (Firefox) lists hosts among `permissions`.
 */
export function grantedOptionalOrigins(
  granted: readonly string[],
  manifest: Browser.runtime.Manifest,
): string[] {
  const required = new Set([
    ...(manifest.host_permissions ?? []),
    ...(manifest.permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
  ]);
  return granted.filter((origin) => !required.has(origin));
}

/** Gives back every host permission the reader granted: the model endpoint's, linked pages', sites'. */
async function removeGrantedOrigins(): Promise<void> {
  const { origins = [] } = await browser.permissions.getAll();
  const optional = grantedOptionalOrigins(origins, browser.runtime.getManifest());
  if (optional.length > 0) await browser.permissions.remove({ origins: optional });
}

async function clearStorage(): Promise<void> {
  await browser.storage.local.clear();
  await browser.storage.session.clear(); // popupFocus
  // The background's copies of settings: the next read finds them gone.
  forgetCachedValues();
}

/**
 * Everything Footnote keeps in this browser, in the order it must go: the caches in memory and
 * their databases; then storage, so that what reads it next (the sites' content scripts, the
 * network rules) finds nothing; the granted origins last, so their removal listener finds no
 * enabled site left to write back.
 */
export function footnoteData(caches: { clearCache(): Promise<void> }): DataEraser[] {
  return [
    { what: 'the cached notes, triage verdicts and thread digests', erase: () => caches.clearCache() },
    { what: "Footnote's IndexedDB databases (keys and caches)", erase: deleteFootnoteDatabases },
    { what: 'the settings, usage and rating list in extension storage', erase: clearStorage },
    { what: 'the content script of the sites you enabled', erase: () => syncEnabledSites().then(() => {}) },
    {
      what: 'the network rules that allow your endpoints',
      erase: () => Promise.all([updatePrivateNetworkRules(), forgetTestedEndpoints()]).then(() => {}),
    },
    { what: 'the site access you granted', erase: removeGrantedOrigins },
  ];
}
