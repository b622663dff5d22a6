import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_MODEL, DEFAULT_NOTE, lastUserMessage, ModelServer } from '../../e2e/model-server';
import type { Note, PartialNote } from '../ai/note-schema';
import { streamChatJson, type ChatEndpoint } from '../ai/openai-chat';
import { samplePost } from '../posts/sample-post';
import { NoteCache } from './note-cache';
import type { NoteError } from './note-error';
import type { NoteMeta } from './note-meta';
import { createNoteEngine } from './note-engine';

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

function setup(overrides: Partial<ChatEndpoint> | null = {}) {
  const engine = createNoteEngine({
    loadEndpoint: async () =>
      overrides === null ? null : { endpoint: { ...endpoint, ...overrides }, providerLabel: 'Custom' },
    answerLanguage: async () => 'pt-BR',
    cache: new NoteCache(100, 1e6),
    stream: streamChatJson,
    now: () => Date.parse('2026-11-28T12:00:00Z'),
  });
  const request = async (refresh = false, signal = new AbortController().signal): Promise<Outcome> => {
    const outcome: Outcome = { partials: [] };
    await engine.requestNote(
      { post, refresh },
      {
        partial: (note) => outcome.partials.push(note),
        done: (note, meta) => (outcome.done = { note, meta }),
        error: (error) => (outcome.error = error),
      },
      signal,
    );
    return outcome;
  };
  return { request };
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
    expect(user).toMatch(/<<<DATA:[0-9a-f]{24}\n[\s\S]*A ponte foi inaugurada em 2021\.\nDATA:[0-9a-f]{24}>>>$/);
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
    const refreshed = await request(true);
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
    const { error } = await setup(null).request();
    expect(error).toMatchObject({ code: 'no_provider', action: 'open_options' });
    expect(server.requests).toHaveLength(0);
  });

  const httpCases: Array<[string, Parameters<ModelServer['enqueue']>[0][], Partial<NoteError>]> = [
    ['401', [{ kind: 'error', status: 401 }], { code: 'auth', status: 401, action: 'open_options' }],
    ['403', [{ kind: 'error', status: 403 }], { code: 'forbidden', status: 403, action: 'open_options' }],
    ['404', [{ kind: 'error', status: 404 }], { code: 'model_not_found', status: 404, action: 'open_options' }],
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
    const { error } = await setup({ timeoutMs: 300 }).request();
    expect(error).toMatchObject({ code: 'timeout', action: 'retry' });
  });

  it('times out a stream that stalls mid-way (after the headers)', async () => {
    server.enqueue({ kind: 'stall-after', chars: 30 });
    const { error, partials } = await setup({ timeoutMs: 400 }).request();
    expect(partials.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'timeout', action: 'retry' });
  });

  it('reports a stream cut mid-JSON as a broken connection', async () => {
    server.enqueue({ kind: 'cut', afterChars: 40 });
    const { error } = await setup().request();
    expect(error).toMatchObject({ code: 'network', action: 'retry' });
  });

  it('reports malformed JSON, a wrong shape, and an empty answer as malformed', async () => {
    const { request } = setup();
    server.enqueue({ kind: 'note', note: '{"summary": "ok", "classification": ' });
    expect((await request(true)).error).toMatchObject({ code: 'malformed', action: 'retry' });
    server.enqueue({ kind: 'note', note: { summary: 'ok', classification: 'very_true' } });
    const wrongShape = (await request(true)).error;
    expect(wrongShape).toMatchObject({ code: 'malformed' });
    expect(wrongShape?.message).toContain('classification');
    server.enqueue({ kind: 'empty-choices' });
    expect((await request(true)).error).toMatchObject({ code: 'malformed' });
  });

  it('reports a refused connection as a network error naming the URL', async () => {
    const { error } = await setup({ baseUrl: 'http://127.0.0.1:9/v1' }).request();
    expect(error).toMatchObject({ code: 'network', action: 'retry' });
    expect(error?.message).toContain('http://127.0.0.1:9/v1');
  });

  it('stops when cancelled', async () => {
    server.setDefault({ kind: 'stall' });
    const controller = new AbortController();
    const pending = setup().request(false, controller.signal);
    await server.waitForCompletionRequests(1);
    controller.abort();
    expect((await pending).error).toMatchObject({ code: 'cancelled', action: null });
  });
});
