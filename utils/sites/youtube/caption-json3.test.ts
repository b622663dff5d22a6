import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_LINE_MAX, TRANSCRIPT_SEGMENTS_MAX } from '../../core/video';
import { parseJson3 } from './caption-json3';

/** Automatic captions as YouTube serves them: a window, word-timed lines, and "\n" appends. */
const AUTOMATIC = JSON.stringify({
  wireMagic: 'pb3',
  pens: [{}],
  wsWinStyles: [{}, { mhModeHint: 2, juJustifCode: 0, sdScrollDir: 3 }],
  wpWinPositions: [{}, { apPoint: 6, ahHorPos: 20, avVerPos: 100, rcRows: 2, ccCols: 40 }],
  events: [
    { tStartMs: 0, dDurationMs: 142000, id: 1, wpWinPosId: 1, wsWinStyleId: 1 },
    {
      tStartMs: 160,
      dDurationMs: 4480,
      wWinId: 1,
      segs: [{ utf8: 'so', acAsrConf: 0 }, { utf8: ' today', tOffsetMs: 400, acAsrConf: 0 }, { utf8: ' we' }],
    },
    { tStartMs: 2630, dDurationMs: 2010, wWinId: 1, aAppend: 1, segs: [{ utf8: '\n' }] },
    { tStartMs: 2640, dDurationMs: 3200, wWinId: 1, segs: [{ utf8: 'look\u00a0at' }, { utf8: ' the\nmap' }] },
  ],
});

describe('reading json3 captions', () => {
  it('gives a line per event with text, its segments joined and its whitespace tidied', () => {
    expect(parseJson3(AUTOMATIC)).toEqual([
      { startMs: 160, text: 'so today we' },
      { startMs: 2640, text: 'look at the map' },
    ]);
  });

  it("reads the author's captions, whose lines break inside a segment", () => {
    const manual = { events: [{ tStartMs: 1000, dDurationMs: 2000, segs: [{ utf8: ' Hello,\nworld. ' }] }] };
    expect(parseJson3(JSON.stringify(manual))).toEqual([{ startMs: 1000, text: 'Hello, world.' }]);
  });

  it('clips a long line and stops at the most lines a transcript may have', () => {
    const events = Array.from({ length: TRANSCRIPT_SEGMENTS_MAX + 5 }, (_, i) => ({
      tStartMs: i * 1000,
      segs: [{ utf8: i === 0 ? 'word '.repeat(TRANSCRIPT_LINE_MAX) : `line ${i}` }],
    }));
    const lines = parseJson3(JSON.stringify({ events }));
    expect(lines).toHaveLength(TRANSCRIPT_SEGMENTS_MAX);
    expect(lines[0]!.text).toHaveLength(TRANSCRIPT_LINE_MAX);
    expect(lines[0]!.text.endsWith('…')).toBe(true);
    expect(lines.at(-1)).toEqual({
      startMs: (TRANSCRIPT_SEGMENTS_MAX - 1) * 1000,
      text: `line ${TRANSCRIPT_SEGMENTS_MAX - 1}`,
    });
  });

  it('gives no lines for captions with no text', () => {
    expect(parseJson3('{"events":[{"tStartMs":0,"id":1}]}')).toEqual([]);
  });

  it('throws on anything that is not json3 captions', () => {
    expect(() => parseJson3('<?xml version="1.0"?><timedtext/>')).toThrow(/not JSON/);
    expect(() => parseJson3('{"captions":[]}')).toThrow(/json3/);
    expect(() => parseJson3('{"events":[{"segs":[{"utf8":"no start"}]}]}')).toThrow(/json3/);
  });
});
