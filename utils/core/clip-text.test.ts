import { describe, expect, it } from 'vitest';
import { clipCodePoints, clipText, clipTextToLength } from './clip-text';

describe('clipCodePoints', () => {
  it('never cuts a surrogate pair', () => {
    expect(clipCodePoints('a😀b', 2)).toBe('a😀');
    expect(clipCodePoints('short', 10)).toBe('short');
  });
});

describe('clipText', () => {
  it('counts code points, never splits an emoji, and marks the cut', () => {
    expect(clipText('😀😀😀', 3)).toBe('😀😀😀');
    expect(clipText('😀😀😀😀', 3)).toBe('😀😀…');
    expect(clipText('palavra final', 9)).toBe('palavra…');
  });
});

describe('clipTextToLength', () => {
  it('keeps a text within the length a schema counts, emoji being two units', () => {
    expect(clipTextToLength('short', 10)).toBe('short');
    const clipped = clipTextToLength('😀😀😀😀😀😀', 6);
    expect(clipped).toBe('😀😀…');
    expect(clipped.length).toBeLessThanOrEqual(6);
  });

  it('never leaves half a surrogate pair where it cuts', () => {
    // The cut (after 4 units) falls inside the third emoji: it goes whole.
    expect(clipTextToLength('a😀😀😀', 5)).toBe('a😀…');
    expect(clipTextToLength('words and more words', 10)).toBe('words and…');
  });
});
