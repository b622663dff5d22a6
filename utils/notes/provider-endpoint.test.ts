import { describe, expect, it } from 'vitest';
import { ON_DEVICE_BASE_URL } from '../settings/on-device-endpoint';
import { configuredEndpoint, isUsableProvider } from './provider-endpoint';

describe('provider endpoint', () => {
  it('is set up only with an http(s) or on-device base URL and a model', () => {
    const saved = { preset: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' } as const;
    expect(isUsableProvider(saved)).toBe(true);
    expect(isUsableProvider({ ...saved, preset: 'chrome-ai', baseUrl: ON_DEVICE_BASE_URL })).toBe(true);
    expect(isUsableProvider(null)).toBe(false);
    expect(isUsableProvider({ ...saved, model: '' })).toBe(false);
    expect(isUsableProvider({ ...saved, baseUrl: 'javascript:alert(1)' })).toBe(false);
  });

  it('trims the base URL, converts the timeout and names the preset', () => {
    expect(
      configuredEndpoint(
        { preset: 'ollama', baseUrl: 'http://localhost:11434/v1//', model: 'llama3.1', timeoutSeconds: 300 },
        '',
      ),
    ).toEqual({
      endpoint: { baseUrl: 'http://localhost:11434/v1', apiKey: '', model: 'llama3.1', timeoutMs: 300_000 },
      providerLabel: 'Ollama (local)',
    });
    expect(
      configuredEndpoint({ preset: 'custom', baseUrl: 'https://llm.example', model: 'm' }, 'k').endpoint
        .timeoutMs,
    ).toBe(60_000);
  });
});
