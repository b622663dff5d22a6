import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTE, lastUserMessage, type Behaviour, type RecordedRequest } from '../../e2e/model-server';
import { useLocalModelServer } from '../../test-support/local-model-server';
import { memoryOutputModes } from '../../test-support/memory-output-modes';
import { samplePost } from '../../test-support/sample-post';
import { sampleReview } from '../../test-support/self-check-review';
import { streamChatJson } from '../ai/openai-chat';
import type { NoteError } from '../core/note-error';
import type { NoteMeta, TokenUsage } from '../core/note-meta';
import type { Note } from '../core/note-schema';
import type { TranscriptResult, TranscriptSegment, TranscriptSource, VideoProgress } from '../core/video';
import type { OverBudget, UsageTally } from '../settings/usage-ledger';
import { NoteCache } from './note-cache';
import { createNoteEngine } from './note-engine';
import { NO_EVIDENCE } from './note-evidence';
import { VIDEO_PARTS_MAX } from './transcript-parts';

// A video post's note end to end over real HTTP: its transcript outlined in parts, then the note.

const { server, endpoint } = useLocalModelServer();

const video = samplePost({
  site: 'youtube',
  id: 'Vd3oQ8sLm2A',
  url: 'https://www.youtube.com/watch?v=Vd3oQ8sLm2A',
  text: 'Vacinas e autismo: o que dizem os estudos\n\nUma revisão dos estudos.',
  media: { imageAlts: [], hasVideo: true },
  video: { id: 'Vd3oQ8sLm2A' },
});

/** One line every `step` seconds, `count` of them, each about `chars` long. */
function lines(count: number, step = 5, chars = 60): TranscriptSegment[] {
  return Array.from({ length: count }, (_, i) => ({
    startMs: i * step * 1000,
    text: `Line ${i}: ${'palavra '.repeat(Math.ceil(chars / 8))}`.slice(0, chars),
  }));
}

function transcript(
  segments: TranscriptSegment[],
  durationSeconds: number | null = null,
  source: TranscriptSource = 'captions',
): TranscriptResult {
  return { transcript: { source, language: 'pt', automatic: true, segments, durationSeconds } };
}

const isOutline = (req: RecordedRequest) =>
  JSON.stringify(req.body).includes('"name":"footnote_video_outline"');

/** The outline answer for a request: one moment at each of its first `count` given times. */
function outlineOf(req: RecordedRequest, count = 2): Behaviour {
  const times = [...lastUserMessage(req).matchAll(/⟦(\d+:\d{2}(?::\d{2})?)⟧/g)].map((m) => m[1]!);
  return {
    kind: 'note',
    note: { moments: times.slice(0, count).map((at) => ({ at, point: `O vídeo diz algo em ${at}.` })) },
  };
}

function setup(over: OverBudget | null = null, selfCheck = false) {
  const recorded: Array<{ usage: TokenUsage; tally: UsageTally }> = [];
  const engine = createNoteEngine({
    loadEndpoint: async () => ({ endpoint: endpoint(), providerLabel: 'Custom' }),
    answerLanguage: async () => 'pt-BR',
    evidencePlan: async () => NO_EVIDENCE,
    selfCheck: async () => selfCheck,
    cache: new NoteCache(100, 1e6),
    outputModes: memoryOutputModes(),
    usage: {
      exceeded: async () => over,
      record: async (usage, tally) => void recorded.push({ usage, tally }),
    },
    stream: streamChatJson,
    now: () => Date.parse('2026-12-08T12:00:00Z'),
    concurrency: 1,
  });
  return { engine, recorded };
}

interface Outcome {
  progress: VideoProgress[];
  done?: { note: Note; meta: NoteMeta };
  error?: NoteError;
}

async function requestVideo(
  result: TranscriptResult | undefined,
  {
    signal = new AbortController().signal,
    over = null as OverBudget | null,
    onProgress = (_: VideoProgress) => {},
    made = setup(over),
  } = {},
) {
  const { engine, recorded } = made;
  const outcome: Outcome = { progress: [] };
  await engine.requestNote(
    { post: video, refresh: false, video: result },
    {
      partial: () => undefined,
      progress: (progress) => {
        outcome.progress.push(progress);
        onProgress(progress);
      },
      done: (note, meta) => (outcome.done = { note, meta }),
      error: (error) => (outcome.error = error),
    },
    signal,
  );
  return { ...outcome, recorded };
}

