// @vitest-environment node
/**
 * The model server must behave like the real Chat Completions API as the `openai` SDK sees it,
 * or the e2e tests prove nothing. Every check here goes through the real SDK (or plain fetch
 * for CORS, which the SDK does not expose).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import OpenAI, { APIError } from 'openai';
import { noteSchema } from '../utils/core/note-schema';
import { DEFAULT_API_KEY, DEFAULT_MODEL, DEFAULT_NOTE, ModelServer, lastUserMessage } from './model-server';

const server = new ModelServer();
let baseUrl = '';
let client: OpenAI;

const messages = [
  { role: 'system' as const, content: 'You write notes.' },
  { role: 'user' as const, content: 'Post: the moon is made of cheese.' },
];

beforeAll(async () => {
  ({ baseUrl } = await server.start());
  client = new OpenAI({ baseURL: baseUrl, apiKey: DEFAULT_API_KEY, maxRetries: 0 });
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

/** Streams a completion and returns every chunk. */
async function streamChunks(behaviourNote?: object | string, includeUsage = true) {
  if (behaviourNote !== undefined) server.enqueue({ kind: 'note', note: behaviourNote, chunkSize: 5 });
  const stream = await client.chat.completions.create({
    model: DEFAULT_MODEL,
    messages,
    stream: true,
    stream_options: includeUsage ? { include_usage: true } : undefined,
  });
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function contentOf(chunks: OpenAI.Chat.Completions.ChatCompletionChunk[]): string {
  return chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
}

describe('completions', () => {
  it('answers non-streaming requests with a chat.completion holding the default note', async () => {
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL, messages });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe(DEFAULT_MODEL);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.role).toBe('assistant');
    const note = JSON.parse(completion.choices[0]?.message.content ?? '') as unknown;
    expect(note).toEqual(DEFAULT_NOTE);
    expect(noteSchema.parse(note)).toEqual(DEFAULT_NOTE); // the default is a valid note at run time too
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
  });

  it('streams SSE chunks: role first, small content pieces, stop, then a usage-only chunk', async () => {
    const note = { ...DEFAULT_NOTE, summary: 'Streamed summary.' };
    const chunks = await streamChunks(note);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]?.id)).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(contentOf(chunks)).toBe(JSON.stringify(note));
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(
      Math.ceil(JSON.stringify(note).length / 5),
    );
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('sends no usage chunk without include_usage', async () => {
    const chunks = await streamChunks(undefined, false);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(JSON.parse(contentOf(chunks))).toEqual(DEFAULT_NOTE);
  });

  it('spaces chunks by chunkDelayMs', async () => {
    server.enqueue({ kind: 'note', note: 'abcdefghij', chunkSize: 2, chunkDelayMs: 40 });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: DEFAULT_MODEL, messages, stream: true });
    const times: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) times.push(Date.now() - started);
    expect(times).toHaveLength(5);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(4 * 40 - 20);
  });

  it('delivers a malformed string verbatim, streaming and not', async () => {
    const broken = '{"summary": "unterminated, "classification": ';
    server.enqueue({ kind: 'note', note: broken });
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL, messages });
    expect(completion.choices[0]?.message.content).toBe(broken);
    expect(contentOf(await streamChunks(broken))).toBe(broken);
  });

  it('reports finish_reason length when asked', async () => {
    server.enqueue({ kind: 'note', note: '{"summary": "cut sho', finishReason: 'length' });
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL, messages });
    expect(completion.choices[0]?.finish_reason).toBe('length');
  });

  it('answers empty choices, streaming and not', async () => {
    server.enqueue({ kind: 'empty-choices' }, { kind: 'empty-choices' });
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL, messages });
    expect(completion.choices).toEqual([]);
    const chunks = await streamChunks();
    expect(chunks.every((c) => c.choices.length === 0)).toBe(true);
  });

  it('sends raw responses as given', async () => {
    server.enqueue({
      kind: 'raw',
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: '<h1>Bad gateway</h1>',
    });
    const error = await client.chat.completions
      .create({ model: DEFAULT_MODEL, messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as APIError).status).toBe(502);
  });
});

describe('models', () => {
  it('lists models like GET /v1/models', async () => {
    server.setModels(['model-a', 'model-b']);
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.object).toBe('model');
      expect(typeof model.created).toBe('number');
      ids.push(model.id);
    }
    expect(ids).toEqual(['model-a', 'model-b']);
  });
});

