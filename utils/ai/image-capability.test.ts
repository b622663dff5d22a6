import { describe, expect, it } from 'vitest';
import { PROVIDER_PRESETS } from '../settings/provider-presets';
import { ON_DEVICE_BASE_URL, ON_DEVICE_MODEL } from '../settings/on-device-endpoint';
import { imageCapabilityOf, knownImageCapability } from './image-capability';
import { outputModeKey } from './output-modes';

const OPENAI = 'https://api.openai.com/v1';
const OPENROUTER = 'https://openrouter.ai/api/v1';
const OLLAMA = 'http://localhost:11434/v1';

describe('models known to read images, before any is tried', () => {
  it.each([
    [OPENAI, 'gpt-4o-mini'],
    [OPENAI, 'chatgpt-4o-latest'],
    [OPENAI, 'gpt-4-turbo-2024-04-09'],
    [OPENAI, 'gpt-4.1-nano'],
    [OPENAI, 'gpt-5'],
    [OPENAI, 'o1'],
    [OPENAI, 'o3-pro'],
    [OPENAI, 'o4-mini'],
    ['https://generativelanguage.googleapis.com/v1beta/openai', 'gemini-2.0-flash'],
    ['https://generativelanguage.googleapis.com/v1beta/openai', 'gemma-3-12b-it'],
    ['https://api.x.ai/v1', 'grok-2-vision-1212'],
    ['https://api.x.ai/v1', 'grok-4'],
    [OPENROUTER, 'openai/gpt-4o-mini'],
    [OPENROUTER, 'anthropic/claude-3.5-sonnet'],
    [OPENROUTER, 'anthropic/claude-sonnet-4'],
    [OPENROUTER, 'qwen/qwen2.5-vl-72b-instruct'],
    [OPENROUTER, 'mistralai/pixtral-12b'],
    ['https://api.groq.com/openai/v1', 'meta-llama/llama-4-scout-17b-16e-instruct'],
    ['https://api.groq.com/openai/v1', 'llama-3.2-11b-vision-preview'],
    [OLLAMA, 'llava:7b'],
    [OLLAMA, 'llama3.2-vision:11b'],
    [OLLAMA, 'qwen2.5vl:7b'],
    [OLLAMA, 'gemma3:4b'],
    [OLLAMA, 'minicpm-v:8b'],
  ])('%s %s: yes', (baseUrl, model) => {
    expect(knownImageCapability(baseUrl, model)).toBe('yes');
  });

  it.each([
    [ON_DEVICE_BASE_URL, ON_DEVICE_MODEL],
    [OPENAI, 'gpt-3.5-turbo'],
    [OPENAI, 'o3-mini'],
    ['https://api.deepseek.com/v1', 'deepseek-chat'],
    [OPENROUTER, 'deepseek/deepseek-reasoner'],
  ])('%s %s: no', (baseUrl, model) => {
    expect(knownImageCapability(baseUrl, model)).toBe('no');
  });

  it.each([
    [OPENAI, 'gpt-4-turbo-preview'],
    [OPENAI, 'o1-preview'],
    [OPENROUTER, 'anthropic/claude-3-5-haiku'],
    [OLLAMA, 'gemma3:1b'],
    [OLLAMA, 'gemma3n:e4b'],
    [OLLAMA, 'llama3.1'],
    ['https://api.x.ai/v1', 'grok-3-mini'],
    ['http://localhost:1234/v1', 'my-finetune'],
  ])('%s %s: not known (tried, then remembered)', (baseUrl, model) => {
    expect(knownImageCapability(baseUrl, model)).toBeUndefined();
  });

  it("knows each preset's first model, or leaves it to be learnt", () => {
    const known = Object.fromEntries(
      PROVIDER_PRESETS.map((p) => [p.id, knownImageCapability(p.baseUrl, p.defaultModel) ?? 'not known']),
    );
    expect(known).toEqual({
      'chrome-ai': 'no',
      openai: 'yes',
      xai: 'not known',
      openrouter: 'yes',
      groq: 'not known',
      gemini: 'yes',
      mistral: 'not known',
      deepseek: 'no',
      ollama: 'not known',
      lmstudio: 'not known',
      custom: 'not known',
    });
  });
});

describe('what is known of an endpoint+model', () => {
  it('is what was learnt from it, before the known models', () => {
    const learnt = { [outputModeKey(OPENAI, 'gpt-4o-mini')]: 'no' as const };
    expect(imageCapabilityOf(learnt, outputModeKey(OPENAI, 'gpt-4o-mini'))).toBe('no');
    expect(imageCapabilityOf(learnt, outputModeKey(OPENAI, 'gpt-4.1'))).toBe('yes');
    expect(imageCapabilityOf({}, outputModeKey(OLLAMA, 'llama3.1'))).toBeUndefined();
  });
});
