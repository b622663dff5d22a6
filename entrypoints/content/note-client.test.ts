// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '@/test-support/fake-runtime';
import { doneNote } from '@/test-support/sample-note';
import { samplePost } from '@/test-support/sample-post';
import { noteError } from '@/utils/core/note-error';
import { postKey } from '@/utils/core/post';
import type { NotePortIn } from '@/utils/messaging/note-port-requests';
import type { NotePortOut } from '@/utils/messaging/protocol';
import { LOADING_GRACE_FRAMES } from './card-timing';
import { NoteClient } from './note-client';
import { noteStatus, noteStore } from './note-store';

const detectLanguage = vi.hoisted(() => vi.fn());
vi.mock('wxt/browser', async () => ({
  browser: { ...(await import('@/test-support/fake-runtime')).fakeRuntime.browser, i18n: { detectLanguage } },
}));

// A post whose page did not say its language: a note request detects it first.
const post = samplePost({ lang: null, text: 'A ponte foi inaugurada em 2021.' });
const key = postKey(post);
const { note, meta } = doneNote();

let client: NoteClient;
const port = () => fakeRuntime.opened.at(-1)!;
const sent = () => port().sent as NotePortIn[];
const idOf = (message: NotePortIn | undefined) =>
  message && 'requestId' in message ? message.requestId : 'none';
const answer = (message: NotePortOut) => port().onMessage.fire(message);
/** Lets pending promise callbacks run (language detection). */
const settle = () => new Promise((resolve) => setTimeout(resolve));
const frames = (n: number) => {
  for (let i = 0; i < n; i++) vi.advanceTimersToNextFrame();
};
/** Every status the post went through, in order. */
function statuses(): string[] {
  const seen: string[] = [];
  noteStore.subscribe((state) => seen.push(state.notes[key]?.status ?? 'idle'));
  return seen;
}

beforeEach(() => {
  fakeRuntime.reset();
  noteStore.setState({ notes: {}, digest: null, suggestions: {} });
  detectLanguage
    .mockReset()
    .mockResolvedValue({ isReliable: true, languages: [{ language: 'pt', percentage: 97 }] });
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
  client = new NoteClient();
});
afterEach(() => vi.useRealTimers());

describe('a note the reader asks for', () => {
  it('asks the cache first, before detecting the language: a cached note arrives with no loading state before it', async () => {
    const seen = statuses();
    client.request(post);
    expect(sent()).toEqual([{ type: 'note:peek', requestId: expect.any(String), post }]);
    expect(noteStatus(key)).toBe('idle');

    answer({ type: 'note:done', requestId: idOf(sent()[0]), note, meta });
    expect(noteStore.getState().notes[key]).toEqual({ status: 'done', note, meta });
    await settle();
    frames(LOADING_GRACE_FRAMES + 1);
    expect(seen).toEqual(['done']);
    expect(detectLanguage).not.toHaveBeenCalled();
    expect(sent()).toHaveLength(1);
  });

  it('on a miss, shows as loading and goes to the model once its language is known', async () => {
    client.request(post);
    const requestId = idOf(sent()[0]);
    answer({ type: 'note:miss', requestId });
    expect(noteStatus(key)).toBe('loading');
    await settle();
    expect(detectLanguage).toHaveBeenCalledWith(post.text);
    expect(sent()[1]).toEqual({
      type: 'note:request',
      requestId,
      post: { ...post, lang: 'pt' },
      refresh: false,
    });
  });

  it(`shows as loading after ${LOADING_GRACE_FRAMES} frames when the cache has not answered yet`, () => {
    client.request(post);
    frames(LOADING_GRACE_FRAMES - 1);
    expect(noteStatus(key)).toBe('idle');
    frames(1);
    expect(noteStatus(key)).toBe('loading');
    answer({ type: 'note:done', requestId: idOf(sent()[0]), note, meta });
    expect(noteStatus(key)).toBe('done');
  });

  it('regenerating skips the cache: loading at once, then the model', async () => {
    noteStore.setState({ notes: { [key]: doneNote() } });
    client.request(post, true);
    expect(noteStatus(key)).toBe('loading');
    await settle();
    expect(sent()).toEqual([
      { type: 'note:request', requestId: expect.any(String), post: { ...post, lang: 'pt' }, refresh: true },
    ]);
  });

  it('withdrawn while the cache is asked, a miss sends nothing to the model', async () => {
    client.request(post);
    client.cancel(key);
    answer({ type: 'note:miss', requestId: idOf(sent()[0]) });
    await settle();
    frames(LOADING_GRACE_FRAMES);
    expect(sent()).toHaveLength(1); // the peek; a cache lookup needs no note:cancel
    expect(noteStatus(key)).toBe('idle');
  });
});

