import { ON_DEVICE_BASE_URL, ON_DEVICE_MODEL } from './on-device-endpoint';

/** OpenAI-compatible endpoints people use, with the base URL each documents. */
export interface ProviderPreset {
  id: string;
  label: string;
  baseUrl: string;
  /** Local servers run without a key. */
  needsKey: boolean;
  /** A sensible first model; the user can pick another from the endpoint's /models. */
  defaultModel: string;
}

export const PROVIDER_PRESETS = [
  // Offered first where the browser has it (options checks availability); nothing leaves the device.
  {
    id: 'chrome-ai',
    label: 'Chrome built-in AI (on-device)',
    baseUrl: ON_DEVICE_BASE_URL,
    needsKey: false,
    defaultModel: ON_DEVICE_MODEL,
  },
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    needsKey: true,
    defaultModel: 'gpt-4o-mini',
  },
  {
    id: 'xai',
    label: 'xAI (Grok)',
    baseUrl: 'https://api.x.ai/v1',
    needsKey: true,
    defaultModel: 'grok-3-mini',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    needsKey: true,
    defaultModel: 'openai/gpt-4o-mini',
  },
  {
    id: 'groq',
    label: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    needsKey: true,
    defaultModel: 'llama-3.3-70b-versatile',
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    needsKey: true,
    defaultModel: 'gemini-2.0-flash',
  },
  {
    id: 'mistral',
    label: 'Mistral',
    baseUrl: 'https://api.mistral.ai/v1',
    needsKey: true,
    defaultModel: 'mistral-small-latest',
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com/v1',
    needsKey: true,
    defaultModel: 'deepseek-chat',
  },
  {
    id: 'ollama',
    label: 'Ollama (local)',
    baseUrl: 'http://localhost:11434/v1',
    needsKey: false,
    defaultModel: 'llama3.1',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio (local)',
    baseUrl: 'http://localhost:1234/v1',
    needsKey: false,
    defaultModel: '',
  },
  { id: 'custom', label: 'Custom', baseUrl: '', needsKey: false, defaultModel: '' },
] as const satisfies readonly ProviderPreset[];

export type ProviderPresetId = (typeof PROVIDER_PRESETS)[number]['id'];
// Pure: a bundle that imports this module for something else (a content script, through the
// protocol's schemas) leaves the presets out.
export const PROVIDER_PRESET_IDS = /* @__PURE__ */ PROVIDER_PRESETS.map((p) => p.id) as [
  ProviderPresetId,
  ...ProviderPresetId[],
];

export function findPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}
