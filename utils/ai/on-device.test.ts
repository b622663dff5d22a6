import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_NOTE } from '../../e2e/model-server';
import { noteReader } from './note-reader';
import {
  languageExpectations,
  listOnDeviceModels,
  ON_DEVICE_BASE_URL,
  onDeviceAvailability,
  onDeviceWritable,
  streamOnDevice,
  type LanguageExpectations,
} from './on-device';
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
function fakeLanguageModel(
  availability: string,
  answer = JSON.stringify(DEFAULT_NOTE),
  /** Languages it reads and writes; with any other expected, it answers as Chrome does. */
  languages?: readonly string[],
) {
  const calls: Array<{ initialPrompts: unknown; input: string; responseConstraint: unknown }> = [];
  const knows = (options: CreateOptions = {}) =>
    !languages ||
    [...(options.expectedInputs ?? []), ...(options.expectedOutputs ?? [])].every((expected) =>
      expected.languages.every((language) => languages.includes(language)),
    );
  const session = (initialPrompts: unknown) => ({
    async *promptStreaming(input: string, { responseConstraint }: { responseConstraint?: object }) {
      calls.push({ initialPrompts, input, responseConstraint });
      for (let i = 0; i < answer.length; i += 10) yield answer.slice(i, i + 10);
    },
    destroy: vi.fn(),
  });
  const api = {
    availability: vi.fn(async (options?: CreateOptions) => (knows(options) ? availability : 'unavailable')),
    create: vi.fn(async ({ initialPrompts, ...options }: CreateOptions & { initialPrompts: unknown }) => {
      if (!knows(options))
        throw new DOMException('The requested language options are not supported.', 'NotSupportedError');
      return session(initialPrompts);
    }),
  };
  vi.stubGlobal('LanguageModel', api);
  return { api, calls };
}

type CreateOptions = Partial<LanguageExpectations>;

/** Chrome's documented output languages at the time of writing (no Portuguese). */
const CHROME_LANGUAGES = ['en', 'es', 'ja'];

const run = (languages: { answer: string; post: string | null }) =>
  streamOnDevice(endpoint, messages, noteReader.format, 'json_schema', {
    signal: new AbortController().signal,
    onContent: () => {},
    languages,
  });

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

  it('is given text only: pictures a message carries are left out (Chrome 148 image input is not assumed)', async () => {
    const { calls } = fakeLanguageModel('available');
    const picture = { dataUrl: 'data:image/jpeg;base64,/9j/', label: 'image 1 of the post' };
    const repair = [
      { role: 'system' as const, content: 'rules' },
      { role: 'user' as const, content: 'the post', images: [picture] },
      { role: 'assistant' as const, content: '{"summary":' },
      { role: 'user' as const, content: 'fix it', images: [picture] },
    ];
    await streamOnDevice(endpoint, repair, noteReader.format, 'prompt_only', {
      signal: new AbortController().signal,
      onContent: () => {},
    });
    expect(calls[0]?.initialPrompts).toEqual([
      { role: 'system', content: 'rules' },
      { role: 'user', content: 'the post' },
      { role: 'assistant', content: '{"summary":' },
    ]);
    expect(calls[0]?.input).toBe('fix it');
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

describe("the on-device model's languages", () => {
  it('declares the instructions, the post and the answer language in availability() and create()', async () => {
    const { api } = fakeLanguageModel('available');
    const result = await run({ answer: 'es', post: 'pt' });
    expect(JSON.parse(result.content)).toEqual(DEFAULT_NOTE);
    const expected = {
      expectedInputs: [{ type: 'text', languages: ['en', 'es', 'pt'] }],
      expectedOutputs: [{ type: 'text', languages: ['es'] }],
    };
    expect(api.availability).toHaveBeenLastCalledWith(expected);
    expect(api.create).toHaveBeenCalledWith({
      ...expected,
      initialPrompts: [messages[0]],
      signal: expect.any(AbortSignal),
    });
  });

  it('reads a post in a language it lacks without declaring it, and still writes the note', async () => {
    const { api } = fakeLanguageModel('available', undefined, CHROME_LANGUAGES);
    await run({ answer: 'en', post: 'pt-BR' });
    expect(api.create).toHaveBeenCalledWith(
      expect.objectContaining({
        expectedInputs: [{ type: 'text', languages: ['en'] }],
        expectedOutputs: [{ type: 'text', languages: ['en'] }],
      }),
    );
  });

  it('fails with language_unsupported, naming what it writes, when availability() says "unavailable"', async () => {
    const { api } = fakeLanguageModel('available', undefined, CHROME_LANGUAGES);
    await expect(run({ answer: 'pt-BR', post: 'pt-BR' })).rejects.toMatchObject({
      error: {
        code: 'language_unsupported',
        action: 'open_options',
        message:
          "Chrome's built-in AI model cannot write in Brazilian Portuguese. Choose English or Spanish as the answer language for this model, or pick another provider in options.",
      },
    });
    expect(api.create).not.toHaveBeenCalled();
  });

  it('fails the same way when create() rejects with NotSupportedError', async () => {
    const { api } = fakeLanguageModel('available', undefined, CHROME_LANGUAGES);
    api.availability.mockResolvedValue('available'); // an availability() that did not know better
    await expect(run({ answer: 'pt-BR', post: null })).rejects.toMatchObject({
      error: { code: 'language_unsupported', action: 'open_options' },
    });
    const other = fakeLanguageModel('available');
    other.api.create.mockRejectedValueOnce(new DOMException('no memory', 'OperationError'));
    await expect(run({ answer: 'en', post: null })).rejects.toMatchObject({
      error: { code: 'server', message: expect.stringContaining('no memory') },
    });
  });

  it('offers another provider only, when it writes none of the answer languages', async () => {
    fakeLanguageModel('available', undefined, ['ja']);
    await expect(run({ answer: 'es', post: null })).rejects.toMatchObject({
      error: {
        code: 'language_unsupported',
        message: "Chrome's built-in AI model cannot write in Spanish. Pick another provider in options.",
      },
    });
  });

  it('waits while the answer language is still to be downloaded', async () => {
    const { api } = fakeLanguageModel('available');
    api.availability.mockImplementation(async (options?: CreateOptions) =>
      options ? 'downloadable' : 'available',
    );
    await expect(run({ answer: 'es', post: null })).rejects.toMatchObject({
      error: { code: 'server', message: expect.stringContaining('downloading') },
    });
  });

  it('tells the options page which answer languages it writes, or nothing without the API', async () => {
    expect(await onDeviceWritable(['en', 'pt-BR'])).toBeNull();
    const { api } = fakeLanguageModel('downloadable', undefined, CHROME_LANGUAGES);
    expect(await onDeviceWritable(['en', 'pt-BR', 'es'])).toEqual({ en: true, 'pt-BR': false, es: true });
    expect(api.availability).toHaveBeenCalledWith(languageExpectations('pt-BR'));
    api.availability.mockRejectedValue(new RangeError('Invalid language tag'));
    expect(await onDeviceWritable(['x y'])).toEqual({ 'x y': false });
  });
});