describe('errors', () => {
  it('rejects a wrong key with AuthenticationError and OpenAI’s error body', async () => {
    const wrong = new OpenAI({ baseURL: baseUrl, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await wrong.chat.completions
      .create({ model: DEFAULT_MODEL, messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(401);
    expect(apiError.code).toBe('invalid_api_key');
    expect(apiError.type).toBe('invalid_request_error');
    expect(apiError.param).toBeNull();
    expect(apiError.requestID).toMatch(/^req_/);
    // The models list is authenticated too; no completion behaviour was consumed.
    await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('accepts any key when keys are switched off (local servers)', async () => {
    server.setApiKeys(null);
    const anyKey = new OpenAI({ baseURL: baseUrl, apiKey: 'ollama', maxRetries: 0 });
    await expect(anyKey.chat.completions.create({ model: DEFAULT_MODEL, messages })).resolves.toBeTruthy();
  });

  it('sends 429 with a Retry-After header the SDK error exposes', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'Retry-After': '7' } });
    const error = await client.chat.completions
      .create({ model: DEFAULT_MODEL, messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as APIError).headers?.get('retry-after')).toBe('7');
    expect((error as APIError).code).toBe('rate_limit_exceeded');
  });

  it('sends 404 model_not_found and 5xx as the matching SDK errors', async () => {
    server.enqueue(
      {
        kind: 'error',
        status: 404,
        message: 'The model `nope` does not exist or you do not have access to it.',
      },
      { kind: 'error', status: 503 },
    );
    const notFound = await client.chat.completions
      .create({ model: 'nope', messages })
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect((notFound as APIError).code).toBe('model_not_found');
    expect((notFound as APIError).message).toContain('`nope` does not exist');
    const unavailable = await client.chat.completions
      .create({ model: DEFAULT_MODEL, messages })
      .catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(OpenAI.InternalServerError);
    expect((unavailable as APIError).status).toBe(503);
  });

  it('validates like the API (400) without consuming a scripted behaviour', async () => {
    server.enqueue({ kind: 'note', note: 'queued' });
    const error = await client.chat.completions
      .create({ model: DEFAULT_MODEL, messages: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as APIError).param).toBe('messages');
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL, messages });
    expect(completion.choices[0]?.message.content).toBe('queued');
  });
});

