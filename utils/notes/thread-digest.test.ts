import { describe, expect, it } from 'vitest';
import type { Behaviour, RecordedRequest } from '../../e2e/model-server';
import { useLocalModelServer } from '../../test-support/local-model-server';
import { memoryOutputModes } from '../../test-support/memory-output-modes';
import { streamChatJson } from '../ai/openai-chat';
import {
  THREAD_CHUNK_SYSTEM_PROMPT,
  THREAD_MERGE_SYSTEM_PROMPT,
  THREAD_PROMPT_VERSION,
} from '../ai/thread-prompt';
import type { NoteError } from '../core/note-error';
import type { TokenUsage } from '../core/note-meta';
import {
  THREAD_TEXT_MAX,
  type Digest,
  type DigestMeta,
  type DigestProgress,
  type ThreadPost,
} from '../core/thread';
import type { UsageTally } from '../settings/usage-ledger';
import { NoteCache } from './note-cache';
import { createNoteEngine, type NoteEngineDeps } from './note-engine';
import { NO_EVIDENCE } from './note-evidence';
import { createThreadCache } from './thread-cache';
import { commentTokens, HOSTED_PART_TOKENS, splitByBudget } from './thread-chunks';
import type { DigestRequest } from './thread-digest';

// The thread digest end to end over real HTTP: the real openai SDK against the local model
// server, which answers as a model would, citing the comments of the request it is given.

const { server, endpoint } = useLocalModelServer();

const NOW = Date.parse('2026-11-28T12:00:00Z');
const URL = 'https://news.ycombinator.com/item?id=100';

/** Comments long enough that a few dozen fill several parts. */
function thread(
  count: number,
  from = 1,
  text = (n: number) => `Comment ${n}: ${'word '.repeat(390)}`,
): ThreadPost[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      key: `hackernews:${n}`,
      parentKey: n > 1 ? `hackernews:${Math.ceil(n / 2)}` : null,
      url: `https://news.ycombinator.com/item?id=${n}`,
      author: { name: `user${n}`, handle: `user${n}` },
      time: null,
      text: text(n).slice(0, THREAD_TEXT_MAX),
    };
  });
}
const SMALL = thread(5, 1, (n) => `Short comment ${n}.`);
const BIG = thread(80);

const system = (request: RecordedRequest) =>
  (request.body as { messages: Array<{ content: string }> }).messages[0]!.content;
/** The request's own user message (a repair appends another). */
const userOf = (request: RecordedRequest) =>
  (request.body as { messages: Array<{ role: string; content: string }> }).messages.find(
    (m) => m.role === 'user',
  )!.content;
const isMerge = (request: RecordedRequest) => system(request) === THREAD_MERGE_SYSTEM_PROMPT;
const commentRefs = (request: RecordedRequest) =>
  [...userOf(request).matchAll(/⟦(C\d+)[^⟧]*⟧/g)].map((m) => m[1]!);
const digestRefs = (request: RecordedRequest) => [...new Set(userOf(request).match(/\bC\d+\b/g) ?? [])];

/** A model that summarizes what it is given: a part cites its comments (and one it invents), a merge its digests' refs. */
function scripted(request: RecordedRequest): Behaviour {
  if (isMerge(request)) {
    const refs = digestRefs(request);
    return {
      kind: 'note',
      note: {
        about: `Merged ${refs.length} refs.`,
        positions: [{ point: 'Merged position', support: 'most', refs: [...refs.slice(0, 3), 'C999'] }],
        disputed: [],
        sourced: [],
        questions: [{ question: 'Merged question', refs: refs.slice(-1) }],
      },
    };
  }
  const refs = commentRefs(request);
  return {
    kind: 'note',
    chunkSize: 8,
    note: {
      about: `Comments ${refs[0]} to ${refs.at(-1)}.`,
      positions: [
        { point: `Position of ${refs[0]}`, support: 'many', refs: [refs[0], refs[1], 'C999'] },
        { point: `Position of ${refs.at(-1)}`, support: 'few', refs: [refs.at(-1)] },
      ],
      disputed: [{ claim: 'A claim', sides: 'Two sides', refs: [refs[1]] }],
      sourced: [],
      questions: [],
    },
  };
}