describe('a peek (the pointer or focus on a badge)', () => {
  it('asks the cache alone: a miss leaves no trace and starts nothing', async () => {
    client.peek(post, () => true);
    expect(sent()).toEqual([{ type: 'note:peek', requestId: expect.any(String), post }]);
    answer({ type: 'note:miss', requestId: idOf(sent()[0]) });
    await settle();
    frames(LOADING_GRACE_FRAMES);
    expect(noteStatus(key)).toBe('idle');
    expect(sent()).toHaveLength(1);
    expect(detectLanguage).not.toHaveBeenCalled();
  });

  it('keeps a cached note on the page, unless its post has left it by then', () => {
    let shown = true;
    client.peek(post, () => shown);
    answer({ type: 'note:done', requestId: idOf(sent()[0]), note, meta });
    expect(noteStatus(key)).toBe('done');

    const other = samplePost({ id: '42' });
    client.peek(other, () => shown);
    shown = false; // the row now shows another post
    answer({ type: 'note:done', requestId: idOf(sent()[1]), note, meta });
    expect(noteStatus(postKey(other))).toBe('idle');
  });

  it('is asked once: not again while in flight, nor for a post whose note the page has', () => {
    client.peek(post, () => true);
    client.peek(post, () => true);
    noteStore.setState({ notes: { [postKey(samplePost({ id: '42' }))]: doneNote() } });
    client.peek(samplePost({ id: '42' }), () => true);
    client.peek(samplePost({ id: '43', text: '' }), () => true); // nothing to check
    expect(sent()).toHaveLength(1);
  });

  it("becomes the request's cache lookup when the reader asks meanwhile", async () => {
    client.peek(post, () => false);
    client.request(post);
    expect(sent()).toHaveLength(1);
    answer({ type: 'note:miss', requestId: idOf(sent()[0]) });
    expect(noteStatus(key)).toBe('loading');
    await settle();
    expect(sent()[1]).toMatchObject({ type: 'note:request', requestId: idOf(sent()[0]) });
  });

  it('is forgotten when the worker stops; what the reader asked for fails with a retry', () => {
    const asked = samplePost({ id: '42' });
    client.peek(post, () => true);
    client.request(asked);
    port().close();
    expect(noteStatus(key)).toBe('idle');
    expect(noteStore.getState().notes[postKey(asked)]).toMatchObject({
      status: 'error',
      error: { code: 'network' },
    });
  });
});

