// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  TRANSCRIPT_LINE_MAX,
  TRANSCRIPT_SEGMENTS_MAX,
  transcriptResultSchema,
  type TranscriptSegment,
} from '../../core/video';

/** Whether the background would take this line in a note request's transcript. */
const acceptedLine = (segment: TranscriptSegment | undefined) =>
  transcriptResultSchema().safeParse({
    transcript: {
      source: 'panel',
      language: null,
      automatic: false,
      segments: [segment],
      durationSeconds: null,
    },
  }).success;
import { loadFixture } from '../../../test-support/adapter-test-helpers';
import { readTranscriptPanel } from './transcript-panel';

const EXPANDED = 'ENGAGEMENT_PANEL_VISIBILITY_EXPANDED';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The older panel (engagement-panel-searchable-transcript), as YouTube rendered it until 2026. */
function olderPanel(lines: Array<[time: string, text: string]>, visibility = EXPANDED): string {
  const segments = lines
    .map(
      ([
        time,
        text,
      ]) => `<ytd-transcript-segment-renderer class="style-scope ytd-transcript-segment-list-renderer" rounded-container="">
        <div class="segment style-scope ytd-transcript-segment-renderer" role="button" tabindex="0" aria-label="${time} ${text}">
          <div class="segment-start-offset style-scope ytd-transcript-segment-renderer" tabindex="-1" aria-hidden="true">
            <div class="segment-timestamp style-scope ytd-transcript-segment-renderer">
              ${time}
            </div>
          </div>
          <dom-if class="style-scope ytd-transcript-segment-renderer"><template is="dom-if"></template></dom-if>
          <yt-formatted-string class="segment-text style-scope ytd-transcript-segment-renderer" aria-hidden="true">${text}</yt-formatted-string>
        </div>
      </ytd-transcript-segment-renderer>`,
    )
    .join('');
  return `<ytd-engagement-panel-section-list-renderer class="style-scope ytd-watch-flexy" target-id="engagement-panel-searchable-transcript" visibility="${visibility}">
    <div id="content"><ytd-transcript-renderer><div id="body"><ytd-transcript-search-panel-renderer><div id="body">
    <ytd-transcript-segment-list-renderer><div id="segments-container">
      <ytd-transcript-section-header-renderer><div class="segment-timestamp">0:00</div><yt-formatted-string>Chapter one</yt-formatted-string></ytd-transcript-section-header-renderer>
      ${segments}
    </div></ytd-transcript-segment-list-renderer></div></ytd-transcript-search-panel-renderer></div></ytd-transcript-renderer></div>
  </ytd-engagement-panel-section-list-renderer>`;
}

/** The 2026 panel (PAmodern_transcript_view), its lines in `transcript-segment-view-model`. */
function modernPanel(lines: Array<[time: string, text: string]>, visibility = EXPANDED): string {
  const segments = lines
    .map(
      ([time, text]) => `<transcript-segment-view-model class="ytwTranscriptSegmentViewModelHost">
        <div aria-hidden="true" class="ytwTranscriptSegmentViewModelTimestamp">${time}</div>
        <div class="ytwTranscriptSegmentViewModelTimestampA11yLabel">spoken ${time}</div>
        <span class="ytAttributedStringHost ytAttributedStringLinkInheritColor" role="text">${text}</span>
      </transcript-segment-view-model>`,
    )
    .join('');
  return `<ytd-engagement-panel-section-list-renderer target-id="PAmodern_transcript_view" visibility="${visibility}">
    <div id="content"><yt-section-list-renderer panel-target-id="PAmodern_transcript_view">${segments}</yt-section-list-renderer></div>
  </ytd-engagement-panel-section-list-renderer>`;
}

describe('readTranscriptPanel on video.html', () => {
  it("ignores the closed panel: it holds another video's lines", () => {
    const doc = loadFixture('youtube', 'video.html');
    expect(doc.querySelectorAll('transcript-segment-view-model')).toHaveLength(3);
    expect(readTranscriptPanel(doc)).toEqual([]);
  });

  it('reads the panel once it is open, whitespace tidied, without the spoken-out times', () => {
    const doc = loadFixture('youtube', 'video.html');
    doc.querySelector('[target-id="PAmodern_transcript_view"]')!.setAttribute('visibility', EXPANDED);
    const segments = readTranscriptPanel(doc);
    expect(segments).toEqual([
      { startMs: 0, text: 'hoje vamos fazer pão de queijo mineiro' },
      { startMs: 5_000, text: 'primeiro separe o polvilho e o queijo' },
      { startMs: 9_000, text: 'depois aqueça o leite com o óleo' },
    ]);
    for (const segment of segments) expect(acceptedLine(segment)).toBe(true);
    // Scoped to the watch page as well as the document.
    expect(readTranscriptPanel(doc.querySelector('ytd-watch-flexy')!)).toEqual(segments);
  });
});

