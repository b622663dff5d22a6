import { del, get, set } from 'idb-keyval';
import { footnoteStore } from './idb-databases';

/**
 * API keys live in the extension origin's IndexedDB. Content scripts run with the page's
 * origin and cannot open it, whereas `chrome.storage.local`/`sync` are readable by content
 * scripts in Chrome. Only the background and extension pages (options) touch this module.
 */
const secrets = footnoteStore('footnote-secrets', 'secrets');

/** The model provider's key, the Google Fact Check Tools key, the web search API's key. */
export type SecretName = 'apiKey' | 'factCheckKey' | 'searchKey';

export async function readSecret(name: SecretName): Promise<string> {
  return (await get<string>(name, secrets)) ?? '';
}

/** An empty value deletes the secret. */
export async function writeSecret(name: SecretName, value: string): Promise<void> {
  if (value) await set(name, value, secrets);
  else await del(name, secrets);
}

export const readApiKey = (): Promise<string> => readSecret('apiKey');
export const writeApiKey = (key: string): Promise<void> => writeSecret('apiKey', key);
