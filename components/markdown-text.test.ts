import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './markdown-text';

describe('escapeMarkdown', () => {
  it('leaves ordinary prose readable', () => {
    expect(escapeMarkdown('Note: it ends here. Really!')).toBe('Note: it ends here. Really\\!');
  });

  it('defuses links, images, autolinks, HTML and entities', () => {
    const hostile = [
      '[click](https://evil.test/x)',
      '![img](https://evil.test/p.png)',
      '<https://evil.test>',
      'visit https://evil.test/a or www.evil.test or evil.test',
      'mail admin@evil.test',
      '<img src=x onerror=alert(1)>',
      '&#x6A;avascript',
      '[ref]: https://evil.test',
    ];
    for (const text of hostile) {
      const escaped = escapeMarkdown(text);
      // No unescaped bracket or angle bracket, no scheme, no bare domain or address left.
      expect(escaped).not.toMatch(/(^|[^\\])[[\]<>&]/);
      expect(escaped).not.toMatch(/[^\\]:\/\//);
      expect(escaped).not.toMatch(/[a-z]\.[a-z]/i);
      expect(escaped).not.toMatch(/[a-z]@[a-z]/i);
    }
  });

  it('keeps text on one line so it cannot start a block', () => {
    expect(escapeMarkdown('a\n# heading\r\n[x]: http://e.test')).toBe(
      'a \\# heading \\[x\\]: http\\://e\\.test',
    );
  });

  it('escapes emphasis and code markers and the backslash itself', () => {
    expect(escapeMarkdown('*a* _b_ `c` ~d~ \\e |f|')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\\\e \\|f\\|');
  });
  it('escapes a line start that Markdown would read as a list', () => {
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('+ not a list')).toBe('\\+ not a list');
    expect(escapeMarkdown('12) not a list')).toBe('12\\) not a list');
    expect(escapeMarkdown('  two\n\nlines  ')).toBe('two lines');
  });
});