interface Heard {
  progress: DigestProgress[];
  partials: Digest[];
  done?: { digest: Digest; meta: DigestMeta; newPosts: number };
  error?: { error: NoteError; digest: Digest | null };
}

interface Setup {
  deps?: Partial<NoteEngineDeps>;
  over?: (recorded: number) => boolean;
}

function setup({ deps = {}, over = () => false }: Setup = {}) {
  const recorded: Array<{ usage: TokenUsage; tally: UsageTally }> = [];
  const engine = createNoteEngine({
    loadEndpoint: async () => ({ endpoint: endpoint(), providerLabel: 'Custom' }),
    answerLanguage: async () => 'en',
    evidencePlan: async () => NO_EVIDENCE,
    cache: new NoteCache(100, 1e6),
    threadCache: createThreadCache(),
    outputModes: memoryOutputModes(),
    usage: {
      exceeded: async () => (over(recorded.length) ? { budget: 1_000, used: 1_000 } : null),
      record: async (usage, tally) => void recorded.push({ usage, tally }),
    },
    stream: streamChatJson,
    now: () => NOW,
    concurrency: 3,
    // A hosted model's part size, though the test server is on this machine.
    threadPartTokens: () => HOSTED_PART_TOKENS,
    ...deps,
  });

  async function digest(
    posts: ThreadPost[],
    options: Partial<DigestRequest> & { onProgress?: (p: DigestProgress) => void; signal?: AbortSignal } = {},
  ): Promise<Heard> {
    const heard: Heard = { progress: [], partials: [] };
    const { onProgress, signal, ...request } = options;
    await engine.requestDigest(
      { url: URL, title: 'Ask HN: Bridges?', posts, leftOut: 0, update: false, refresh: false, ...request },
      {
        progress: (progress) => {
          heard.progress.push(progress);
          onProgress?.(progress);
        },
        partial: (digest) => heard.partials.push(digest),
        done: (digest, meta, newPosts) => (heard.done = { digest, meta, newPosts }),
        error: (error, digest) => (heard.error = { error, digest }),
      },
      signal ?? new AbortController().signal,
    );
    return heard;
  }
  return { engine, digest, recorded };
}

/** How the engine will cut these posts, for what a test expects. */
const chunksOf = (posts: ThreadPost[]) => splitByBudget(posts.map(commentTokens), HOSTED_PART_TOKENS);
const points = (digest: Digest) =>
  digest.positions.length + digest.disputed.length + digest.sourced.length + digest.questions.length;

