import { buildVideoOutlineMessages } from '../ai/video-prompt';
import { videoOutlineReader } from '../ai/video-reader';
import { NoteFailure } from '../ai/provider-errors';
import { NO_USAGE, sumUsage, type TokenUsage } from '../core/note-meta';
import type { Post } from '../core/post';
import {
  MOMENTS_MAX,
  TRANSCRIPT_SEGMENTS_MAX,
  type TranscriptResult,
  type VideoProgress,
  type VideoReport,
} from '../core/video';
import type { NotePipeline, NoteRun } from './note-pipeline';
import { partTokenBudget } from './thread-chunks';
import { paragraphsOf, transcriptParts, type Paragraph } from './transcript-parts';

/** Moments asked of one part: enough for a short video, fewer each when there are many parts. */
const MOMENTS_PER_PART = 6;

export interface VideoOutline {
  report: VideoReport;
  /** What the outline's calls cost (each is counted in the ledger as it is made). */
  usage: TokenUsage;
}

/**
 * Outlines a video's transcript in timestamped moments before its note is written (issue #17):
 * the transcript in parts that fit the endpoint (transcript-parts.ts), one call per part, one at
 * a time, each after the budget check, so a cancel stops before the next. Call it inside the
 * endpoint's queue turn the note is written in. A part whose answer stays invalid after its
 * repair is counted and skipped; any other failure (network, key, rate limit, budget) fails the
 * note, as it would its one call. Without a transcript, the report says why and nothing is called.
 */
export async function outlineVideo(
  pipeline: NotePipeline,
  run: NoteRun,
  post: Post,
  result: TranscriptResult,
  signal: AbortSignal,
  onProgress: (progress: VideoProgress) => void,
): Promise<VideoOutline> {
  if ('missing' in result) {
    return { report: { ...emptyReport(), missing: result.missing }, usage: NO_USAGE };
  }
  const { transcript } = result;
  const { parts, readSeconds } = transcriptParts(
    paragraphsOf(transcript.segments),
    partTokenBudget(run.endpoint),
  );
  const most = Math.max(2, Math.min(MOMENTS_PER_PART, Math.floor(MOMENTS_MAX / Math.max(parts.length, 1))));
  const report: VideoReport = {
    ...emptyReport(),
    source: transcript.source,
    language: transcript.language,
    automatic: transcript.automatic,
    durationSeconds: transcript.durationSeconds,
    // A transcript the page cut at TRANSCRIPT_SEGMENTS_MAX lines covers up to its last line only.
    readSeconds:
      readSeconds ??
      (transcript.segments.length >= TRANSCRIPT_SEGMENTS_MAX ? null : transcript.durationSeconds) ??
      lastStart(parts),
    parts: parts.length,
  };
  let usage = NO_USAGE;
  for (const [i, paragraphs] of parts.entries()) {
    onProgress({ step: 'outline', done: i, total: parts.length });
    signal.throwIfAborted();
    await pipeline.checkBudget();
    try {
      const answer = await outlinePart(
        pipeline,
        run,
        post,
        paragraphs,
        { part: i + 1, parts: parts.length, most },
        transcript.automatic,
        signal,
      );
      report.moments.push(...answer.value);
      usage = sumUsage(usage, answer.usage);
    } catch (err) {
      if (!isMalformed(err)) throw err;
      report.failedParts += 1;
    }
  }
  onProgress({ step: 'outline', done: parts.length, total: parts.length });
  report.moments = report.moments.slice(0, MOMENTS_MAX);
  return { report, usage };
}

function outlinePart(
  pipeline: NotePipeline,
  run: NoteRun,
  post: Post,
  paragraphs: Paragraph[],
  where: { part: number; parts: number; most: number },
  automatic: boolean,
  signal: AbortSignal,
) {
  const times = new Map(paragraphs.map(({ label, at }) => [label, at]));
  return pipeline.callModel(
    run,
    {
      prompt: (basics) =>
        buildVideoOutlineMessages({
          ...basics,
          title: post.text.split('\n', 1)[0] ?? '',
          part: where.part,
          parts: where.parts,
          moments: where.most,
          paragraphs,
          automatic,
        }),
      reader: videoOutlineReader(times, where.most),
      postLanguage: null,
      // Counted with the note it is part of: its tokens, no note of its own.
      tally: () => ({ kind: 'notes', notes: 0 }),
      onPartial: () => undefined,
    },
    signal,
  );
}

function emptyReport(): VideoReport {
  return {
    source: null,
    language: null,
    automatic: false,
    durationSeconds: null,
    readSeconds: 0,
    parts: 0,
    failedParts: 0,
    moments: [],
  };
}

function lastStart(parts: Paragraph[][]): number {
  return parts.at(-1)?.at(-1)?.at ?? 0;
}

function isMalformed(err: unknown): boolean {
  return err instanceof NoteFailure && err.error.code === 'malformed';
}
