import { describe, expect, it } from 'vitest';
import { lastUserMessage, type ModelServer } from '../../e2e/model-server';
import { useLocalModelServer } from '../../test-support/local-model-server';
import { memoryOutputModes } from '../../test-support/memory-output-modes';
import { samplePost } from '../../test-support/sample-post';
import { streamChatJson } from '../ai/openai-chat';
import { TRIAGE_SYSTEM_PROMPT } from '../ai/triage-prompt';
import type { NoteError } from '../core/note-error';
import type { TokenUsage } from '../core/note-meta';
import type { Post } from '../core/post';
import type { Triage } from '../core/triage';
import { addUsage, dayOf, type UsageLedger, type UsageTally } from '../settings/usage-ledger';
import { NoteCache } from './note-cache';
import { createNoteEngine, type NoteEngineDeps } from './note-engine';
import { NO_EVIDENCE } from './note-evidence';
import type { CachedTriage } from './triage-cache';
import { NOTHING_TO_CHECK_TRIAGE } from './triage-notes';
import { memoryCacheStore } from '../../test-support/memory-cache-store';

// Feed triage end to end over real HTTP: the real openai SDK against the local model server.

const { server, endpoint } = useLocalModelServer();

const NOW = Date.parse('2026-11-28T12:00:00Z');
const posts: Post[] = ['A ponte caiu ontem.', 'Vaccines cause X.', 'Great weather today!'].map((text, i) =>
  samplePost({ id: String(i + 1), url: `https://x.com/u/status/${i + 1}`, text }),
);

const verdict = (ref: string, patch: Partial<Triage> = {}) => ({
  ref,
  classification: 'misleading' as const,
  reason: `Why ${ref} may mislead.`,
  worth_note: true,
  injection_detected: false,
  ...patch,
});
const triageOf = ({ ref: _ref, ...triage }: ReturnType<typeof verdict>): Triage => triage;
const answer = (...items: unknown[]) => ({ kind: 'note', note: { posts: items } }) as const;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A triage cache that tells when a batch has looked a post up (just before its in-flight check). */
class WatchedCache extends NoteCache<CachedTriage> {
  onGet: (() => void) | null = null;
  override async get(key: string) {
    const value = await super.get(key);
    this.onGet?.();
    return value;
  }
}

interface Setup {
  deps?: Partial<NoteEngineDeps>;
  over?: () => boolean;
  triageCache?: NoteCache<CachedTriage>;
}

function setup({ deps = {}, over = () => false, triageCache }: Setup = {}) {
  let ledger: UsageLedger = {};
  const recorded: Array<{ usage: TokenUsage; tally: UsageTally }> = [];
  const outputModes = memoryOutputModes();
  const engine = createNoteEngine({
    loadEndpoint: async () => ({ endpoint: endpoint(), providerLabel: 'Custom' }),
    answerLanguage: async () => 'pt-BR',
    evidencePlan: async () => NO_EVIDENCE,
    cache: new NoteCache(100, 1e6),
    triageCache: triageCache ?? new NoteCache<CachedTriage>(100, 1e6),
    outputModes,
    usage: {
      exceeded: async () => (over() ? { budget: 1_000, used: 1_000 } : null),
      record: async (usage, tally, now) => {
        recorded.push({ usage, tally });
        ledger = addUsage(ledger, dayOf(now), usage, tally);
      },
    },
    stream: streamChatJson,
    now: () => NOW,
    concurrency: 3,
    ...deps,
  });

  /** One triage batch; what each post and the batch heard, in order. */
  async function triage(items: Post[], signal = new AbortController().signal) {
    const heard: Array<Array<['done', Triage] | ['skipped']>> = items.map(() => []);
    const paused: NoteError[] = [];
    await engine.requestTriage(
      items.map((post, i) => ({
        post,
        sink: {
          done: (triage) => heard[i]!.push(['done', triage]),
          skipped: () => heard[i]!.push(['skipped']),
        },
      })),
      (error) => paused.push(error),
      signal,
    );
    return { heard, paused };
  }
  return { engine, triage, recorded, ledger: () => ledger, outputModes };
}