describe('a source the reader suggests', () => {
  const source = 'https://city.example.org/bridge-report';
  const shown = doneNote();
  const suggestion = () => noteStore.getState().suggestions[key];

  beforeEach(() => noteStore.setState({ notes: { [key]: shown } }));

  it('rewrites the note with it; the note on screen stays until the new one is done', async () => {
    client.suggest(post, source);
    expect(suggestion()).toEqual({ url: source, error: null });
    await settle();
    const [request] = sent();
    expect(request).toEqual({
      type: 'note:request',
      requestId: expect.any(String),
      post: { ...post, lang: 'pt' },
      refresh: true,
      suggestedSource: source,
    });
    answer({ type: 'note:partial', requestId: idOf(request), note: { summary: 'Rewri' } });
    expect(noteStore.getState().notes[key]).toBe(shown);

    const revised = doneNote();
    answer({ type: 'note:done', requestId: idOf(request), note: revised.note, meta: revised.meta });
    expect(noteStore.getState().notes[key]).toEqual(revised);
    expect(suggestion()).toBeUndefined();
  });

  it('that fails leaves the note as it was, and the suggestion says why', async () => {
    client.suggest(post, source);
    await settle();
    const error = noteError('invalid_request', `Footnote could not use ${source} as a source: …`);
    answer({ type: 'note:error', requestId: idOf(sent()[0]), error });
    expect(noteStore.getState().notes[key]).toBe(shown);
    expect(suggestion()).toEqual({ url: source, error });
  });

  it('fails the same way when the worker stops', async () => {
    client.suggest(post, source);
    await settle();
    port().close();
    expect(noteStore.getState().notes[key]).toBe(shown);
    expect(suggestion()).toMatchObject({ url: source, error: { code: 'network' } });
  });

  it('is withdrawn by a new request for the note, which the background is told', async () => {
    client.suggest(post, source);
    await settle();
    client.request(post, true);
    expect(sent()[1]).toEqual({ type: 'note:cancel', requestId: idOf(sent()[0]) });
    expect(suggestion()).toBeUndefined();
  });
});

describe('a triage batch', () => {
  const [one, two, three] = ['1', '2', '3'].map((id) => samplePost({ id, lang: null }));
  const triage = {
    classification: 'misleading',
    reason: 'Old photo.',
    worth_note: true,
    injection_detected: false,
  } as const;
  const answers = () => ({ verdict: vi.fn(), skipped: vi.fn(), paused: vi.fn() });
  const batchOf = (message: NotePortIn | undefined) =>
    message?.type === 'triage:request' ? message : expect.fail(`not a triage request: ${message?.type}`);

  it('goes as one request, without detecting languages, and each answer goes back to who asked', () => {
    const to = answers();
    client.requestTriage([one!, two!, three!], to);
    const batch = batchOf(sent()[0]);
    expect(batch.items.map((item) => item.post)).toEqual([one, two, three]);
    expect(detectLanguage).not.toHaveBeenCalled();

    const [first, second, third] = batch.items.map((item) => item.requestId);
    answer({ type: 'triage:done', requestId: first!, triage });
    answer({ type: 'triage:skipped', requestId: second! });
    answer({ type: 'triage:done', requestId: first!, triage }); // repeated: already answered
    answer({ type: 'triage:done', requestId: 'invented', triage });
    expect(to.verdict.mock.calls).toEqual([[postKey(one!), triage]]);
    expect(to.skipped.mock.calls).toEqual([[postKey(two!)]]);
    expect(third).toBeDefined();
    expect(noteStore.getState().notes).toEqual({}); // triage is no note state
  });

  it('paused: the posts not answered yet go back, with the reason, once', () => {
    const to = answers();
    client.requestTriage([one!, two!], to);
    const batch = batchOf(sent()[0]);
    answer({ type: 'triage:done', requestId: batch.items[0]!.requestId, triage });
    const error = {
      code: 'rate_limited',
      message: 'Slow down.',
      action: 'retry',
      status: 429,
      retryAfterMs: 5_000,
    } as const;
    answer({ type: 'triage:paused', batchId: batch.batchId, error });
    answer({ type: 'triage:paused', batchId: batch.batchId, error });
    expect(to.paused.mock.calls).toEqual([[error, [postKey(two!)]]]);
  });

  it('sends nothing for no posts; when the worker stops, what was in flight counts as left out', () => {
    const to = answers();
    client.requestTriage([], to);
    client.request(three!); // opens the port
    client.requestTriage([one!], to);
    port().close();
    expect(to.skipped.mock.calls).toEqual([[postKey(one!)]]);
    expect(sent().filter((message) => message.type === 'triage:request')).toHaveLength(1);
  });
});

