import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX, chipKind, formatHandle, shortExcerpt } from './post-format';

describe('chipKind', () => {
  it('maps the five note states to four chips', () => {
    expect(chipKind('idle')).toBe('idle');
    expect(chipKind('loading')).toBe('working');
    expect(chipKind('streaming')).toBe('working');
    expect(chipKind('done')).toBe('done');
    expect(chipKind('error')).toBe('error');
  });
});

describe('formatHandle', () => {
  it('adds a single @', () => {
    expect(formatHandle('alice')).toBe('@alice');
    expect(formatHandle('@alice')).toBe('@alice');
    expect(formatHandle(' bob@mastodon.social ')).toBe('@bob@mastodon.social');
    expect(formatHandle('  ')).toBe('');
  });
});

describe('shortExcerpt', () => {
  it('collapses whitespace and leaves short text alone', () => {
    expect(shortExcerpt('  hello\n\n  world  ')).toBe('hello world');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const text = 'word '.repeat(60);
    const excerpt = shortExcerpt(text);
    expect(excerpt.endsWith('word…')).toBe(true);
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(EXCERPT_MAX);
  });

  it('cuts inside a long word when there is no space near the end', () => {
    const excerpt = shortExcerpt('x'.repeat(300), 20);
    expect(excerpt).toBe(`${'x'.repeat(19)}…`);
  });

  it('does not split surrogate pairs', () => {
    const excerpt = shortExcerpt('😀'.repeat(50), 10);
    expect(excerpt).toBe(`${'😀'.repeat(9)}…`);
  });
});
