import { describe, expect, it } from 'vitest';
import { SITE_MATCHES, siteMatches } from '../sites/site-matches';
import { postMenuPatterns } from './context-menu';

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
    const everySite = [
      'x',
      'bluesky',
      'mastodon',
      'reddit',
      'threads',
      'linkedin',
      'facebook',
      'hackernews',
      'youtube',
    ] as const;
    expect(postMenuPatterns([], everySite)).toEqual([]);
  });
});
