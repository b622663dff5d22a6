import type { TranscriptSegment } from '../core/video';
import { formatVideoTime } from '../core/video-time';
import { splitByBudget } from './thread-chunks';

/**
 * How a transcript is cut to fit a model: its lines joined into short paragraphs, each under
 * the time it starts at (the only times an outline may point to), then the paragraphs in parts
 * of a bounded prompt size, in order. A part is one model call.
 */

/** A paragraph spans at most this long, or this many characters: about a sentence or three. */
const PARAGRAPH_SECONDS = 30;
const PARAGRAPH_CHARS = 600;
/** About four characters a token, plus a paragraph's "⟦12:34⟧" header and line breaks. */
const CHARS_PER_TOKEN = 4;
const PARAGRAPH_OVERHEAD_TOKENS = 8;
/**
 * Parts outlined at most: speech is about 13,000 tokens an hour, so 12 of a local server's 2,500
 * tokens read about two hours (a hosted model's 16,000 reach the transcript's own cap first,
 * TRANSCRIPT_SEGMENTS_MAX lines: about eight hours). The rest is not read, and the card says how
 * much was.
 */
export const VIDEO_PARTS_MAX = 12;

export interface Paragraph {
  /** Whole seconds it starts at; its label ("12:34") is unique in the transcript. */
  at: number;
  label: string;
  text: string;
}

/** Lines joined while they start within PARAGRAPH_SECONDS of the paragraph and fit its size. */
export function paragraphsOf(segments: readonly TranscriptSegment[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const segment of segments) {
    const text = segment.text.trim();
    if (!text) continue;
    const at = Math.floor(segment.startMs / 1000);
    const last = paragraphs[paragraphs.length - 1];
    const joins =
      last !== undefined &&
      at >= last.at &&
      (at === last.at ||
        (at - last.at < PARAGRAPH_SECONDS && last.text.length + text.length < PARAGRAPH_CHARS));
    if (joins) last.text = `${last.text} ${text}`;
    else if (last === undefined || at > last.at) paragraphs.push({ at, label: formatVideoTime(at), text });
    // A line that starts before the paragraph it follows (out of order) is dropped: a time the
    // outline points to must be where that text is.
  }
  return paragraphs;
}

export function paragraphTokens(paragraph: Paragraph): number {
  return Math.ceil(paragraph.text.length / CHARS_PER_TOKEN) + PARAGRAPH_OVERHEAD_TOKENS;
}

export interface TranscriptParts {
  /** The parts to outline, in order (at most VIDEO_PARTS_MAX). */
  parts: Paragraph[][];
  /** Seconds of the video the parts cover: where the first paragraph left out starts, or all. */
  readSeconds: number | null;
}

/**
 * The paragraphs in parts of at most `budget` estimated tokens; past VIDEO_PARTS_MAX parts the
 * rest is left out. `readSeconds` is null when nothing was left out (the whole video).
 */
export function transcriptParts(paragraphs: readonly Paragraph[], budget: number): TranscriptParts {
  const runs = splitByBudget(paragraphs.map(paragraphTokens), budget);
  const kept = runs.slice(0, VIDEO_PARTS_MAX);
  const firstLeftOut = runs[VIDEO_PARTS_MAX]?.[0];
  return {
    parts: kept.map(([start, end]) => paragraphs.slice(start, end)),
    readSeconds: firstLeftOut === undefined ? null : paragraphs[firstLeftOut]!.at,
  };
}