describe("a video's note", () => {
  const video = samplePost({
    site: 'youtube',
    id: 'Vd3oQ8sLm2A',
    lang: null,
    text: 'Vacinas e autismo',
    media: { imageAlts: [], hasVideo: true },
    video: { id: 'Vd3oQ8sLm2A' },
  });
  const videoKey = postKey(video);
  const transcript = {
    transcript: {
      source: 'captions' as const,
      language: 'pt',
      automatic: false,
      segments: [{ startMs: 0, text: 'Olá.' }],
      durationSeconds: 60,
    },
  };

  function reading() {
    let resolve!: (value: typeof transcript) => void;
    const signals: AbortSignal[] = [];
    const reader = vi.fn(
      (_id: string, signal: AbortSignal) =>
        new Promise<typeof transcript>((done, fail) => {
          signals.push(signal);
          resolve = done;
          signal.addEventListener('abort', () => fail(signal.reason));
        }),
    );
    return { reader, signals, finish: () => resolve(transcript) };
  }

  it('reads the transcript on a miss, saying so, and sends it with the request', async () => {
    const { reader, finish } = reading();
    client = new NoteClient(reader);
    client.request(video);
    const requestId = idOf(sent()[0]);
    answer({ type: 'note:miss', requestId });
    expect(reader).toHaveBeenCalledWith('Vd3oQ8sLm2A', expect.any(AbortSignal));
    expect(noteStore.getState().notes[videoKey]).toEqual({
      status: 'loading',
      progress: { step: 'transcript', done: 0, total: 0 },
    });
    await settle();
    expect(sent()).toHaveLength(1); // not before the transcript is read
    finish();
    await settle();
    expect(sent()[1]).toMatchObject({ type: 'note:request', requestId, video: transcript });
  });

  it('shows the outline’s progress as it comes', async () => {
    const { reader, finish } = reading();
    client = new NoteClient(reader);
    client.request(video, true);
    finish();
    await settle();
    const requestId = idOf(sent()[0]);
    answer({ type: 'note:progress', requestId, progress: { step: 'outline', done: 1, total: 3 } });
    expect(noteStore.getState().notes[videoKey]).toEqual({
      status: 'loading',
      progress: { step: 'outline', done: 1, total: 3 },
    });
  });

  it('closing the card while the transcript is read stops the reading and sends nothing', async () => {
    const { reader, signals } = reading();
    client = new NoteClient(reader);
    client.request(video, true);
    client.cancel(videoKey);
    expect(signals[0]?.aborted).toBe(true);
    await settle();
    expect(sent().map((message) => message.type)).not.toContain('note:request');
    expect(noteStatus(videoKey)).toBe('idle');
  });

  it('a reader that fails (the UI bundle did not load) sends the request without a transcript, saying why', async () => {
    client = new NoteClient(() => Promise.reject(new Error('The Footnote card could not be loaded.')));
    client.request(video, true);
    await settle();
    expect(sent()[0]).toMatchObject({ type: 'note:request', video: { missing: 'failed' } });
  });

  it('a worker that stops while the transcript is read does not fail the note: it goes on a new port', async () => {
    const { reader, finish } = reading();
    client = new NoteClient(reader);
    client.request(video);
    const first = port();
    answer({ type: 'note:miss', requestId: idOf(sent()[0]) });
    first.close();
    expect(noteStore.getState().notes[videoKey]).toMatchObject({ status: 'loading' });
    finish();
    await settle();
    expect(port()).not.toBe(first);
    expect(sent()[0]).toMatchObject({ type: 'note:request', video: transcript });
  });

  it('other posts are sent without reading anything', async () => {
    const { reader } = reading();
    client = new NoteClient(reader);
    client.request(post, true);
    await settle();
    expect(reader).not.toHaveBeenCalled();
    expect(sent()[0]).toMatchObject({ type: 'note:request' });
  });
});
