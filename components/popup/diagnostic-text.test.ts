import { describe, expect, it } from 'vitest';
import { diagnosticText } from './diagnostic-text';

describe('diagnosticText', () => {
  it('writes one line a selector with its count', () => {
    expect(
      diagnosticText({
        version: '0.2.0',
        site: 'x',
        path: '/*/status/*',
        selectors: [
          { name: 'post root', selector: 'article[data-testid="tweet"]', count: 0 },
          { name: 'broken', selector: 'a[', count: -1 },
        ],
      }),
    ).toBe(
      [
        'Footnote 0.2.0: no posts found',
        'site: x',
        'path: /*/status/*',
        'post root (article[data-testid="tweet"]): 0',
        'broken (a[): invalid selector',
      ].join('\n'),
    );
  });
});
