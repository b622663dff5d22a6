import { describe, expect, it } from 'vitest';
import { SITE_MATCHES, siteMatches } from '../sites/site-matches';
import { postMenuPatterns } from './context-menu';
import { SITE_IDS } from '../core/post';

describe('postMenuPatterns', () => {
  it('offers "check this post" on every built-in site and on the origins the reader enabled', () => {
    expect(postMenuPatterns(['https://forum.example.org', 'http://localhost:8080'], [])).toEqual([
      ...SITE_MATCHES,
      'https://forum.example.org/*',
      'http://localhost/*',
    ]);
  });

  it('leaves out the sites the reader switched off', () => {
    const patterns = postMenuPatterns([], ['x', 'reddit']);
    for (const pattern of [...siteMatches('x'), ...siteMatches('reddit')])
      expect(patterns).not.toContain(pattern);
    expect(patterns).toEqual(expect.arrayContaining(siteMatches('bluesky')));
  });

  it('is empty when Footnote runs nowhere', () => {
    // Every site Footnote has an adapter for, switched off (generic pages are only enabled origins).
    const everySite = SITE_IDS.filter((id) => id !== 'generic');
    expect(postMenuPatterns([], everySite)).toEqual([]);
  });
});
