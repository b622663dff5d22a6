import type { ChatEndpoint } from '../ai/openai-chat';
import { findPreset } from '../settings/provider-presets';
import {
  DEFAULT_TIMEOUT_SECONDS,
  isValidBaseUrl,
  type ProviderSettings,
} from '../settings/provider-settings';
import type { ConfiguredEndpoint } from './note-engine-deps';

/** Saved settings that name a usable endpoint and model; a provider is not set up otherwise. */
export function isUsableProvider(settings: ProviderSettings | null): settings is ProviderSettings {
  return settings !== null && isValidBaseUrl(settings.baseUrl) && settings.model !== '';
}

/** The endpoint notes are written with, and the provider's name as a note's metadata shows it. */
export function configuredEndpoint(settings: ProviderSettings, apiKey: string): ConfiguredEndpoint {
  return {
    endpoint: toEndpoint(settings, apiKey),
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
