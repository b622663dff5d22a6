import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTE } from '../../e2e/model-server';
import { noteReader } from './note-reader';
import { listOnDeviceModels, ON_DEVICE_BASE_URL, onDeviceAvailability, streamOnDevice } from './on-device';
import type { ChatEndpoint } from './openai-chat';
import { listEndpointModels } from './stream-completion';

const endpoint: ChatEndpoint = {
  baseUrl: ON_DEVICE_BASE_URL,
  apiKey: '',
  model: 'gemini-nano',
  timeoutMs: 1000,
};
const messages = [
  { role: 'system' as const, content: 'rules' },
  { role: 'user' as const, content: 'the post' },
];

/** A stand-in for Chrome's LanguageModel global, recording how it was called. */
function fakeLanguageModel(availability: string, answer = JSON.stringify(DEFAULT_NOTE)) {
  const calls: Array<{ initialPrompts: unknown; input: string; responseConstraint: unknown }> = [];
  const api = {
    availability: vi.fn(async () => availability),
    create: vi.fn(async ({ initialPrompts }: { initialPrompts: unknown }) => ({
      async *promptStreaming(input: string, { responseConstraint }: { responseConstraint?: object }) {
        calls.push({ initialPrompts, input, responseConstraint });
        for (let i = 0; i < answer.length; i += 10) yield answer.slice(i, i + 10);
      },
      destroy: vi.fn(),
    })),
  };
  vi.stubGlobal('LanguageModel', api);
  return { api, calls };
}

afterEach(() => vi.unstubAllGlobals());

describe("Chrome's on-device model", () => {
  it('is unavailable where the browser has no LanguageModel (this test runner, most browsers)', async () => {
    expect(await onDeviceAvailability()).toBe('unavailable');
    await expect(listEndpointModels(endpoint)).rejects.toMatchObject({
      error: {
        code: 'model_not_found',
        action: 'open_options',
        message: expect.stringContaining('not available in this browser'),
      },
    });
  });

  it('says so while the model is still downloading', async () => {
    fakeLanguageModel('downloading');
    await expect(listOnDeviceModels()).rejects.toMatchObject({
      error: { code: 'server', message: expect.stringContaining('downloading') },
    });
  });

  it('streams a note with the schema as a response constraint in json_schema mode', async () => {
    const { calls } = fakeLanguageModel('available');
    const seen: string[] = [];
    const result = await streamOnDevice(endpoint, messages, noteReader.format, 'json_schema', {
      signal: new AbortController().signal,
      onContent: (text) => seen.push(text),
    });
    expect(JSON.parse(result.content)).toEqual(DEFAULT_NOTE);
    expect(seen.length).toBeGreaterThan(3);
    expect(calls[0]).toEqual({
      initialPrompts: [messages[0]],
      input: 'the post',
      responseConstraint: noteReader.format.schema,
    });
    expect(await listOnDeviceModels()).toEqual(['gemini-nano']);
  });

  it('sends no constraint in the other modes', async () => {
    const { calls } = fakeLanguageModel('available');
    await streamOnDevice(endpoint, messages, noteReader.format, 'prompt_only', {
      signal: new AbortController().signal,
      onContent: () => {},
    });
    expect(calls[0]?.responseConstraint).toBeUndefined();
  });
});
