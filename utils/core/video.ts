import * as z from 'zod/mini';

/**
 * A video page's video as a post (issue #17: YouTube's watch page): its transcript, read from the
 * video's caption track or the page's transcript panel, is outlined in timestamped moments, and
 * the note is written from the title, channel, description and that outline.
 */

/** YouTube video ids: 11 characters of base64url. */
export const VIDEO_ID = /^[\w-]{11}$/;

/** The longest transcript line kept. */
export const TRANSCRIPT_LINE_MAX = 1_000;

/**
 * Lines a transcript may have: a 4-hour video's auto captions come in about 6,000; beyond this
 * the rest is not read (bounded work).
 */
export const TRANSCRIPT_SEGMENTS_MAX = 12_000;

/** Where a transcript came from. */
export const TRANSCRIPT_SOURCES = [
  /** The caption track the player offers (timedtext), fetched from the page. */
  'captions',
  /** The page's "Show transcript" panel, read by the UI bundle in the page. */
  'panel',
] as const;
export type TranscriptSource = (typeof TRANSCRIPT_SOURCES)[number];

/** Why a video's note was written without its transcript (the card says so). */
export const TRANSCRIPT_MISSING_REASONS = [
  /** The video offers no caption track. */
  'no_captions',
  /** The track answered with nothing (YouTube now asks for a token only its player has). */
  'not_shared',
  /** The watch page or the track could not be fetched or read (HTTP error, timeout, changed format). */
  'failed',
] as const;
export type TranscriptMissingReason = (typeof TRANSCRIPT_MISSING_REASONS)[number];

/** Moments the card lists under a video's note, each a button that seeks the video. */
export const MOMENT_TEXT_MAX = 200;
export const MOMENTS_MAX = 40;
export const videoMomentSchema = z.object({
  /** Seconds from the start: a transcript line's start, never a time the transcript lacks. */
  at: z.number().check(z.gte(0)),
  text: z.string().check(z.maxLength(MOMENT_TEXT_MAX)),
});
export type VideoMoment = z.infer<typeof videoMomentSchema>;

/** What a video note's metadata keeps of its transcript and outline. */
export const videoReportSchema = z.object({
  /** Where the transcript came from; null when the note was written without one. */
  source: z.nullable(z.enum(TRANSCRIPT_SOURCES)),
  missing: z.optional(z.enum(TRANSCRIPT_MISSING_REASONS)),
  language: z.nullable(z.string().check(z.maxLength(35))),
  automatic: z.boolean(),
  durationSeconds: z.nullable(z.number()),
  /** Seconds of the video the outline covers (a transcript past the cap is read in part). */
  readSeconds: z.number(),
  /** Parts the transcript was outlined in, and those whose answer was unusable. */
  parts: z.number(),
  failedParts: z.number(),
  moments: z.array(videoMomentSchema).check(z.maxLength(MOMENTS_MAX)),
});
export type VideoReport = z.infer<typeof videoReportSchema>;

/** How far a video note is while its transcript is outlined (one model call per part). */
export const videoProgressSchema = z.object({
  step: z.enum(['transcript', 'outline']),
  /** Parts outlined so far, and how many there are (0 while the transcript is fetched). */
  done: z.number(),
  total: z.number(),
});
export type VideoProgress = z.infer<typeof videoProgressSchema>;

/**
 * What the UI bundle read of a video's transcript (entrypoints/card-ui/video-transcript.ts), sent
 * with the note request: the transcript, or why there is none (the note is then written from the
 * title and description, and the card says why). Built when first asked for: only the
 * background validates it, and content scripts, which only name its types, do not build it at
 * page load.
 */
export function transcriptResultSchema() {
  const segment = z.object({
    /** Milliseconds from the start of the video. */
    startMs: z.number().check(z.gte(0)),
    text: z.string().check(z.maxLength(TRANSCRIPT_LINE_MAX)),
  });
  const transcript = z.object({
    source: z.enum(TRANSCRIPT_SOURCES),
    /** BCP-47 code of the track, when known. */
    language: z.nullable(z.string().check(z.maxLength(35))),
    /** Captions YouTube made by speech recognition (less exact than the author's). */
    automatic: z.boolean(),
    segments: z.array(segment).check(z.maxLength(TRANSCRIPT_SEGMENTS_MAX)),
    /** The video's length when the page's data says, else null. */
    durationSeconds: z.nullable(z.number().check(z.gte(0))),
  });
  return z.union([z.object({ transcript }), z.object({ missing: z.enum(TRANSCRIPT_MISSING_REASONS) })]);
}
export type TranscriptResult = z.infer<ReturnType<typeof transcriptResultSchema>>;
export type Transcript = Extract<TranscriptResult, { transcript: unknown }>['transcript'];
/** One line of a transcript: where it starts and what is said. */
export type TranscriptSegment = Transcript['segments'][number];
