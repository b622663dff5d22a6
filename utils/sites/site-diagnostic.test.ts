// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { maskedPath, siteDiagnostic } from './site-diagnostic';

describe('maskedPath', () => {
  it('keeps the route words and masks handles, ids and slugs', () => {
    expect(maskedPath('/kepano/status/2022375557532311835')).toBe('/*/status/*');
    expect(maskedPath('/r/brasil/comments/abc123/some_title/')).toBe('/r/*/comments/*/*/');
    expect(maskedPath('/profile/stephenking.bsky.social/post/3lfq')).toBe('/profile/*/post/*');
    expect(maskedPath('/home')).toBe('/home');
    expect(maskedPath('/')).toBe('/');
  });
});

describe('siteDiagnostic', () => {
  it('counts what each selector matches, without any page text', () => {
    document.body.innerHTML =
      '<article data-testid="tweet"><p data-testid="tweetText">secret words</p></article>';
    const diagnostic = siteDiagnostic(
      {
        id: 'x',
        postRootSelector: 'article[data-testid="tweet"]',
        probes: { text: '[data-testid="tweetText"]', author: '[data-testid="User-Name"]', broken: 'a[' },
      },
      { pathname: '/someone/status/1' },
      document,
      '0.2.0',
    );
    expect(diagnostic).toEqual({
      version: '0.2.0',
      site: 'x',
      path: '/*/status/*',
      selectors: [
        { name: 'post root', selector: 'article[data-testid="tweet"]', count: 1 },
        { name: 'text', selector: '[data-testid="tweetText"]', count: 1 },
        { name: 'author', selector: '[data-testid="User-Name"]', count: 0 },
        { name: 'broken', selector: 'a[', count: -1 },
      ],
    });
    expect(JSON.stringify(diagnostic)).not.toContain('secret');
  });
});
