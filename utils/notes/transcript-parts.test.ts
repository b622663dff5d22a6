import { describe, expect, it } from 'vitest';
import { paragraphsOf, transcriptParts, VIDEO_PARTS_MAX } from './transcript-parts';

const line = (seconds: number, text: string) => ({ startMs: seconds * 1000, text });

describe('paragraphsOf', () => {
  it('joins lines that start within 30 s of their paragraph, each paragraph under its start', () => {
    expect(
      paragraphsOf([line(0, 'a'), line(12.9, 'b'), line(29, 'c'), line(30, 'd'), line(75, 'e')]),
    ).toEqual([
      { at: 0, label: '0:00', text: 'a b c' },
      { at: 30, label: '0:30', text: 'd' },
      { at: 75, label: '1:15', text: 'e' },
    ]);
  });

  it('starts a new paragraph past 600 characters, but never two at the same second', () => {
    const long = 'x'.repeat(590);
    expect(paragraphsOf([line(0, long), line(2, 'yyyyyyyyyyyy'), line(2.5, 'z')]).map((p) => p.at)).toEqual([
      0, 2,
    ]);
  });

  it('skips empty lines and drops a line that goes back in time', () => {
    expect(paragraphsOf([line(40, 'a'), line(41, '  '), line(10, 'earlier'), line(80, 'b')])).toEqual([
      { at: 40, label: '0:40', text: 'a' },
      { at: 80, label: '1:20', text: 'b' },
    ]);
  });
});

describe('transcriptParts', () => {
  const paragraphs = Array.from({ length: 100 }, (_, i) => ({
    at: i * 30,
    label: '',
    text: 'w'.repeat(368),
  }));

  it('cuts paragraphs into parts within the budget, in order', () => {
    // Each paragraph costs 368/4 + 8 = 100 tokens: a 1,000-token budget takes ten a part.
    const { parts, readSeconds } = transcriptParts(paragraphs, 1_000);
    expect(parts).toHaveLength(10);
    expect(parts.flat()).toEqual(paragraphs);
    expect(readSeconds).toBeNull();
  });

  it(`reads at most ${VIDEO_PARTS_MAX} parts and says where the rest starts`, () => {
    const { parts, readSeconds } = transcriptParts(paragraphs, 300);
    expect(parts).toHaveLength(VIDEO_PARTS_MAX);
    expect(readSeconds).toBe(VIDEO_PARTS_MAX * 3 * 30);
  });
});
