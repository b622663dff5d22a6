/**
 * YouTube's JSON captions (`/api/timedtext?…&fmt=json3`) as transcript lines: one line per event
 * that shows text, from where it starts.
 */
import * as z from 'zod/mini';
import { clipTextToLength } from '../../core/clip-text';
import { TRANSCRIPT_LINE_MAX, TRANSCRIPT_SEGMENTS_MAX, type TranscriptSegment } from '../../core/video';

/**
 * `{ events: [{ tStartMs, dDurationMs, segs: [{ utf8, tOffsetMs }], wWinId, aAppend }] }`. Events
 * without `segs` define caption windows; automatic captions add events whose only text is "\n"
 * (a line appended to the window).
 */
const json3Schema = z.object({
  events: z.array(
    z.object({
      tStartMs: z.number().check(z.gte(0)),
      segs: z.optional(z.array(z.object({ utf8: z.string() }))),
    }),
  ),
});

/** Throws when `text` is not json3 captions (the caller reports the transcript as unreadable). */
export function parseJson3(text: string): TranscriptSegment[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('The caption track is not JSON.');
  }
  const parsed = json3Schema.safeParse(json);
  if (!parsed.success) throw new Error('The caption track is not in YouTube’s json3 format.');
  const lines: TranscriptSegment[] = [];
  for (const event of parsed.data.events) {
    if (event.segs === undefined) continue;
    const text = event.segs
      .map((seg) => seg.utf8)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (text === '') continue;
    lines.push({ startMs: event.tStartMs, text: clipTextToLength(text, TRANSCRIPT_LINE_MAX) });
    if (lines.length === TRANSCRIPT_SEGMENTS_MAX) break;
  }
  return lines;
}
