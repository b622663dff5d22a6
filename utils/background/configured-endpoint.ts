import { readApiKey } from '../settings/api-key-store';
import { cachedValue } from '../settings/cached-item';
import { providerSettingsItem } from '../settings/provider-items';
import type { ConfiguredEndpoint } from '../notes/note-engine-deps';
import { configuredEndpoint, isUsableProvider } from '../notes/provider-endpoint';

const savedSettings = cachedValue(providerSettingsItem);

/** The endpoint to call for notes, from saved settings and the stored key; null if not set up. */
export async function loadConfiguredEndpoint(): Promise<ConfiguredEndpoint | null> {
  const settings = await savedSettings();
  return isUsableProvider(settings) ? configuredEndpoint(settings, await readApiKey()) : null;
}
