import { createStore, del, get, set } from 'idb-keyval';

/**
 * The API key lives in the extension origin's IndexedDB. Content scripts run with the page's
 * origin and cannot open it, whereas `chrome.storage.local`/`sync` are readable by content
 * scripts in Chrome. Only the background and extension pages (options) touch this module.
 */
const secrets = createStore('footnote-secrets', 'secrets');
const API_KEY = 'apiKey';

export async function readApiKey(): Promise<string> {
  return (await get<string>(API_KEY, secrets)) ?? '';
}

export async function writeApiKey(key: string): Promise<void> {
  if (key) await set(API_KEY, key, secrets);
  else await del(API_KEY, secrets);
}
