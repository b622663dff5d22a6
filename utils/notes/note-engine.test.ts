import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  lastUserMessage,
  ModelServer,
} from '../../e2e/model-server';
import type { Note, PartialNote } from '../ai/note-schema';
import { streamChatJson, type ChatEndpoint } from '../ai/openai-chat';
import { samplePost } from '../posts/sample-post';
import { NoteCache } from './note-cache';
import type { NoteError } from './note-error';
import type { NoteMeta, TokenUsage } from './note-meta';
import { createNoteEngine, type UsageAccounting } from './note-engine';
import { memoryOutputModes } from '../ai/memory-output-modes';

// The engine end to end over real HTTP: the real openai SDK against the local server.

const server = new ModelServer();
let endpoint: ChatEndpoint;

beforeAll(async () => {
  const { baseUrl } = await server.start();
  endpoint = { baseUrl, apiKey: DEFAULT_API_KEY, model: DEFAULT_MODEL, timeoutMs: 2_000 };
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

const post = samplePost({ text: 'A ponte foi inaugurada em 2021.', lang: 'pt' });

interface Outcome {
  partials: PartialNote[];
  done?: { note: Note; meta: NoteMeta };
  error?: NoteError;
}

interface Setup {
  endpoint?: Partial<ChatEndpoint> | null;
  concurrency?: number;
  usage?: Partial<UsageAccounting>;
}

function setup({ endpoint: overrides = {}, concurrency = 3, usage = {} }: Setup = {}) {
  const outputModes = memoryOutputModes();
  const recorded: TokenUsage[] = [];
  const engine = createNoteEngine({
    loadEndpoint: async () =>
      overrides === null ? null : { endpoint: { ...endpoint, ...overrides }, providerLabel: 'Custom' },
    answerLanguage: async () => 'pt-BR',
    cache: new NoteCache(100, 1e6),
    outputModes,
    usage: {
      exceeded: async () => null,
      record: async (u) => void recorded.push(u),
      ...usage,
    },
    stream: streamChatJson,
    now: () => Date.parse('2026-11-28T12:00:00Z'),
    concurrency,
  });
  const request = async (
    options: { refresh?: boolean; signal?: AbortSignal; post?: typeof post } = {},
  ): Promise<Outcome> => {
    const outcome: Outcome = { partials: [] };
    await engine.requestNote(
      { post: options.post ?? post, refresh: options.refresh ?? false },
      {
        partial: (note) => outcome.partials.push(note),
        done: (note, meta) => (outcome.done = { note, meta }),
        error: (error) => (outcome.error = error),
      },
      options.signal ?? new AbortController().signal,
    );
    return outcome;
  };
  return { request, outputModes, recorded, engine };
}

describe('note engine', () => {
  it('streams partial notes, summary first, then the validated note', async () => {
    server.enqueue({ kind: 'note', note: DEFAULT_NOTE, chunkSize: 5 });
    const { partials, done, error } = await setup().request();
    expect(error).toBeUndefined();
    expect(done?.note).toEqual(DEFAULT_NOTE);
    expect(partials.length).toBeGreaterThan(5);
    const firstWithSummary = partials.findIndex((p) => p.summary);
    const firstWithClaims = partials.findIndex((p) => p.claims?.length);
    expect(firstWithSummary).toBeGreaterThanOrEqual(0);
    expect(firstWithSummary).toBeLessThan(firstWithClaims);
    expect(partials[firstWithSummary]?.summary?.length).toBeLessThan(DEFAULT_NOTE.summary.length);
    expect(done?.meta).toMatchObject({
      provider: 'Custom',
      model: DEFAULT_MODEL,
      fromCache: false,
      usage: { estimated: false },
    });
    expect(done?.meta.usage.promptTokens).toBeGreaterThan(0);
  });

  it('sends a strict json_schema request with the post delimited in the user message', async () => {
    await setup().request();
    const [req] = server.completionRequests();
    const body = req?.body as Record<string, unknown>;
    expect(req?.headers.authorization).toBe(`Bearer ${DEFAULT_API_KEY}`);
    expect(body).toMatchObject({
      model: DEFAULT_MODEL,
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: 'json_schema', json_schema: { name: 'footnote_note', strict: true } },
    });
    const user = lastUserMessage(req!);
    expect(user).toMatch(
      /<<<DATA:[0-9a-f]{24}\n[\s\S]*A ponte foi inaugurada em 2021\.\nDATA:[0-9a-f]{24}>>>$/,
    );
    expect(user).toContain('Answer language: Brazilian Portuguese.');
    expect(user).toContain("Today's date: 2026-11-28.");
  });

  it('answers a repeated request from the cache without calling the model; refresh calls it again', async () => {
    const { request } = setup();
    await request();
    const cached = await request();
    expect(cached.done?.meta.fromCache).toBe(true);
    expect(cached.done?.note).toEqual(DEFAULT_NOTE);
    expect(server.completionRequests()).toHaveLength(1);
    const refreshed = await request({ refresh: true });
    expect(refreshed.done?.meta.fromCache).toBe(false);
    expect(server.completionRequests()).toHaveLength(2);
  });

  it('enforces the note rules on the final answer', async () => {
    const weak = { ...DEFAULT_NOTE.claims[0]!, verdict: 'refuted', confidence: 0.3, citations: ['E7'] };
    server.enqueue({ kind: 'note', note: { ...DEFAULT_NOTE, claims: [weak] } });
    const { done } = await setup().request();
    expect(done?.note.claims[0]).toMatchObject({ verdict: 'unverifiable', citations: [] });
  });

  it('says so when no provider is set, without any request', async () => {
    const { error } = await setup({ endpoint: null }).request();
    expect(error).toMatchObject({ code: 'no_provider', action: 'open_options' });
    expect(server.requests).toHaveLength(0);
  });

  const httpCases: Array<[string, Parameters<ModelServer['enqueue']>[0][], Partial<NoteError>]> = [
    ['401', [{ kind: 'error', status: 401 }], { code: 'auth', status: 401, action: 'open_options' }],
    ['403', [{ kind: 'error', status: 403 }], { code: 'forbidden', status: 403, action: 'open_options' }],
    [
      '404',
      [{ kind: 'error', status: 404 }],
      { code: 'model_not_found', status: 404, action: 'open_options' },
    ],
    [
      '429 twice',
      [
        { kind: 'error', status: 429, headers: { 'retry-after': '0' } },
        { kind: 'error', status: 429, headers: { 'retry-after': '7' } },
      ],
      { code: 'rate_limited', status: 429, retryAfterMs: 7000, action: 'retry' },
    ],
    [
      '500 twice',
      [
        { kind: 'error', status: 500 },
        { kind: 'error', status: 503 },
      ],
      { code: 'server', status: 503, action: 'retry' },
    ],
  ];
  it.each(httpCases)('maps HTTP %s to a specific error', async (_label, behaviours, expected) => {
    server.enqueue(...behaviours);
    const { error, done } = await setup().request();
    expect(done).toBeUndefined();
    expect(error).toMatchObject(expected);
    expect(error?.message).toContain(endpoint.baseUrl);
  });

  it('includes the provider’s own words in the message', async () => {
    server.enqueue({ kind: 'error', status: 401, message: 'Incorrect API key provided: sk-wr***ng.' });
    const { error } = await setup().request();
    expect(error?.message).toContain('Incorrect API key provided: sk-wr***ng.');
  });

  it('retries one 429 and then succeeds', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '0' } });
    const { done } = await setup().request();
    expect(done?.note).toEqual(DEFAULT_NOTE);
    expect(server.completionRequests()).toHaveLength(2);
  });

  it('times out a server that never answers', async () => {
    server.setDefault({ kind: 'stall' });
    const { error } = await setup({ endpoint: { timeoutMs: 300 } }).request();
    expect(error).toMatchObject({ code: 'timeout', action: 'retry' });
  });

  it('times out a stream that stalls mid-way (after the headers)', async () => {
    server.enqueue({ kind: 'stall-after', chars: 30 });
    const { error, partials } = await setup({ endpoint: { timeoutMs: 400 } }).request();
    expect(partials.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'timeout', action: 'retry' });
  });

  it('reports a stream cut mid-JSON as a broken connection', async () => {
    server.enqueue({ kind: 'cut', afterChars: 40 });
    const { error } = await setup().request();
    expect(error).toMatchObject({ code: 'network', action: 'retry' });
  });

  it('repairs an invalid answer once: the model is told what was wrong', async () => {
    server.enqueue({ kind: 'note', note: { ...DEFAULT_NOTE, classification: 'very_true' } });
    const { done } = await setup().request();
    expect(done?.note).toEqual(DEFAULT_NOTE);
    expect(done?.meta.repaired).toBe(true);
    const [first, repair] = server.completionRequests();
    const messages = (repair?.body as { messages: Array<{ role: string; content: string }> }).messages;
    expect(messages.slice(0, -2)).toEqual((first?.body as { messages: unknown[] }).messages);
    expect(messages.at(-2)).toMatchObject({
      role: 'assistant',
      content: expect.stringContaining('very_true'),
    });
    expect(messages.at(-1)?.content).toMatch(/^That answer is not valid: classification: /);
  });

  it('reports malformed JSON or a wrong shape given twice, and an empty answer, as malformed', async () => {
    const { request } = setup();
    const broken = '{"summary": "ok", "classification": ';
    server.enqueue({ kind: 'note', note: broken }, { kind: 'note', note: broken });
    const twice = (await request({ refresh: true })).error;
    expect(twice).toMatchObject({ code: 'malformed', action: 'retry' });
    expect(twice?.message).toContain('invalid answer twice (not valid JSON');
    const wrong = { kind: 'note', note: { summary: 'ok', classification: 'very_true' } } as const;
    server.enqueue(wrong, wrong);
    const wrongShape = (await request({ refresh: true })).error;
    expect(wrongShape).toMatchObject({ code: 'malformed' });
    expect(wrongShape?.message).toContain('classification');
    server.enqueue({ kind: 'empty-choices' });
    expect((await request({ refresh: true })).error).toMatchObject({ code: 'malformed' });
  });

  it('cuts off a runaway answer instead of reading it all', async () => {
    server.enqueue({ kind: 'note', note: { ...DEFAULT_NOTE, detail: 'x'.repeat(250_000) }, chunkSize: 20_000 });
    const { error } = await setup().request();
    expect(error).toMatchObject({ code: 'malformed' });
    expect(error?.message).toContain('longer than 200000 characters');
  });

  it('reports a refused connection as a network error naming the URL', async () => {
    const { error } = await setup({ endpoint: { baseUrl: 'http://127.0.0.1:9/v1' } }).request();
    expect(error).toMatchObject({ code: 'network', action: 'retry' });
    expect(error?.message).toContain('http://127.0.0.1:9/v1');
  });

  it('stops when cancelled', async () => {
    server.setDefault({ kind: 'stall' });
    const controller = new AbortController();
    const pending = setup().request({ signal: controller.signal });
    await server.waitForCompletionRequests(1);
    controller.abort();
    expect((await pending).error).toMatchObject({ code: 'cancelled', action: null });
  });

  describe('structured output modes', () => {
    const rejectsSchema = {
      kind: 'error',
      status: 400,
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    } as const;
    const formats = () =>
      server
        .completionRequests()
        .map((r) => (r.body as { response_format?: { type: string } }).response_format?.type ?? 'none');

    it('falls back to JSON mode when json_schema is rejected, and remembers it', async () => {
      server.enqueue(rejectsSchema);
      const { request, outputModes } = setup();
      const { done } = await request();
      expect(done?.meta.mode).toBe('json_object');
      expect(formats()).toEqual(['json_schema', 'json_object']);
      expect([...outputModes.modes.values()]).toEqual(['json_object']);
      await request({ refresh: true });
      expect(formats()).toEqual(['json_schema', 'json_object', 'json_object']); // no second probe
    });

    it('falls back to prompt-only (no response_format) when JSON mode is rejected too', async () => {
      server.enqueue(rejectsSchema, {
        kind: 'error',
        status: 400,
        message: 'response_format is not supported',
      });
      const { done } = await setup().request();
      expect(done?.meta.mode).toBe('prompt_only');
      expect(formats()).toEqual(['json_schema', 'json_object', 'none']);
      // The schema travels in the system message, so prompt-only answers know the shape.
      const system = (server.completionRequests()[2]?.body as { messages: Array<{ content: string }> })
        .messages[0];
      expect(system?.content).toContain('"injection_detected"');
    });

    it('streams partial notes in prompt-only mode, fenced answer and all', async () => {
      server.enqueue(rejectsSchema, { kind: 'error', status: 400 });
      server.enqueue({
        kind: 'note',
        note: 'Here you go:\n```json\n' + JSON.stringify(DEFAULT_NOTE) + '\n```',
        chunkSize: 7,
      });
      const { done, partials } = await setup().request();
      expect(done?.note).toEqual(DEFAULT_NOTE);
      expect(partials.some((p) => p.summary && p.summary.length < DEFAULT_NOTE.summary.length)).toBe(true);
    });

    it('does not fall back on errors that are not about the format', async () => {
      server.enqueue({ kind: 'error', status: 401 });
      const { error } = await setup().request();
      expect(error?.code).toBe('auth');
      expect(formats()).toEqual(['json_schema']);
    });
  });

  describe('queue', () => {
    it('shares one model call between identical requests in flight, reposts included', async () => {
      server.enqueue({ kind: 'note', note: DEFAULT_NOTE, chunkDelayMs: 20 });
      const { request, recorded } = setup();
      const repost = { ...post, id: '999', author: { name: 'Other', handle: 'other' } };
      const [a, b, c] = await Promise.all([request(), request(), request({ post: repost })]);
      expect([a, b, c].map((o) => o.done?.note)).toEqual([DEFAULT_NOTE, DEFAULT_NOTE, DEFAULT_NOTE]);
      expect(server.completionRequests()).toHaveLength(1);
      expect(recorded).toHaveLength(1); // usage counted once
      expect(c.partials.length).toBeGreaterThan(0);
    });

    it('one member cancelling does not stop the others; all cancelling stops the call', async () => {
      server.enqueue({ kind: 'note', note: DEFAULT_NOTE, chunkDelayMs: 30 });
      const { request } = setup();
      const quitter = new AbortController();
      const leaving = request({ signal: quitter.signal });
      const staying = request();
      await server.waitForCompletionRequests(1);
      // Both have joined the shared call (each first hashes its post) before one leaves.
      await new Promise((resolve) => setTimeout(resolve, 100));
      quitter.abort();
      expect((await leaving).error?.code).toBe('cancelled');
      expect((await staying).done?.note).toEqual(DEFAULT_NOTE);

      server.setDefault({ kind: 'stall' });
      const controllers = [new AbortController(), new AbortController()];
      const both = controllers.map((ctl) =>
        request({ refresh: false, signal: ctl.signal, post: { ...post, text: 'x' } }),
      );
      const calls = server.completionRequests().length;
      await server.waitForCompletionRequests(calls + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const ctl of controllers) ctl.abort();
      expect((await Promise.all(both)).map((o) => o.error?.code)).toEqual(['cancelled', 'cancelled']);
      expect(server.completionRequests()).toHaveLength(calls + 1); // one shared call for both
      await expect.poll(() => server.completionRequests().at(-1)?.outcome).toBe('client-closed');
    });

    it('runs at most `concurrency` calls at once per endpoint', async () => {
      server.setDefault({ kind: 'note', note: DEFAULT_NOTE, chunkDelayMs: 10 });
      const { request } = setup({ concurrency: 1 });
      const posts = ['one', 'two', 'three'].map((text, i) => ({ ...post, id: String(i), text }));
      const outcomes = await Promise.all(posts.map((p) => request({ post: p })));
      expect(outcomes.every((o) => o.done)).toBe(true);
      const calls = server.completionRequests();
      expect(calls).toHaveLength(3);
      // Each call started only once the previous one had streamed its whole answer (~0.5 s at
      // 12 characters per 10 ms); three at once would arrive within a few milliseconds.
      for (let i = 1; i < calls.length; i++) expect(calls[i]!.time - calls[i - 1]!.time).toBeGreaterThan(200);
      expect(calls.map((c) => lastUserMessage(c).split('text:\n')[1]?.split('\n')[0]).sort()).toEqual([
        'one',
        'three',
        'two',
      ]);
    });

    it('a request cancelled while waiting in the queue never reaches the model', async () => {
      server.setDefault({ kind: 'stall' });
      const { request } = setup({ concurrency: 1 });
      const first = new AbortController();
      const waiting = new AbortController();
      const a = request({ signal: first.signal });
      const b = request({ signal: waiting.signal, post: { ...post, text: 'other' } });
      await server.waitForCompletionRequests(1);
      waiting.abort();
      expect((await b).error?.code).toBe('cancelled');
      first.abort();
      await a;
      expect(server.completionRequests()).toHaveLength(1);
    });
  });

  describe('budget', () => {
    it('stops new requests once today’s budget is used, with a clear message and no call', async () => {
      const { error } = await setup({
        usage: { exceeded: async () => ({ budget: 1000, used: 1200 }) },
      }).request();
      expect(error).toMatchObject({ code: 'budget_exhausted', action: 'open_options' });
      expect(error?.message).toContain('1000');
      expect(server.completionRequests()).toHaveLength(0);
    });

    it('still answers from the cache when the budget is used', async () => {
      let over = false;
      const { request } = setup({ usage: { exceeded: async () => (over ? { budget: 1, used: 2 } : null) } });
      await request();
      over = true;
      expect((await request()).done?.meta.fromCache).toBe(true);
    });

    it('records the provider’s usage, or an estimate when it reports none', async () => {
      const { request, recorded } = setup();
      await request();
      expect(recorded[0]).toMatchObject({ estimated: false });
      expect(recorded[0]!.promptTokens).toBeGreaterThan(0);
    });
  });
});