describe('thread digest', () => {
  it('summarizes a short thread in one call, streaming the model’s points as they come', async () => {
    server.setDefault(scripted);
    const { digest, recorded } = setup();
    const { progress, partials, done, error } = await digest(SMALL);
    expect(error).toBeUndefined();
    const requests = server.completionRequests();
    expect(requests).toHaveLength(1);
    expect(system(requests[0]!)).toBe(THREAD_CHUNK_SYSTEM_PROMPT);
    expect(commentRefs(requests[0]!)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(userOf(requests[0]!)).toMatch(/^⟦C4 reply to C2⟧ /m);
    expect(progress).toEqual([{ done: 0, total: 1, merging: false }]);

    // Points stream in one by one before the answer ends; refs are post keys, the invented one gone.
    const counts = partials.map(points);
    expect(counts.filter((n, i) => n > (counts[i - 1] ?? 0)).length).toBeGreaterThanOrEqual(2);
    expect(partials.at(-1)).toEqual(done!.digest);
    expect(done!.digest.positions[0]).toEqual({
      point: 'Position of C1',
      support: 'many',
      posts: ['hackernews:1', 'hackernews:2'],
    });
    expect(done!.newPosts).toBe(0);
    expect(done!.meta).toMatchObject({
      provider: 'Custom',
      promptVersion: THREAD_PROMPT_VERSION,
      posts: 5,
      leftOut: 0,
      chunks: 1,
      skippedChunks: [],
      requests: 1,
      createdAt: NOW,
      fromCache: false,
    });
    expect(done!.meta.usage.promptTokens).toBeGreaterThan(0);
    expect(recorded.map((r) => r.tally)).toEqual([{ kind: 'digest' }]);
  });

  it('summarizes a long thread part by part, then merges the parts’ digests', async () => {
    server.setDefault(scripted);
    const chunks = chunksOf(BIG);
    expect(chunks).toHaveLength(3);
    const { progress, partials, done } = await setup().digest(BIG);
    const requests = server.completionRequests();
    expect(requests.map(isMerge)).toEqual([false, false, false, true]);
    // Each part sends its own comments, numbered over the whole thread.
    expect(requests.slice(0, 3).map((r) => commentRefs(r).length)).toEqual(chunks.map(([s, e]) => e - s));
    expect(commentRefs(requests[1]!)[0]).toBe(`C${chunks[1]![0] + 1}`);
    expect(userOf(requests[1]!)).toContain(`Part 2 of 3 of the discussion:`);
    expect(progress).toEqual([
      { done: 0, total: 3, merging: false },
      { done: 1, total: 3, merging: false },
      { done: 2, total: 3, merging: false },
      { done: 3, total: 3, merging: true },
    ]);
    // The merge is given the three parts' digests as data, their refs with them.
    const merge = userOf(requests[3]!);
    expect(merge.match(/^Digest D\d, covering \d+ comments, C\d+ to C\d+:$/gm)).toHaveLength(3);
    expect(merge).toContain('"about":"Comments C1 to C');
    expect(merge).not.toContain('C999');
    // A partial after each part, growing; then the merged digest.
    const afterParts = partials.slice(-3);
    expect(afterParts.map((d) => d.positions.length)).toEqual([2, 4, 6]);
    expect(done!.digest.about).toMatch(/^Merged/);
    // The merge's refs (the first three it was given: C1, then the end of D1's label, then C2) as keys.
    expect(done!.digest.positions[0]!.posts).toEqual([
      'hackernews:1',
      `hackernews:${chunks[0]![1]}`,
      'hackernews:2',
    ]);
    expect(done!.meta).toMatchObject({ chunks: 3, skippedChunks: [], requests: 4, posts: 80 });
  });

  it('stops at once when cancelled: no call after the first, what was done is kept', async () => {
    server.setDefault(scripted);
    const controller = new AbortController();
    const { done, error } = await setup().digest(BIG, {
      signal: controller.signal,
      onProgress: ({ done }) => done === 1 && controller.abort(),
    });
    expect(server.completionRequests()).toHaveLength(1);
    expect(done).toBeUndefined();
    expect(error!.error.code).toBe('cancelled');
    expect(error!.digest!.about).toBe(`Comments C1 to C${chunksOf(BIG)[0]![1]}.`);
  });

  it('skips a part whose answer stays invalid after its repair, says so, and goes on', async () => {
    let calls = 0;
    server.setDefault((request) =>
      ++calls === 2 || calls === 3 ? { kind: 'note', note: 'Sorry, no JSON' } : scripted(request),
    );
    const { done, error } = await setup().digest(BIG);
    expect(error).toBeUndefined();
    const requests = server.completionRequests();
    expect(requests).toHaveLength(5); // part 1, part 2 and its repair, part 3, the merge
    expect(userOf(requests[4]!).match(/^Digest D\d/gm)).toEqual(['Digest D1', 'Digest D2']);
    const [, second] = chunksOf(BIG);
    expect(done!.meta).toMatchObject({ chunks: 3, skippedChunks: [2], requests: 4 });
    // The skipped part's comments are not covered: the panel can offer them as an update.
    expect(done!.newPosts).toBe(second![1] - second![0]);
    expect(done!.meta.posts).toBe(BIG.length - done!.newPosts);
  });

  it('stands in for a merge whose answer stays invalid with the parts combined in code', async () => {
    server.setDefault((request) =>
      isMerge(request) ? { kind: 'note', note: '{"oops": true' } : scripted(request),
    );
    const { done } = await setup().digest(BIG);
    expect(server.completionRequests()).toHaveLength(5);
    expect(done!.digest.about).toBe(`Comments C1 to C${chunksOf(BIG)[0]![1]}.`);
    expect(done!.digest.positions).toHaveLength(6);
  });

  it('ends with the partial digest when the budget runs out mid-run: no call after', async () => {
    server.setDefault(scripted);
    const { done, error } = await setup({ over: (recorded) => recorded >= 1 }).digest(BIG);
    expect(server.completionRequests()).toHaveLength(1);
    expect(done).toBeUndefined();
    expect(error!.error).toMatchObject({ code: 'budget_exhausted', action: 'open_options' });
    expect(error!.digest!.positions).toHaveLength(2);
  });

  it('ends with the partial digest when the provider fails mid-run', async () => {
    let calls = 0;
    server.setDefault((request) => (++calls === 2 ? { kind: 'error', status: 401 } : scripted(request)));
    const { error } = await setup().digest(BIG);
    expect(error!.error.code).toBe('auth');
    expect(error!.digest!.about).toMatch(/^Comments C1 to/);
    expect(server.completionRequests()).toHaveLength(2);
  });

  it('answers a thread summarized before from the cache, with no call; refresh summarizes again', async () => {
    server.setDefault(scripted);
    const { digest, engine } = setup();
    const first = await digest(SMALL);
    const again = await digest(SMALL);
    expect(server.completionRequests()).toHaveLength(1);
    expect(again.done).toEqual({ ...first.done, meta: { ...first.done!.meta, fromCache: true } });
    expect(again.progress).toEqual([]);
    // Same posts in another order or with a post without text: still covered.
    const shuffled = await digest([SMALL[2]!, ...SMALL, { ...SMALL[0]!, key: 'hackernews:77', text: ' ' }]);
    expect(shuffled.done?.newPosts).toBe(0);

    expect((await digest(SMALL, { refresh: true })).done?.meta.fromCache).toBe(false);
    expect(server.completionRequests()).toHaveLength(2);
    await engine.clearCache();
    await digest(SMALL);
    expect(server.completionRequests()).toHaveLength(3);
  });

  it('offers an update for a thread that grew, and sends only the new comments with the kept digest', async () => {
    server.setDefault(scripted);
    const { digest } = setup();
    const before = (await digest(SMALL)).done!;
    const grown = [...SMALL, ...thread(3, 6, (n) => `New comment ${n}.`)];

    const offered = await digest(grown);
    expect(offered.done).toEqual({ ...before, meta: { ...before.meta, fromCache: true }, newPosts: 3 });
    expect(server.completionRequests()).toHaveLength(1);

    const updated = await digest(grown, { update: true });
    const [, part, merge] = server.completionRequests();
    expect(commentRefs(part!)).toEqual(['C6', 'C7', 'C8']);
    expect(userOf(part!)).not.toContain('Short comment');
    expect(userOf(part!)).toContain('3 comments (C6 to C8) of the 8 the page shows.');
    expect(isMerge(merge!)).toBe(true);
    expect(userOf(merge!)).toMatch(/^Previous digest, covering 5 comments:$/m);
    expect(userOf(merge!)).toMatch(/^Digest of new comments D1, covering 3 comments, C6 to C8:$/m);
    expect(userOf(merge!)).toContain('"about":"Comments C1 to C5."');
    expect(updated.partials[0]!.about).toBe('Comments C1 to C5.'); // the kept digest first, then the new part's
    expect(updated.done).toMatchObject({
      newPosts: 0,
      meta: { posts: 8, chunks: 1, requests: 2, fromCache: false },
    });
    expect(updated.done!.digest.questions[0]!.posts).toEqual(['hackernews:7']); // the new part's last ref

    // The update is kept covering both: the next request is answered from the cache.
    expect((await digest(grown)).done).toMatchObject({ newPosts: 0, meta: { fromCache: true, posts: 8 } });
    expect(server.completionRequests()).toHaveLength(3);
  });

  it('says there is nothing to summarize for one post, or none with text, without a call', async () => {
    const { digest } = setup();
    for (const posts of [
      SMALL.slice(0, 1),
      [SMALL[0]!, { ...SMALL[1]!, text: '  ' }],
      [SMALL[0]!, SMALL[0]!],
    ]) {
      const { error, done } = await digest(posts);
      expect(done).toBeUndefined();
      expect(error).toMatchObject({ error: { code: 'invalid_request' }, digest: null });
      expect(error!.error.message).toMatch(/nothing to summarize/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('says so when no provider is set, without any request', async () => {
    const { error } = await setup({ deps: { loadEndpoint: async () => null } }).digest(SMALL);
    expect(error).toMatchObject({ error: { code: 'no_provider' }, digest: null });
    expect(server.requests).toHaveLength(0);
  });
});
