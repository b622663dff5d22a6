import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  lastUserMessage,
  ModelServer,
} from '../../e2e/model-server';
import type { Note, PartialNote } from '../core/note-schema';
import {
  EvidenceSkipped,
  type EvidenceSource,
  type GatheredEvidence,
  type RatingLookup,
  type SourceRating,
} from '../core/evidence';
import { streamChatJson, type ChatEndpoint } from '../ai/openai-chat';
import { samplePost } from '../../test-support/sample-post';
import { sampleReview } from '../../test-support/self-check-review';
import { NoteCache } from './note-cache';
import type { NoteError } from '../core/note-error';
import type { NoteMeta, TokenUsage } from '../core/note-meta';
import { createNoteEngine, type UsageAccounting } from './note-engine';
import { useLocalModelServer } from '../../test-support/local-model-server';
import { memoryOutputModes } from '../../test-support/memory-output-modes';
import { NO_EVIDENCE, type EvidencePlan } from './note-evidence';
import type { ImageCapabilityMemory, ImagePreparer } from './note-engine-deps';

// The engine end to end over real HTTP: the real openai SDK against the local server.

const { server, endpoint } = useLocalModelServer();

const post = samplePost({ text: 'A ponte foi inaugurada em 2021.', lang: 'pt' });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

interface Outcome {
  partials: PartialNote[];
  done?: { note: Note; meta: NoteMeta };
  error?: NoteError;
}

interface Setup {
  endpoint?: Partial<ChatEndpoint> | null;
  concurrency?: number;
  usage?: Partial<UsageAccounting>;
  evidence?: EvidencePlan;
  selfCheck?: boolean;
  images?: ImagePreparer;
  imageCapabilities?: ImageCapabilityMemory;
}