describe('feed triage', () => {
  it('triages N posts in one request made for triage, each post in its own data block', async () => {
    server.enqueue(
      answer(
        verdict('P2', { classification: 'false' }),
        verdict('P1'),
        verdict('P3', { classification: 'opinion', reason: '' }),
      ),
    );
    const { heard, paused } = await setup().triage(posts);
    expect(paused).toEqual([]);
    expect(heard).toEqual([
      [['done', triageOf(verdict('P1'))]],
      [['done', triageOf(verdict('P2', { classification: 'false' }))]],
      [['done', triageOf(verdict('P3', { classification: 'opinion', reason: '' }))]],
    ]);
    const requests = server.completionRequests();
    expect(requests).toHaveLength(1);
    const body = requests[0]!.body as { messages: Array<{ role: string; content: string }> };
    expect(body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'footnote_triage', strict: true } },
    });
    expect(body.messages[0]).toEqual({ role: 'system', content: TRIAGE_SYSTEM_PROMPT });
    const user = lastUserMessage(requests[0]!);
    expect(user).toContain('Answer language: Brazilian Portuguese.');
    for (const [i, post] of posts.entries())
      expect(user).toMatch(
        new RegExp(`Post P${i + 1}:\\n<<<DATA:(\\w{24})\\n[^]*${post.text}\\nDATA:\\1>>>`),
      );
  });

  it('records the call’s tokens once, as triage of the posts given a verdict, never as notes', async () => {
    server.enqueue(answer(verdict('P1'), verdict('P2')));
    const { triage, recorded, ledger } = setup();
    await triage(posts);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.tally).toEqual({ kind: 'triage', posts: 2 });
    const { promptTokens, completionTokens } = recorded[0]!.usage;
    expect(promptTokens).toBeGreaterThan(0);
    expect(ledger()[dayOf(NOW)]).toEqual({
      promptTokens,
      completionTokens,
      notes: 0,
      estimated: false,
      triage: { posts: 2, tokens: promptTokens + completionTokens },
    });
  });

  it('answers cached posts from the cache and sends only the others, across a worker restart too', async () => {
    const store = memoryCacheStore<CachedTriage>();
    const first = setup({ triageCache: new NoteCache<CachedTriage>(100, 1e6, store) });
    server.enqueue(answer(verdict('P1'), verdict('P2')));
    await first.triage(posts.slice(0, 2));

    server.enqueue(answer(verdict('P1', { classification: 'accurate', reason: '' })));
    const again = await first.triage(posts);
    expect(again.heard.map((h) => h[0])).toEqual([
      ['done', triageOf(verdict('P1'))],
      ['done', triageOf(verdict('P2'))],
      ['done', triageOf(verdict('P1', { classification: 'accurate', reason: '' }))],
    ]);
    const second = lastUserMessage(server.completionRequests()[1]!);
    expect(second).toContain('Great weather today!');
    expect(second).not.toContain('A ponte caiu ontem.');
    expect(second).not.toContain('Vaccines cause X.');

    // A new worker: the verdicts load from the store, and nothing is asked again.
    const restarted = setup({ triageCache: new NoteCache<CachedTriage>(100, 1e6, store) });
    const reloaded = await restarted.triage(posts);
    expect(reloaded.heard.every((h) => h.length === 1 && h[0]![0] === 'done')).toBe(true);
    expect(server.completionRequests()).toHaveLength(2);
    expect(restarted.recorded).toEqual([]);
  });

  it('keeps verdicts apart from notes: a note of the post is no verdict, and clearing forgets both', async () => {
    const { engine, triage } = setup();
    await engine.requestNote(
      { post: posts[0]!, refresh: false },
      { partial: () => {}, done: () => {}, error: () => {} },
      new AbortController().signal,
    );
    server.enqueue(answer(verdict('P1')));
    expect((await triage(posts.slice(0, 1))).heard[0]).toEqual([['done', triageOf(verdict('P1'))]]);
    expect(await engine.history()).toHaveLength(1); // the note only
    await engine.clearCache();
    server.enqueue(answer(verdict('P1')));
    await triage(posts.slice(0, 1));
    expect(server.completionRequests()).toHaveLength(3); // note, triage, triage again
  });

  it('skips posts the answer left out, repeated or gave invalid verdicts for; unknown refs go nowhere', async () => {
    const four = [...posts, samplePost({ id: '4', text: 'The moon is cheese.' })];
    server.enqueue(
      answer(
        verdict('P1'),
        verdict('P2', { classification: 'false' }),
        verdict('P2', { classification: 'accurate', reason: '' }),
        verdict('P4', { classification: 'very_true' as never }),
        verdict('P7'),
      ),
    );
    const { triage, recorded } = setup();
    const { heard, paused } = await triage(four);
    expect(paused).toEqual([]);
    expect(heard).toEqual([[['done', triageOf(verdict('P1'))]], [['skipped']], [['skipped']], [['skipped']]]);
    expect(recorded[0]!.tally).toEqual({ kind: 'triage', posts: 1 });

    // Skipped posts were not cached: a later batch asks about them again, alone.
    server.enqueue(answer(verdict('P1'), verdict('P2'), verdict('P3')));
    const retried = await triage(four);
    expect(retried.heard.every((h) => h[0]![0] === 'done')).toBe(true);
    const user = lastUserMessage(server.completionRequests()[1]!);
    expect(user).not.toContain('A ponte caiu ontem.');
    expect(user.match(/^Post P\d+:$/gm)).toEqual(['Post P1:', 'Post P2:', 'Post P3:']);
  });

  it('repairs a malformed answer once, then skips every post without pausing', async () => {
    server.enqueue(
      { kind: 'note', note: 'Sure! Here are the verdicts.' },
      answer(verdict('P1'), verdict('P2')),
    );
    const repaired = await setup().triage(posts.slice(0, 2));
    expect(repaired.heard.map((h) => h[0]![0])).toEqual(['done', 'done']);
    expect(lastUserMessage(server.completionRequests()[1]!)).toMatch(/^That answer is not valid: /);

    server.enqueue({ kind: 'note', note: { verdicts: [] } }, { kind: 'note', note: '{"posts": [' });
    const broken = await setup().triage(posts.slice(0, 2));
    expect(broken.paused).toEqual([]);
    expect(broken.heard).toEqual([[['skipped']], [['skipped']]]);
    expect(server.completionRequests()).toHaveLength(4);
  });

  it('pauses the batch when the budget is used up: cached posts answered, no model call', async () => {
    let over = false;
    const { triage } = setup({ over: () => over });
    server.enqueue(answer(verdict('P1')));
    await triage(posts.slice(0, 1));
    over = true;
    const { heard, paused } = await triage(posts);
    expect(heard).toEqual([[['done', triageOf(verdict('P1'))]], [], []]);
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject({ code: 'budget_exhausted', action: 'open_options' });
    expect(server.completionRequests()).toHaveLength(1);
  });

  const pausing: Array<[string, Parameters<ModelServer['enqueue']>, Partial<NoteError>]> = [
    [
      '429 after a retry',
      [
        { kind: 'error', status: 429, headers: { 'retry-after': '0' } },
        { kind: 'error', status: 429, headers: { 'retry-after': '7' } },
      ],
      { code: 'rate_limited', retryAfterMs: 7_000 },
    ],
    ['401', [{ kind: 'error', status: 401 }], { code: 'auth', action: 'open_options' }],
    [
      '503 after a retry',
      [
        { kind: 'error', status: 500 },
        { kind: 'error', status: 503 },
      ],
      { code: 'server' },
    ],
  ];
  it.each(pausing)('pauses the batch on %s, no post answered', async (_label, behaviours, expected) => {
    server.enqueue(...behaviours);
    const { triage, recorded } = setup();
    const { heard, paused } = await triage(posts);
    expect(heard).toEqual([[], [], []]);
    expect(paused).toHaveLength(1);
    expect(paused[0]).toMatchObject(expected);
    expect(recorded).toEqual([]);
  });

  it('pauses without a provider, and on a network failure', async () => {
    const none = await setup({ deps: { loadEndpoint: async () => null } }).triage(posts);
    expect(none.paused.map((e) => e.code)).toEqual(['no_provider']);
    expect(server.requests).toHaveLength(0);
    const down = setup({
      deps: {
        loadEndpoint: async () => ({
          endpoint: { ...endpoint(), baseUrl: 'http://127.0.0.1:9/v1' },
          providerLabel: 'x',
        }),
      },
    });
    expect((await down.triage(posts)).paused.map((e) => e.code)).toEqual(['network']);
  });

  it('makes no call for posts with nothing to check', async () => {
    const bare = samplePost({ id: '9', text: ' ', media: { imageAlts: ['Image'], hasVideo: true } });
    const { heard } = await setup().triage([bare, bare]);
    expect(heard).toEqual([[['done', NOTHING_TO_CHECK_TRIAGE]], [['done', NOTHING_TO_CHECK_TRIAGE]]]);
    expect(server.requests).toHaveLength(0);
  });

  it('asks once about a post sent twice, in one batch or in two at once', async () => {
    server.enqueue(answer(verdict('P1'), verdict('P2')));
    const { triage } = setup();
    const twice = await triage([posts[0]!, posts[1]!, posts[0]!]);
    expect(twice.heard.map((h) => h[0])).toEqual([
      ['done', triageOf(verdict('P1'))],
      ['done', triageOf(verdict('P2'))],
      ['done', triageOf(verdict('P1'))],
    ]);
    expect(lastUserMessage(server.completionRequests()[0]!).match(/^Post P\d+:$/gm)).toHaveLength(2);

    // Two batches: the second finds the post in flight and waits for its verdict.
    const gate = deferred();
    const called = deferred();
    const watched = new WatchedCache(100, 1e6);
    const gated = setup({
      triageCache: watched,
      deps: {
        stream: async (...args) => {
          called.resolve();
          await gate.promise;
          return streamChatJson(...args);
        },
      },
    });
    server.enqueue(answer(verdict('P1', { classification: 'false' })));
    const a = gated.triage([posts[2]!]);
    await called.promise;
    const looked = deferred();
    watched.onGet = looked.resolve;
    const b = gated.triage([posts[2]!]);
    await looked.promise;
    gate.resolve();
    const [first, second] = await Promise.all([a, b]);
    expect(first.heard).toEqual([[['done', triageOf(verdict('P1', { classification: 'false' }))]]]);
    expect(second.heard).toEqual(first.heard);
    expect(server.completionRequests()).toHaveLength(2);
  });

  it('falls back to JSON mode where json_schema is refused, and remembers it for notes too', async () => {
    server.enqueue(
      { kind: 'error', status: 400, message: "'response_format' of type 'json_schema' is not supported" },
      answer(verdict('P1')),
    );
    const { triage, outputModes } = setup();
    const { heard } = await triage(posts.slice(0, 1));
    expect(heard[0]).toEqual([['done', triageOf(verdict('P1'))]]);
    const formats = server
      .completionRequests()
      .map((r) => (r.body as { response_format?: { type: string } }).response_format?.type);
    expect(formats).toEqual(['json_schema', 'json_object']);
    expect([...outputModes.modes.values()]).toEqual(['json_object']);
  });

  it('says nothing once cancelled (the page went away)', async () => {
    server.setDefault({ kind: 'stall' });
    const controller = new AbortController();
    const { triage } = setup();
    const pending = triage(posts, controller.signal);
    await server.waitForCompletionRequests(1);
    controller.abort();
    const { heard, paused } = await pending;
    expect(heard).toEqual([[], [], []]);
    expect(paused).toEqual([]);
  });
});
