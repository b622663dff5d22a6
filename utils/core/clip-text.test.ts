import { describe, expect, it } from 'vitest';
import { clipCodePoints, clipText } from './clip-text';

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
