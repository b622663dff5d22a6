import type { ChatEndpoint } from '../ai/openai-chat';
import { readApiKey } from '../settings/api-key-store';
import { cachedValue } from '../settings/cached-item';
import { findPreset } from '../settings/provider-presets';
import {
  DEFAULT_TIMEOUT_SECONDS,
  isValidBaseUrl,
  providerSettingsItem,
  type ProviderSettings,
} from '../settings/provider-settings';

const savedSettings = cachedValue(providerSettingsItem);

/** The endpoint to call for notes, from saved settings and the stored key; null if not set up. */
export async function loadConfiguredEndpoint(): Promise<{
  endpoint: ChatEndpoint;
  providerLabel: string;
} | null> {
  const settings = await savedSettings();
  if (!settings || !isValidBaseUrl(settings.baseUrl) || !settings.model) return null;
  return {
    endpoint: toEndpoint(settings, await readApiKey()),
    providerLabel: findPreset(settings.preset)?.label ?? settings.preset,
  };
}

export function toEndpoint(settings: ProviderSettings, apiKey: string): ChatEndpoint {
  return {
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    apiKey,
    model: settings.model,
    timeoutMs: (settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
  };
}