describe('a video note', () => {
  it('outlines a short transcript in one strict request, then writes the note from the outline', async () => {
    server.setDefault((req) => (isOutline(req) ? outlineOf(req) : { kind: 'note', note: DEFAULT_NOTE }));
    const { done, progress, recorded } = await requestVideo(transcript(lines(20), 100));
    const [outline, note] = server.completionRequests();
    expect(outline?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'footnote_video_outline', strict: true } },
    });
    // Lines join into paragraphs of at most 30 s, each under the time it starts at.
    expect(lastUserMessage(outline!)).toContain('⟦0:00⟧ Line 0:');
    expect(lastUserMessage(outline!)).toContain('⟦0:30⟧ Line 6:');
    expect(lastUserMessage(outline!)).not.toContain('⟦0:05⟧');
    expect(lastUserMessage(note!)).toContain('⟦0:00⟧ O vídeo diz algo em 0:00.');
    expect(lastUserMessage(note!)).toContain('speech recognition');
    expect(done?.meta.video).toEqual({
      source: 'captions',
      language: 'pt',
      automatic: true,
      durationSeconds: 100,
      readSeconds: 100,
      parts: 1,
      failedParts: 0,
      moments: [
        { at: 0, text: 'O vídeo diz algo em 0:00.' },
        { at: 30, text: 'O vídeo diz algo em 0:30.' },
      ],
    });
    expect(progress).toEqual([
      { step: 'outline', done: 0, total: 1 },
      { step: 'outline', done: 1, total: 1 },
    ]);
    // The outline's tokens are the note's too, and counted as no note of their own.
    expect(recorded.map((r) => r.tally)).toEqual([
      { kind: 'notes', notes: 0 },
      { kind: 'notes', notes: 1 },
    ]);
    const sum = recorded[0]!.usage.promptTokens + recorded[1]!.usage.promptTokens;
    expect(done?.meta.usage.promptTokens).toBe(sum);
  });

  it('reads a long transcript in parts one at a time, reporting each, and stops past the cap', async () => {
    server.setDefault((req) => (isOutline(req) ? outlineOf(req, 1) : { kind: 'note', note: DEFAULT_NOTE }));
    // A local server reads 2,500-token parts: ~4,000 lines of 150 characters are ~40 parts.
    const long = lines(4_000, 3, 150);
    const { done, progress } = await requestVideo(transcript(long, 12_000));
    const outlines = server.completionRequests().filter(isOutline);
    expect(outlines).toHaveLength(VIDEO_PARTS_MAX);
    expect(lastUserMessage(outlines[1]!)).toContain(`Part 2 of ${VIDEO_PARTS_MAX} of the transcript`);
    expect(progress.map((p) => p.done)).toEqual([...Array(VIDEO_PARTS_MAX + 1).keys()]);
    const report = done!.meta.video!;
    expect(report.parts).toBe(VIDEO_PARTS_MAX);
    expect(report.moments).toHaveLength(VIDEO_PARTS_MAX);
    expect(report.readSeconds).toBeGreaterThan(0);
    expect(report.readSeconds).toBeLessThan(12_000);
    // Every moment is the start of a paragraph a part gave.
    for (const { at } of report.moments) expect(at % 3).toBe(0);
    expect(lastUserMessage(server.completionRequests().at(-1)!)).toMatch(
      /covers the first \d+:\d{2} of 3:20:00/,
    );
  });

  it('drops times the transcript does not have, and repairs an answer with none it has', async () => {
    server.enqueue(
      { kind: 'note', note: { moments: [{ at: '9:99', point: 'Invented.' }] } },
      {
        kind: 'note',
        note: {
          moments: [
            { at: '00:30', point: 'Real.' },
            { at: '0:31', point: 'Not a paragraph.' },
          ],
        },
      },
      { kind: 'note', note: DEFAULT_NOTE },
    );
    const { done } = await requestVideo(transcript(lines(20)));
    expect(done?.meta.video?.moments).toEqual([{ at: 30, text: 'Real.' }]);
    expect(done?.meta.repaired).toBe(false); // the note's own answer was fine
  });

  it('skips and counts a part whose answer stays invalid, and still writes the note', async () => {
    server.enqueue(
      { kind: 'note', note: 'not json' },
      { kind: 'note', note: 'still not json' },
      { kind: 'note', note: DEFAULT_NOTE },
    );
    const { done } = await requestVideo(transcript(lines(20)));
    expect(done?.meta.video).toMatchObject({ parts: 1, failedParts: 1, moments: [] });
    expect(lastUserMessage(server.completionRequests().at(-1)!)).toContain('could not be read');
  });

  it('writes the note from the title and description when the page gave no transcript, and says why', async () => {
    const { done } = await requestVideo({ missing: 'not_shared' });
    expect(server.completionRequests()).toHaveLength(1);
    expect(lastUserMessage(server.completionRequests()[0]!)).toContain(
      "The video's transcript could not be read (not_shared)",
    );
    expect(done?.meta.video).toMatchObject({ source: null, missing: 'not_shared', moments: [] });
  });

  it('fails the note on a failure other than an invalid answer (a rate limit), like one call would', async () => {
    server.enqueue({ kind: 'error', status: 401 });
    const { error, done } = await requestVideo(transcript(lines(20)));
    expect(done).toBeUndefined();
    expect(error?.code).toBe('auth');
  });

  it('stops before the next part once cancelled', async () => {
    server.setDefault((req) => (isOutline(req) ? outlineOf(req, 1) : { kind: 'note', note: DEFAULT_NOTE }));
    const controller = new AbortController();
    const { done } = await requestVideo(transcript(lines(4_000, 3, 150)), {
      signal: controller.signal,
      onProgress: (p) => p.done === 1 && controller.abort(),
    });
    expect(done).toBeUndefined();
    expect(server.completionRequests().filter(isOutline)).toHaveLength(1);
  });

  it('makes no call once the day’s budget is used up', async () => {
    const { error } = await requestVideo(transcript(lines(20)), { over: { budget: 10, used: 11 } });
    expect(error?.code).toBe('budget_exhausted');
    expect(server.completionRequests()).toHaveLength(0);
  });

  it('has the self-check review the note with the outline, where what the video says is', async () => {
    server.setDefault((req) => {
      if (isOutline(req)) return outlineOf(req);
      if (JSON.stringify(req.body).includes('footnote_self_check'))
        return { kind: 'note', note: sampleReview() };
      return { kind: 'note', note: DEFAULT_NOTE };
    });
    const { done } = await requestVideo(transcript(lines(20)), { made: setup(null, true) });
    const review = server.completionRequests().at(-1)!;
    expect(JSON.stringify(review.body)).toContain('footnote_self_check');
    expect(lastUserMessage(review)).toContain('⟦0:30⟧ O vídeo diz algo em 0:30.');
    expect(done?.meta.selfCheck?.outcome).toBe('kept');
  });

  it('keeps no note written because reading the transcript failed: the next look tries again', async () => {
    const made = setup();
    await requestVideo({ missing: 'failed' }, { made });
    const again = await requestVideo(transcript(lines(20)), { made });
    expect(again.done?.meta.fromCache).toBe(false);
    expect(again.done?.meta.video?.source).toBe('captions');
    // A note written without captions the video does not have is kept (Regenerate rewrites it).
    const kept = setup();
    await requestVideo({ missing: 'no_captions' }, { made: kept });
    const cached = await requestVideo(transcript(lines(20)), { made: kept });
    expect(cached.done?.meta.fromCache).toBe(true);
  });

  it('two requests for the same video each outline their own transcript: none joins another', async () => {
    server.setDefault((req) => (isOutline(req) ? outlineOf(req) : { kind: 'note', note: DEFAULT_NOTE }));
    const made = setup();
    const [panel, none] = await Promise.all([
      requestVideo(transcript(lines(20), null, 'panel'), { made }),
      requestVideo({ missing: 'not_shared' }, { made }),
    ]);
    expect(panel.done?.meta.video?.source).toBe('panel');
    expect(panel.progress.length).toBeGreaterThan(0);
    expect(none.done?.meta.video?.missing).toBe('not_shared');
  });
});