describe('readTranscriptPanel', () => {
  it('reads the older panel, in the order shown, hours included', () => {
    const doc = parse(
      olderPanel([
        ['0:00', 'We begin'],
        ['12:34', 'the middle'],
        ['1:02:03', 'an hour in'],
        ['10:00:00', 'a long stream'],
      ]),
    );
    expect(readTranscriptPanel(doc)).toEqual([
      { startMs: 0, text: 'We begin' },
      { startMs: 754_000, text: 'the middle' },
      { startMs: 3_723_000, text: 'an hour in' },
      { startMs: 36_000_000, text: 'a long stream' },
    ]);
  });

  it('reads neither markup while its panel is closed, nor another engagement panel', () => {
    const lines: Array<[string, string]> = [['0:01', 'stale line']];
    expect(readTranscriptPanel(parse(olderPanel(lines, 'ENGAGEMENT_PANEL_VISIBILITY_HIDDEN')))).toEqual([]);
    expect(readTranscriptPanel(parse(modernPanel(lines, 'ENGAGEMENT_PANEL_VISIBILITY_HIDDEN')))).toEqual([]);
    const other = modernPanel(lines).replaceAll(
      'PAmodern_transcript_view',
      'engagement-panel-structured-description',
    );
    expect(readTranscriptPanel(parse(other))).toEqual([]);
    expect(readTranscriptPanel(parse(modernPanel(lines)))).toEqual([{ startMs: 1_000, text: 'stale line' }]);
  });

  it('reads the open panel when another one is open but empty', () => {
    const doc = parse(olderPanel([]) + modernPanel([['0:07', 'the open one']]));
    expect(readTranscriptPanel(doc)).toEqual([{ startMs: 7_000, text: 'the open one' }]);
  });

  it('skips a line without a time it can read, or without words', () => {
    const doc = parse(
      modernPanel([
        ['', 'no time'],
        ['1:2', 'one-digit seconds'],
        ['0:60', 'sixty seconds'],
        ['1:60:00', 'sixty minutes in an hour'],
        ['1:02:03:04', 'too many parts'],
        ['5 seconds', 'words for a time'],
        ['-0:05', 'negative'],
        ['0:03', '   '],
        ['0:04', 'kept'],
      ]),
    );
    doc
      .querySelector('transcript-segment-view-model')!
      .before(
        Object.assign(doc.createElement('transcript-segment-view-model'), { textContent: '0:02 no markup' }),
      );
    expect(readTranscriptPanel(doc)).toEqual([{ startMs: 4_000, text: 'kept' }]);
  });

  it('clips a line to TRANSCRIPT_LINE_MAX and reads at most TRANSCRIPT_SEGMENTS_MAX lines', () => {
    const long = parse(modernPanel([['0:00', 'word '.repeat(TRANSCRIPT_LINE_MAX)]]));
    const [segment] = readTranscriptPanel(long);
    expect(segment?.text).toHaveLength(TRANSCRIPT_LINE_MAX);
    expect(acceptedLine(segment)).toBe(true);

    const twoDigits = (n: number) => String(n).padStart(2, '0');
    const clock = (s: number) =>
      `${Math.floor(s / 3600)}:${twoDigits(Math.floor(s / 60) % 60)}:${twoDigits(s % 60)}`;
    const many = Array.from({ length: TRANSCRIPT_SEGMENTS_MAX + 5 }, (_, i): [string, string] => [
      clock(i),
      `line ${i}`,
    ]);
    const segments = readTranscriptPanel(parse(modernPanel(many)));
    expect(segments).toHaveLength(TRANSCRIPT_SEGMENTS_MAX);
    expect(segments.at(-1)).toEqual({
      startMs: (TRANSCRIPT_SEGMENTS_MAX - 1) * 1_000,
      text: `line ${TRANSCRIPT_SEGMENTS_MAX - 1}`,
    });
  }, 30_000);

  it('never throws on a page without a panel or a panel in pieces', () => {
    expect(readTranscriptPanel(parse('<p>no panel</p>'))).toEqual([]);
    expect(readTranscriptPanel(document.createDocumentFragment())).toEqual([]);
    const doc = parse(
      modernPanel([
        ['0:01', 'a'],
        ['0:02', 'b'],
      ]) + olderPanel([['0:03', 'c']]),
    );
    doc.querySelector('.ytwTranscriptSegmentViewModelTimestamp')!.remove();
    doc.querySelectorAll('.ytAttributedStringHost')[1]!.replaceChildren();
    expect(readTranscriptPanel(doc)).toEqual([{ startMs: 3_000, text: 'c' }]);
  });
});