function setup({
  endpoint: overrides = {},
  concurrency = 3,
  usage = {},
  evidence = NO_EVIDENCE,
  selfCheck = false,
  images,
  imageCapabilities,
}: Setup = {}) {
  const outputModes = memoryOutputModes();
  const recorded: TokenUsage[] = [];
  const engine = createNoteEngine({
    loadEndpoint: async () =>
      overrides === null ? null : { endpoint: { ...endpoint(), ...overrides }, providerLabel: 'Custom' },
    answerLanguage: async () => 'pt-BR',
    evidencePlan: async () => evidence,
    selfCheck: async () => selfCheck,
    ...(images ? { images } : {}),
    ...(imageCapabilities ? { imageCapabilities } : {}),
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
    options: {
      refresh?: boolean;
      suggestedSource?: string;
      signal?: AbortSignal;
      post?: typeof post;
      onPartial?: () => void;
    } = {},
  ): Promise<Outcome> => {
    const outcome: Outcome = { partials: [] };
    await engine.requestNote(
      {
        post: options.post ?? post,
        refresh: options.refresh ?? false,
        ...(options.suggestedSource ? { suggestedSource: options.suggestedSource } : {}),
      },
      {
        partial: (note) => {
          outcome.partials.push(note);
          options.onPartial?.();
        },
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

  it('peeks at the cache alone: no model call, budget check or usage; the post’s language does not matter', async () => {
    const exceeded = vi.fn(async () => null);
    // Evidence on, as for any single note: a peek finds what a request of the post would.
    const { request, recorded, engine } = setup({
      usage: { exceeded },
      evidence: { ...NO_EVIDENCE, fingerprint: 'links' },
    });
    expect(await engine.peekNote(post)).toBeNull();
    expect(server.requests).toHaveLength(0);
    expect(exceeded).not.toHaveBeenCalled();
    expect(recorded).toHaveLength(0);

    const written = (await request()).done!;
    expect(await engine.peekNote({ ...post, lang: null })).toEqual({
      note: written.note,
      meta: { ...written.meta, fromCache: true },
    });
    expect(server.completionRequests()).toHaveLength(1);
    expect(await setup({ endpoint: null }).engine.peekNote(post)).toBeNull(); // no provider: a miss, no error
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
    expect(error?.message).toContain(endpoint().baseUrl);
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
    server.enqueue({
      kind: 'note',
      note: { ...DEFAULT_NOTE, detail: 'x'.repeat(250_000) },
      chunkSize: 20_000,
    });
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
      // A member is sent partials only once it has joined the shared call (each first hashes its
      // post), so a first partial for each proves both joined before one leaves.
      const joined = [deferred(), deferred()];
      const quitter = new AbortController();
      const leaving = request({ signal: quitter.signal, onPartial: joined[0]!.resolve });
      const staying = request({ onPartial: joined[1]!.resolve });
      await Promise.all(joined.map((j) => j.promise));
      quitter.abort();
      expect((await leaving).error?.code).toBe('cancelled');
      expect((await staying).done?.note).toEqual(DEFAULT_NOTE);
      expect(server.completionRequests()).toHaveLength(1); // the call went on for the one staying

      // The start of a note (a first partial for each member), then silence.
      server.setDefault({ kind: 'stall-after', chars: 30 });
      const bothJoined = [deferred(), deferred()];
      const controllers = [new AbortController(), new AbortController()];
      const both = controllers.map((ctl, i) =>
        request({
          refresh: false,
          signal: ctl.signal,
          post: { ...post, text: 'x' },
          onPartial: bothJoined[i]!.resolve,
        }),
      );
      await Promise.all(bothJoined.map((j) => j.promise));
      for (const ctl of controllers) ctl.abort();
      expect((await Promise.all(both)).map((o) => o.error?.code)).toEqual(['cancelled', 'cancelled']);
      expect(server.completionRequests()).toHaveLength(2); // one shared call for both
      await expect
        .poll(() => server.completionRequests().at(-1)?.outcome, { timeout: 10_000 })
        .toBe('client-closed');
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

describe('note engine with the self-check on', () => {
  it('streams only the summary of a draft, so a note the review withdraws is never shown', async () => {
    const draft = { ...DEFAULT_NOTE, classification: 'misleading', note: 'The author is lying again.' };
    server.enqueue({ kind: 'note', note: draft, chunkSize: 5 });
    server.enqueue({ kind: 'note', note: sampleReview({ action: 'withdraw', reason: 'About the author.' }) });
    const { partials, done } = await setup({ selfCheck: true }).request();
    expect(partials.length).toBeGreaterThan(0);
    for (const partial of partials) expect(Object.keys(partial)).toEqual(['summary']);
    expect(done?.note).toMatchObject({ note: '', classification: 'unverifiable' });
    expect(done?.meta.selfCheck).toMatchObject({ outcome: 'withdrawn', reason: 'About the author.' });
    expect(server.completionRequests()).toHaveLength(2);
    // The review's tokens are in the note's.
    expect(done!.meta.usage.promptTokens).toBeGreaterThan(done!.meta.selfCheck!.usage.promptTokens);
  });
});

describe('note engine with pictures', () => {
  const pictured = samplePost({
    text: 'Olha o que o jornal publicou hoje.',
    media: {
      imageAlts: ['Image', 'Image'],
      imageUrls: ['https://pbs.twimg.com/media/a?name=medium', ''],
      hasVideo: false,
    },
  });
  const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';
  function preparer(): ImagePreparer & { prepared: number } {
    return {
      prepared: 0,
      enabled: async () => true,
      async prepare() {
        this.prepared++;
        return {
          images: [{ of: 'post', index: 1, dataUrl: JPEG, width: 1024, height: 768, bytes: 51_000 }],
          skipped: [{ of: 'post', index: 2, reason: 'no_address' }],
        };
      },
    };
  }
  function memory(): ImageCapabilityMemory & { learned: Map<string, string> } {
    const learned = new Map<string, 'yes' | 'no'>();
    return {
      learned,
      get: async (key) => learned.get(key),
      set: async (key, value) => void learned.set(key, value),
    };
  }
  const imageParts = (index: number) =>
    JSON.stringify(server.completionRequests()[index]!.body).match(/"type":"image_url"/g)?.length ?? 0;

  it('sends the pictures as image parts after the text, named in the prompt, and keeps a report', async () => {
    const capabilities = memory();
    const { done } = await setup({ images: preparer(), imageCapabilities: capabilities }).request({
      post: pictured,
    });
    const request = server.completionRequests()[0]!;
    expect(imageParts(0)).toBe(1);
    expect(JSON.stringify(request.body)).toContain(JPEG);
    expect(lastUserMessage(request)).toContain(
      'Attached after this message, in this order: image 1 of the post.',
    );
    expect(lastUserMessage(request)).toContain('image 2 of the post (not shown to you), alt text: Image');
    expect(done?.meta.images).toEqual({
      sent: [{ of: 'post', index: 1, width: 1024, height: 768, bytes: 51_000 }],
      skipped: [{ of: 'post', index: 2, reason: 'no_address' }],
      textOnly: false,
      estimatedTokens: 85,
    });
    expect([...capabilities.learned.values()]).toEqual(['yes']);
  });

  it('falls back to alt text when the model refuses pictures, remembers it, and sends none after', async () => {
    const capabilities = memory();
    const images = preparer();
    server.enqueue({
      kind: 'error',
      status: 400,
      message: 'Invalid content type. image_url is only supported by certain models.',
    });
    const engine = setup({ images, imageCapabilities: capabilities });
    const first = await engine.request({ post: pictured });
    expect(first.error).toBeUndefined();
    expect(server.completionRequests().map((_, i) => imageParts(i))).toEqual([1, 0]);
    expect(first.done?.meta.images).toMatchObject({ sent: [], textOnly: true });
    expect([...capabilities.learned.values()]).toEqual(['no']);

    const second = await engine.request({ post: { ...pictured, id: '2', text: 'Outra imagem.' } });
    expect(images.prepared).toBe(1); // not fetched again for a model that reads none
    expect(imageParts(2)).toBe(0);
    expect(second.done?.meta.images).toEqual({ sent: [], skipped: [], textOnly: true, estimatedTokens: 0 });
  });

  it('takes another 400 for what it was before (an output mode refused): the pictures stay', async () => {
    server.enqueue({
      kind: 'error',
      status: 400,
      message: "Invalid parameter: 'response_format' of type 'json_schema'",
    });
    const capabilities = memory();
    const { done } = await setup({ images: preparer(), imageCapabilities: capabilities }).request({
      post: pictured,
    });
    expect(done?.meta.images?.textOnly).toBe(false);
    expect(server.completionRequests().map((_, i) => imageParts(i))).toEqual([1, 1]);
    expect([...capabilities.learned.values()]).toEqual(['yes']);
  });
});

describe('note engine with evidence', () => {
  const linked: GatheredEvidence = {
    kind: 'link',
    url: 'http://example.org/ponte',
    title: 'Ponte inaugurada em 2023',
    publisher: 'example.org',
    excerpt: 'A ponte foi inaugurada em março de 2023, não em 2021.',
    publishedAt: '2023-03-02',
    review: null,
  };
  const encyclopedic: GatheredEvidence = {
    ...linked,
    kind: 'wikipedia',
    url: 'https://pt.wikipedia.org/wiki/Ponte',
    title: 'Ponte',
    publisher: 'Wikipedia (pt)',
    excerpt: 'Uma ponte é uma construção.',
    publishedAt: null,
  };
  const checked: GatheredEvidence = {
    ...linked,
    kind: 'fact_check',
    url: 'https://lupa.example/ponte',
    title: 'É falso que a ponte foi inaugurada em 2021',
    publisher: 'Lupa',
    review: {
      claim: 'A ponte foi inaugurada em 2021',
      rating: 'Falso',
      verdict: 'refuted',
      reviewedAt: '2024-01-10',
    },
  };

  function source(kind: GatheredEvidence['kind'], answer: () => Promise<GatheredEvidence[]>): EvidenceSource {
    return { kind, gather: answer };
  }
  function plan(sources: EvidenceSource[], extra: Partial<EvidencePlan> = {}): EvidencePlan {
    return { ...NO_EVIDENCE, sources, deadlineMs: 1_000, fingerprint: 'test', ...extra };
  }
  const citing = (citations: string[]): Note => ({
    ...DEFAULT_NOTE,
    claims: DEFAULT_NOTE.claims.map((claim) => ({ ...claim, basis: 'evidence', citations })),
  });

  it('gives the model each item in its own data block and keeps only citations of gathered IDs', async () => {
    server.enqueue({ kind: 'note', note: citing(['E1', 'E9', 'https://invented.example']) });
    const evidence = plan([
      source('link', async () => [linked]),
      source('wikipedia', async () => [encyclopedic]),
    ]);
    const { done, error } = await setup({ evidence }).request();
    expect(error).toBeUndefined();
    const user = lastUserMessage(server.completionRequests()[0]!);
    expect(user).toMatch(
      /Evidence E1 \(a page the post links to\):\n<<<DATA:[0-9a-f]{24}\n[^]*não em 2021\.\nDATA:/,
    );
    expect(user).toMatch(/Evidence E2 \(a Wikipedia article\):\n<<<DATA:/);
    // The post stays last, after the evidence.
    expect(user.lastIndexOf('A ponte foi inaugurada em 2021.')).toBeGreaterThan(user.indexOf('Evidence E2'));
    expect(done?.note.claims.every((claim) => claim.citations.join() === 'E1')).toBe(true);
    expect(done?.meta.evidence).toEqual([
      {
        id: 'E1',
        kind: 'link',
        url: linked.url,
        title: linked.title,
        publisher: 'example.org',
        review: null,
        late: false,
      },
      {
        id: 'E2',
        kind: 'wikipedia',
        url: encyclopedic.url,
        title: 'Ponte',
        publisher: 'Wikipedia (pt)',
        review: null,
        late: false,
      },
    ]);
    expect(server.completionRequests()).toHaveLength(1); // no web search: one round
  });

  it('shows what arrives after the deadline as a late item that the model was not given', async () => {
    let answerLate!: (items: GatheredEvidence[]) => void;
    const slow = source('wikipedia', () => new Promise((resolve) => (answerLate = resolve)));
    // The slow source answers when the model call arrives, so certainly after the deadline.
    server.setDefault(() => {
      answerLate([encyclopedic]);
      return { kind: 'note', note: DEFAULT_NOTE };
    });
    const evidence = plan([source('link', async () => [linked]), slow], { deadlineMs: 50 });
    const { done } = await setup({ evidence }).request();
    expect(lastUserMessage(server.completionRequests()[0]!)).not.toContain('Uma ponte é uma construção.');
    expect(done?.meta.evidence.map(({ id, late }) => [id, late])).toEqual([
      ['E1', false],
      ['E2', true],
    ]);
  });

  it('says why a source gave nothing, and writes the note anyway', async () => {
    const denied = source('link', async () => {
      throw new EvidenceSkipped('permission_denied', 'Allow Footnote to read linked pages in options.');
    });
    const broken = source('wikipedia', async () => {
      throw new Error('socket hang up');
    });
    const { done } = await setup({ evidence: plan([denied, broken]) }).request();
    expect(done?.meta.evidence).toEqual([]);
    expect(done?.meta.evidenceNotices).toEqual([
      { kind: 'link', code: 'permission_denied', message: 'Allow Footnote to read linked pages in options.' },
      { kind: 'wikipedia', code: 'failed', message: 'socket hang up' },
    ]);
    expect(lastUserMessage(server.completionRequests()[0]!)).not.toContain('Evidence gathered');
  });

  it('features a professional fact-check of the same claim', async () => {
    const evidence = plan([
      source('fact_check', async () => [checked]),
      source('link', async () => [linked]),
    ]);
    const { done } = await setup({ evidence }).request();
    expect(done?.meta.factCheckId).toBe('E1');
  });

  it("runs a second round with the model's own search queries when web search is on", async () => {
    const searched: string[][] = [];
    const webResult: GatheredEvidence = {
      ...linked,
      kind: 'web',
      url: 'https://news.example/ponte',
      excerpt: 'Inaugurada em 2023.',
    };
    const evidence = plan([source('link', async () => [linked])], {
      searchWeb: async (queries) => {
        searched.push(queries);
        return [linked, webResult]; // the link is known already: only the new result is added
      },
    });
    server.enqueue({ kind: 'note', note: { ...citing(['E1']), search_queries: ['ponte inauguração 2023'] } });
    server.enqueue({ kind: 'note', note: citing(['E1', 'E2']) });
    const { done, error } = await setup({ evidence }).request();
    expect(error).toBeUndefined();
    expect(searched).toEqual([['ponte inauguração 2023']]);
    const requests = server.completionRequests();
    expect(requests).toHaveLength(2);
    expect(lastUserMessage(requests[1]!)).toMatch(
      /Evidence E2 \(a web search result\):\n<<<DATA:[^]*Inaugurada em 2023\./,
    );
    expect(done?.note.claims[0]?.citations).toEqual(['E1', 'E2']);
    expect(done?.note).not.toHaveProperty('search_queries');
    expect(done?.meta.evidence.map((item) => item.id)).toEqual(['E1', 'E2']);
  });

  it("gives the platform's own context as E0, before the rest, and checks spans against it", async () => {
    const noted = samplePost({
      text: 'A ponte foi inaugurada em 2021.',
      platformContext: [
        { kind: 'community_note', text: 'A ponte foi inaugurada em 2019, segundo a prefeitura.', url: null },
      ],
    });
    const [first] = DEFAULT_NOTE.claims;
    server.enqueue({
      kind: 'note',
      note: {
        ...DEFAULT_NOTE,
        claims: [
          {
            ...first!,
            verdict: 'refuted',
            basis: 'evidence',
            citations: ['E0'],
            support: [{ evidence: 'E0', text: 'inaugurada em 2019, segundo a prefeitura' }],
          },
        ],
      },
    });
    const { done } = await setup({ evidence: plan([source('link', async () => [linked])]) }).request({
      post: noted,
    });
    const user = lastUserMessage(server.completionRequests()[0]!);
    expect(user).toMatch(
      /Evidence E0 \(context the platform itself shows[^\n]*\n<<<DATA:[^]*Community Note: A ponte foi inaugurada em 2019/,
    );
    expect(user.indexOf('Evidence E0')).toBeLessThan(user.indexOf('Evidence E1'));
    expect(done?.meta.evidence.map((item) => [item.id, item.kind, item.publisher])).toEqual([
      ['E0', 'platform', 'X'],
      ['E1', 'link', 'example.org'],
    ]);
    expect(done?.note.claims[0]).toMatchObject({
      basis: 'evidence',
      verdict: 'refuted',
      support: [{ evidence: 'E0', text: 'inaugurada em 2019, segundo a prefeitura' }],
    });
    expect(done?.meta.grounding).toEqual({ evidenceClaims: 1, grounded: 1, downgraded: 0 });
  });

  it("tells the model how the reader's rating list rates each source, and rates the post's links", async () => {
    const low: SourceRating = {
      domain: 'example.org',
      score: 0.1,
      level: 'low',
      category: 'unreliable',
      list: 'Test list',
    };
    const ratings: RatingLookup = {
      version: 'Test list 2026-12-01',
      rate: (url) => (new URL(url).hostname.endsWith('example.org') ? low : null),
    };
    const linking = samplePost({
      text: 'A ponte foi inaugurada em 2021.',
      links: ['https://news.example.org/ponte', 'https://other.example/ponte'],
    });
    const evidence = plan(
      [source('link', async () => [linked]), source('wikipedia', async () => [encyclopedic])],
      {
        ratings,
      },
    );
    const { done } = await setup({ evidence }).request({ post: linking });
    // Footnote's words, outside the data block: a page cannot rate itself.
    expect(lastUserMessage(server.completionRequests()[0]!)).toMatch(
      /Evidence E1 \(a page the post links to; source reputation \(Test list\): low \(0\.10 of 1, category unreliable\)\):\n<<<DATA:/,
    );
    expect(done?.meta.evidence.map((item) => item.rating ?? null)).toEqual([low, null]);
    expect(done?.meta.linkRatings).toEqual([{ url: 'https://news.example.org/ponte', rating: low }]);
  });

  describe('a source the reader suggests', () => {
    const suggested: GatheredEvidence = {
      ...linked,
      kind: 'suggested',
      url: 'https://gov.example/ponte',
      title: 'Prefeitura: a ponte',
      publisher: 'gov.example',
      excerpt: 'A ponte foi inaugurada em 2019 pela prefeitura.',
    };

    it('rewrites the note with it as the next evidence ID, keeping the first version', async () => {
      const read: string[] = [];
      const evidence = plan([source('link', async () => [linked])], {
        readSuggested: async (url) => {
          read.push(url);
          return suggested;
        },
      });
      const { request } = setup({ evidence });
      const first = await request();
      server.enqueue({ kind: 'note', note: citing(['E2']) });
      const second = await request({ suggestedSource: 'https://gov.example/ponte' });
      expect(second.error).toBeUndefined();
      expect(read).toEqual(['https://gov.example/ponte']);
      expect(lastUserMessage(server.completionRequests()[1]!)).toMatch(
        /Evidence E2 \(a source the reader suggested\):\n<<<DATA:[^]*inaugurada em 2019 pela prefeitura/,
      );
      expect(second.done?.meta.evidence.map((item) => [item.id, item.kind])).toEqual([
        ['E1', 'link'],
        ['E2', 'suggested'],
      ]);
      expect(second.done?.meta.revision).toEqual({
        sourceUrl: 'https://gov.example/ponte',
        previous: {
          note: first.done!.note,
          evidence: first.done!.meta.evidence,
          createdAt: first.done!.meta.createdAt,
        },
      });
      // The revised note, with its first version, is what the cache answers from now on.
      const third = await request();
      expect(third.done?.meta).toMatchObject({ fromCache: true, revision: second.done!.meta.revision });
      expect(server.completionRequests()).toHaveLength(2);
    });

    it('keeps the note when the source cannot be read, and says why', async () => {
      const evidence = plan([source('link', async () => [linked])], {
        readSuggested: async () => {
          throw new Error('it is on your own network, which Footnote never reads.');
        },
      });
      const { request } = setup({ evidence });
      const first = await request();
      const second = await request({ suggestedSource: 'http://192.168.1.1/' });
      expect(second.error).toMatchObject({
        code: 'invalid_request',
        message:
          'Footnote could not use http://192.168.1.1/ as a source: it is on your own network, which Footnote never reads.',
      });
      expect(server.completionRequests()).toHaveLength(1);
      const third = await request();
      expect(third.done).toMatchObject({ note: first.done!.note, meta: { fromCache: true } });
    });
  });
});
