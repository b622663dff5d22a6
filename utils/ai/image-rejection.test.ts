import { describe, expect, it } from 'vitest';
import type { Behaviour } from '../../e2e/model-server';
import { useLocalModelServer } from '../../test-support/local-model-server';
import { rejectsImages } from './image-rejection';
import { noteReader } from './note-reader';
import { streamChatJson } from './openai-chat';
import { NoteFailure } from './provider-errors';

// Each refusal as the provider sends it, through the real openai SDK and toNoteError, to the
// NoteError the engine sees. Where each message was reported:
const REFUSALS: Array<{ provider: string; seen: string; answer: Behaviour }> = [
  {
    provider: 'OpenAI, a text model',
    seen: 'github.com/roboflow/awesome-openai-vision-api-experiments/issues/11',
    answer: {
      kind: 'error',
      status: 400,
      message: 'Invalid content type. image_url is only supported by certain models.',
      param: 'messages.[1].content.[1].type',
    },
  },
  {
    provider: 'Groq, a text model',
    seen: 'github.com/gptme/gptme/pull/896',
    answer: { kind: 'error', status: 400, message: "'messages.1.content' : value must be a string" },
  },
  {
    provider: 'Groq, earlier wording',
    seen: 'github.com/vercel/ai/issues/2837',
    answer: { kind: 'error', status: 400, message: 'message[1].content must be a string' },
  },
  {
    provider: 'DeepSeek',
    seen: 'github.com/nesquena/hermes-webui/issues/2297',
    answer: {
      kind: 'error',
      status: 400,
      message:
        'Failed to deserialize the JSON body into the target type: messages[1]: unknown variant `image_url`, expected `text` at line 1 column 5121',
      code: 'invalid_request_error',
    },
  },
  {
    provider: 'Ollama, a model without a vision projector',
    seen: 'ollama/ollama model/model.go (ErrNoVisionModel)',
    answer: { kind: 'error', status: 500, message: 'this model is missing data required for image input' },
  },
  {
    provider: "Ollama's cloud models",
    seen: 'github.com/ollama/ollama/issues/17301',
    answer: { kind: 'error', status: 400, message: 'this model does not support image input' },
  },
  {
    provider: 'Ollama before content parts',
    seen: 'github.com/danny-avila/LibreChat/issues/2494',
    answer: {
      kind: 'error',
      status: 400,
      message: 'json: cannot unmarshal array into Go struct field Message.messages.content of type string',
    },
  },
  {
    provider: 'OpenRouter, no provider of the model takes images',
    seen: 'github.com/NousResearch/hermes-agent/pull/23411',
    answer: { kind: 'error', status: 404, message: 'No endpoints found that support image input' },
  },
  {
    provider: 'LM Studio, whose error is a bare string',
    seen: 'github.com/lmstudio-ai/lmstudio-bug-tracker/issues/908',
    answer: {
      kind: 'raw',
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"Model does not support images. Please use a model that does."}',
    },
  },
];

/** Failures that are not the model's limit: the request is not retried text-only for them. */
const OTHER_FAILURES: Array<{ what: string; answer: Behaviour }> = [
  {
    what: 'a picture the provider could not read',
    answer: {
      kind: 'error',
      status: 400,
      message:
        "You uploaded an unsupported image. Please make sure your image is below 20 MB in size and is of one the following formats: ['png', 'jpeg', 'gif', 'webp'].",
    },
  },
  { what: 'an unknown model', answer: { kind: 'error', status: 404 } },
  { what: 'a refused key', answer: { kind: 'error', status: 401 } },
  {
    what: 'a rate limit, whatever it says',
    answer: { kind: 'error', status: 429, message: 'this model does not support images at this rate' },
  },
  { what: 'a server error', answer: { kind: 'error', status: 500 } },
];

const { server, endpoint } = useLocalModelServer();

async function failureOf(answer: Behaviour) {
  server.enqueue(answer, answer); // the SDK retries a 429 or 5xx once
  const messages = [
    { role: 'system' as const, content: 'rules' },
    {
      role: 'user' as const,
      content: 'the post',
      images: [{ dataUrl: 'data:image/jpeg;base64,/9j/', label: 'image 1 of the post' }],
    },
  ];
  const failure = await streamChatJson(endpoint(), messages, noteReader.format, 'json_schema', {
    signal: new AbortController().signal,
    onContent: () => {},
  }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(NoteFailure);
  return (failure as NoteFailure).error;
}

describe('a request with images refused because the model reads none', () => {
  it.each(REFUSALS)('is recognised: $provider ($seen)', async ({ answer }) => {
    expect(rejectsImages(await failureOf(answer))).toBe(true);
  });
});

describe('other failures of a request with images', () => {
  it.each(OTHER_FAILURES)('are not the model refusing images: $what', async ({ answer }) => {
    expect(rejectsImages(await failureOf(answer))).toBe(false);
  });

  it('without an HTTP status (a network failure) are not either', () => {
    expect(
      rejectsImages({
        code: 'network',
        message: 'Could not connect: this model does not support images',
        action: 'retry',
        status: null,
        retryAfterMs: null,
      }),
    ).toBe(false);
  });
});
