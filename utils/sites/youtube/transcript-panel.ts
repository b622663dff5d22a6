/**
 * The lines of YouTube's transcript panel ("Show transcript"), when the reader has it open
 * (issue #17; utils/sites/youtube/README.md "Transcript panel"). The panel is an engagement panel
 * of the watch page: `engagement-panel-searchable-transcript` with `ytd-transcript-segment-renderer`
 * lines, or since 2026 `PAmodern_transcript_view` with `transcript-segment-view-model` lines
 * (kepano/defuddle src/extractors/youtube.ts; defuddle issue #266). Only an expanded panel is read:
 * a closed one may still hold the lines of a video watched before, after in-app navigation.
 */
import { TRANSCRIPT_LINE_MAX, TRANSCRIPT_SEGMENTS_MAX, type TranscriptSegment } from '../../core/video';
import { parseVideoTime } from '../../core/video-time';
import { readText } from '../dom-text';
import { clip } from '../post-fields';

const OPEN_PANEL = ['engagement-panel-searchable-transcript', 'PAmodern_transcript_view']
  .map(
    (target) =>
      `ytd-engagement-panel-section-list-renderer[target-id="${target}"][visibility="ENGAGEMENT_PANEL_VISIBILITY_EXPANDED"]`,
  )
  .join(', ');

interface LineMarkup {
  time: string;
  text: string;
}

/** Each line's element (upper case, as tagName gives it) and where its time and words are. */
const LINES = new Map<string, LineMarkup>([
  ['YTD-TRANSCRIPT-SEGMENT-RENDERER', { time: '.segment-timestamp', text: '.segment-text' }],
  [
    // Beside the time sits a spelled-out copy for screen readers ("5 seconds"): not read.
    'TRANSCRIPT-SEGMENT-VIEW-MODEL',
    {
      time: '.ytwTranscriptSegmentViewModelTimestamp',
      text: 'span.yt-core-attributed-string, .ytAttributedStringHost',
    },
  ],
]);
const LINE = [...LINES.keys()].map((tag) => tag.toLowerCase()).join(', ');

/**
 * The open panel's lines in the order shown (time order), each with a time and words; none when
 * no transcript panel is open. At most TRANSCRIPT_SEGMENTS_MAX lines.
 */
export function readTranscriptPanel(root: ParentNode): TranscriptSegment[] {
  for (const panel of root.querySelectorAll(OPEN_PANEL)) {
    const segments = readLines(panel);
    if (segments.length > 0) return segments;
  }
  return [];
}

function readLines(panel: Element): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  for (const line of panel.querySelectorAll(LINE)) {
    const segment = readLine(line);
    if (segment !== null) segments.push(segment);
    if (segments.length >= TRANSCRIPT_SEGMENTS_MAX) break;
  }
  return segments;
}

function readLine(line: Element): TranscriptSegment | null {
  const markup = LINES.get(line.tagName);
  const time = markup && line.querySelector(markup.time);
  const words = markup && line.querySelector(markup.text);
  if (!time || !words) return null;
  const seconds = parseVideoTime(time.textContent ?? '');
  const text = clip(readText(words).replace(/\s+/g, ' ').trim(), TRANSCRIPT_LINE_MAX);
  return seconds === null || text === '' ? null : { startMs: seconds * 1000, text };
}