describe('broken connections', () => {
  it('a stream cut mid-JSON rejects the iteration', async () => {
    server.enqueue({ kind: 'cut', afterChars: 30 });
    const stream = await client.chat.completions.create({ model: DEFAULT_MODEL, messages, stream: true });
    let received = '';
    await expect(
      (async () => {
        for await (const chunk of stream) received += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toThrow();
    expect(received).toBe(JSON.stringify(DEFAULT_NOTE).slice(0, 30));
    expect(server.completionRequests()[0]?.outcome).toBe('server-cut');
  });

  it('a non-streaming body cut mid-JSON rejects', async () => {
    server.enqueue({ kind: 'cut', afterChars: 10 });
    await expect(client.chat.completions.create({ model: DEFAULT_MODEL, messages })).rejects.toThrow();
  });

  it('a stall is ended by the SDK timeout, and the server sees the client leave', async () => {
    server.enqueue({ kind: 'stall' });
    const error = await client.chat.completions
      .create({ model: DEFAULT_MODEL, messages }, { timeout: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    await expect.poll(() => server.completionRequests()[0]?.outcome).toBe('client-closed');
  });

  it('stall-after: the SDK timeout no longer applies once headers arrived; an abort signal ends it', async () => {
    server.enqueue({ kind: 'stall-after', chars: 10 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: DEFAULT_MODEL, messages, stream: true },
      { timeout: 200, signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    let received = '';
    for (let i = 0; i < 2; i++) received += (await iterator.next()).value?.choices[0]?.delta.content ?? '';
    expect(received).toBe(JSON.stringify(DEFAULT_NOTE).slice(0, 10));
    // Well past the 200 ms timeout, the next chunk is still pending: clients need their own idle timer.
    const next = iterator.next();
    const raced = await Promise.race([
      next.then(
        () => 'chunk',
        () => 'error',
      ),
      new Promise((r) => setTimeout(() => r('pending'), 600)),
    ]);
    expect(raced).toBe('pending');
    // The SDK ends an aborted stream quietly (done, no error): callers must check signal.aborted.
    controller.abort();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    await expect.poll(() => server.completionRequests()[0]?.outcome).toBe('client-closed');
  });

  it('flood streams an answer without end until the client leaves', async () => {
    server.enqueue({ kind: 'flood' });
    const stream = await client.chat.completions.create({ model: DEFAULT_MODEL, messages, stream: true });
    let received = '';
    for await (const chunk of stream) {
      received += chunk.choices[0]?.delta.content ?? '';
      if (received.length > 1_000_000) break; // leaving the loop aborts the request
    }
    expect(received.startsWith('{"summary":"aaaa')).toBe(true);
    expect(received.length).toBeGreaterThan(1_000_000);
    await expect.poll(() => server.completionRequests()[0]?.outcome).toBe('client-closed');
    expect(server.completionRequests()[0]?.behaviour).toBe('flood');
  });

  it('flood stops at maxChars, leaving a whole (non-streamed) body unfinished', async () => {
    const flood = { kind: 'flood', chunkSize: 1_000, maxChars: 50_000 } as const;
    server.enqueue(flood, flood);
    await expect(client.chat.completions.create({ model: DEFAULT_MODEL, messages })).rejects.toThrow();
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: DEFAULT_MODEL, messages }),
    });
    const text = await response.text();
    expect(text).toMatch(/"content":"\{\\"summary\\":\\"a+$/);
    expect(text.length).toBeGreaterThan(50_000);
    expect(text.length).toBeLessThan(52_000);
  });

  it('stop() closes stalled sockets so the client fails at once', async () => {
    const other = new ModelServer();
    const { baseUrl: otherUrl } = await other.start();
    other.setDefault({ kind: 'stall' });
    const otherClient = new OpenAI({
      baseURL: otherUrl,
      apiKey: DEFAULT_API_KEY,
      maxRetries: 0,
      // Far past the test's own 5 s timeout: only stop() closing the socket can end the request.
      timeout: 60_000,
    });
    const pending = otherClient.chat.completions.create({ model: DEFAULT_MODEL, messages });
    await other.waitForCompletionRequests(1);
    await other.stop();
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });
});

describe('scripting and recording', () => {
  it('records requests, takes queued behaviours in order, then the default', async () => {
    server.enqueue({ kind: 'note', note: 'first' }, { kind: 'note', note: 'second' });
    server.setDefault((req) => ({ kind: 'note', note: `echo: ${lastUserMessage(req)}` }));
    const answers: (string | null | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const completion = await client.chat.completions.create({ model: DEFAULT_MODEL, messages });
      answers.push(completion.choices[0]?.message.content);
    }
    expect(answers).toEqual(['first', 'second', 'echo: Post: the moon is made of cheese.']);

    await client.models.list();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/chat/completions',
      'POST /v1/chat/completions',
      'POST /v1/chat/completions',
      'GET /v1/models',
    ]);
    const [first] = server.completionRequests();
    expect(server.completionRequests()).toHaveLength(3);
    expect(first?.headers.authorization).toBe(`Bearer ${DEFAULT_API_KEY}`);
    expect(first?.body).toMatchObject({ model: DEFAULT_MODEL, messages });
    expect(first?.behaviour).toBe('note');
    expect(first?.outcome).toBe('completed');
    expect(typeof first?.time).toBe('number');

    server.reset();
    expect(server.requests).toHaveLength(0);
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL, messages });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual(DEFAULT_NOTE);
  });

  it('lastUserMessage reads content-part arrays too', async () => {
    await client.chat.completions.create({
      model: DEFAULT_MODEL,
      messages: [
        { role: 'user', content: 'earlier' },
        { role: 'assistant', content: 'ok' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'part one, ' },
            { type: 'text', text: 'part two' },
          ],
        },
      ],
    });
    const [request] = server.completionRequests();
    expect(request && lastUserMessage(request)).toBe('part one, part two');
  });
});

describe('CORS', () => {
  it('answers preflights and sends CORS headers like a hosted provider', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const preflight = await fetch(`${baseUrl}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    const models = await fetch(`${baseUrl}/models`, {
      headers: { Origin: origin, Authorization: `Bearer ${DEFAULT_API_KEY}` },
    });
    expect(models.status).toBe(200);
    expect(models.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it("emulates Ollama's 403 for foreign origins", async () => {
    server.setOriginPolicy('ollama');
    const headers = { Authorization: `Bearer ${DEFAULT_API_KEY}` };
    const foreign = await fetch(`${baseUrl}/models`, {
      headers: { ...headers, Origin: 'chrome-extension://abc' },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toBe('');
    const local = await fetch(`${baseUrl}/models`, {
      headers: { ...headers, Origin: 'http://localhost:3000' },
    });
    expect(local.status).toBe(200);
    const none = await fetch(`${baseUrl}/models`, { headers });
    expect(none.status).toBe(200);
  });
});
