import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTE, lastUserMessage } from '../../e2e/model-server';
import { BATCH_SYSTEM_PROMPT } from '../ai/batch-reader';
import type { Note, PartialNote } from '../core/note-schema';
import { streamChatJson } from '../ai/openai-chat';
import { buildBatchMessages, buildNoteMessages } from '../ai/prompt';
import { samplePost } from '../../test-support/sample-post';
import type { Post } from '../core/post';
import { NoteCache } from './note-cache';
import { createNoteEngine } from './note-engine';
import type { NoteError } from '../core/note-error';
import type { NoteMeta } from '../core/note-meta';
import { useLocalModelServer } from '../../test-support/local-model-server';
import { memoryOutputModes } from '../../test-support/memory-output-modes';
import { NO_EVIDENCE } from './note-evidence';

// "Summarize visible" end to end over real HTTP: one call, notes mapped back to their posts.

const { server, endpoint } = useLocalModelServer();

const posts: Post[] = ['A ponte caiu.', 'Vaccines cause X.', 'Great weather today!'].map((text, i) =>
  samplePost({ id: String(i + 1), url: `https://x.com/u/status/${i + 1}`, text }),
);

interface Result {
  partials: PartialNote[];
  done?: { note: Note; meta: NoteMeta };
  error?: NoteError;
}

function engine() {
  return createNoteEngine({
    loadEndpoint: async () => ({ endpoint: endpoint(), providerLabel: 'Custom' }),
    answerLanguage: async () => 'en',
    evidencePlan: async () => NO_EVIDENCE,
    cache: new NoteCache(100, 1e6),
    outputModes: memoryOutputModes(),
    usage: { exceeded: async () => null, record: async () => {} },
    stream: streamChatJson,
    now: () => Date.parse('2026-11-28T12:00:00Z'),
    concurrency: 3,
  });
}

async function batch(e: ReturnType<typeof engine>, items: Post[]) {
  const results = items.map((): Result => ({ partials: [] }));
  const digests: Array<[string, boolean]> = [];
  await e.requestBatch(
    items.map((post, i) => ({
      post,
      sink: {
        partial: (p) => results[i]!.partials.push(p),
        done: (note, meta) => (results[i]!.done = { note, meta }),
        error: (error) => (results[i]!.error = error),
      },
    })),
    (digest, final) => digests.push([digest, final]),
    new AbortController().signal,
  );
  return { results, digests };
}

const noteFor = (post: string, summary: string) => ({ post, ...DEFAULT_NOTE, summary });

describe('batch notes', () => {
  it('maps notes back to their posts even out of order, and names a post the model skipped', async () => {
    server.enqueue({
      kind: 'note',
      note: {
        notes: [noteFor('P3', 'third'), noteFor('P1', 'first'), noteFor('P9', 'nobody')],
        digest: 'Bridges and weather.',
      },
      chunkSize: 9,
    });
    const { results, digests } = await batch(engine(), posts);
    expect(server.completionRequests()).toHaveLength(1);
    expect(results[0]?.done?.note.summary).toBe('first');
    expect(results[2]?.done?.note.summary).toBe('third');
    expect(results[1]?.error).toMatchObject({ code: 'malformed' });
    expect(results[1]?.error?.message).toContain('no note for this post (P2 of 3)');
    expect(digests.at(-1)).toEqual(['Bridges and weather.', true]);
    expect(digests.some(([, final]) => !final)).toBe(true); // the digest streamed too
    // Partials arrived per post while streaming, each for its own post only.
    expect(results[0]?.partials.at(-1)?.summary).toBe('first');
    expect(results[2]?.partials.some((p) => p.summary === 'first')).toBe(false);
  });

  it('keeps the first note when the model repeats a ref', async () => {
    server.enqueue({
      kind: 'note',
      note: { notes: [noteFor('P1', 'one'), noteFor('P1', 'again')], digest: '' },
    });
    const { results } = await batch(engine(), posts.slice(0, 1));
    expect(results[0]?.done?.note.summary).toBe('one');
  });

  it('sends every post in its own data block with its ref, and answers cached posts without sending them', async () => {
    const e = engine();
    server.enqueue({ kind: 'note', note: { notes: [noteFor('P1', 'first')], digest: 'd' } });
    await batch(e, posts.slice(0, 1));
    server.enqueue({
      kind: 'note',
      note: { notes: [noteFor('P1', 'second'), noteFor('P2', 'third')], digest: 'd' },
    });
    const { results } = await batch(e, posts);
    expect(results[0]?.done?.meta.fromCache).toBe(true);
    expect(results.map((r) => r.done?.note.summary)).toEqual(['first', 'second', 'third']);
    const prompt = lastUserMessage(server.completionRequests()[1]!);
    expect(prompt).toMatch(/Post P1:\n<<<DATA:\w+\nref: P1\n[\s\S]*Vaccines cause X\./);
    expect(prompt).toMatch(/Post P2:\n<<<DATA:\w+\nref: P2\n[\s\S]*Great weather today!/);
    expect(prompt).not.toContain('A ponte caiu.');
  });

  it('never sends a post with nothing to check, alone or in a batch', async () => {
    const bare = samplePost({ id: '9', text: '', media: { imageAlts: ['Image'], hasVideo: true } });
    server.enqueue({ kind: 'note', note: { notes: [noteFor('P1', 'first')], digest: 'd' } });
    const { results } = await batch(engine(), [bare, posts[0]!]);
    expect(results[0]?.error).toMatchObject({ code: 'invalid_request' });
    expect(results[0]?.error?.message).toContain('nothing to check');
    expect(results[1]?.done?.note.summary).toBe('first');
    expect(lastUserMessage(server.completionRequests()[0]!)).not.toContain('ref: P2');

    let error: NoteError | undefined;
    const sink = { partial: () => {}, done: () => {}, error: (e: NoteError) => (error = e) };
    await engine().requestNote({ post: bare, refresh: false }, sink, new AbortController().signal);
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(server.completionRequests()).toHaveLength(1); // only the batch's call
  });

  it('fails every post of the batch with the provider error', async () => {
    server.enqueue({ kind: 'error', status: 401 });
    const { results } = await batch(engine(), posts);
    expect(results.map((r) => r.error?.code)).toEqual(['auth', 'auth', 'auth']);
  });
});

describe('batch prompt size', () => {
  it('costs at most 40% of the prompt tokens per post of 20 single requests (docs/ARCHITECTURE.md, Budgets)', () => {
    const twenty = Array.from({ length: 20 }, (_, i) =>
      samplePost({
        id: String(i),
        text: `Post number ${i}: the city council approved a new budget of ${i} million for parks and schools.`,
      }),
    );
    const common = { answerLanguage: 'pt-BR', today: '2026-11-28', nonce: 'a1b2c3d4e5f6a1b2c3d4e5f6' };
    const chars = (messages: Array<{ content: string }>) =>
      messages.reduce((n, m) => n + m.content.length, 0);
    const single = twenty.reduce((n, post) => n + chars(buildNoteMessages({ ...common, post })), 0);
    const batched = chars(
      buildBatchMessages(
        { ...common, posts: twenty.map((post, i) => ({ ref: `P${i + 1}`, post })) },
        BATCH_SYSTEM_PROMPT,
      ),
    );
    const ratio = batched / single;
    console.info(
      `prompt characters: 20 single = ${single}, one batch = ${batched}, ratio ${ratio.toFixed(3)}`,
    );
    expect(ratio).toBeLessThanOrEqual(0.4);
  });
});
