import { describe, expect, it } from 'vitest';
import { sourceRatingSchema, type RatingLookup } from '../core/evidence';
import { CRED1 } from '../settings/rating-lists';
import {
  parseRatingList,
  RATING_LIST_MAX_BYTES,
  RATING_LIST_MAX_ENTRIES,
  ratingLevel,
  type RatingListParse,
} from './source-ratings';

// Small lists written here, in CRED-1's compact format (the real list is never copied).
const LIST = {
  'rumours.example': { c: 'f', s: 0.05, n: 2, d: '2012-03-13', r: 198577 },
  'example.co.uk': { c: 'm', s: 0.35, n: 1 },
  'news.example.org': { c: 'reliable', s: 0.8, n: 1 },
  'xn--bcher-kva.example': { c: 'u', s: 0.1, n: 1 },
  '203.0.113.7': { c: 'u', s: 0.2, n: 1 },
};
const CUSTOM = 'https://lists.example.net/ratings.json';

function lookupOf(result: RatingListParse): RatingLookup {
  if (!result.ok) throw new Error(`refused: ${result.detail}`);
  return result.list.lookup;
}
const lookup = lookupOf(parseRatingList(JSON.stringify(LIST), CRED1.url));

describe('rate', () => {
  it('rates the host, with the level from the list’s own thresholds and the category named', () => {
    expect(lookup.rate('https://rumours.example/story?id=1')).toEqual({
      domain: 'rumours.example',
      score: 0.05,
      level: 'low',
      category: 'fake',
      list: 'CRED-1',
    });
    expect(lookup.rate('https://news.example.org/')).toMatchObject({ level: 'high', category: 'reliable' });
  });

  it('rates subdomains by their nearest rated parent (eTLD+1 included), never by a bare TLD', () => {
    expect(lookup.rate('https://a.b.rumours.example/x')?.domain).toBe('rumours.example');
    expect(lookup.rate('http://sub.example.co.uk/page')).toMatchObject({
      domain: 'example.co.uk',
      level: 'mixed',
    });
    expect(lookup.rate('https://live.news.example.org/')?.domain).toBe('news.example.org');
    // example.org itself is not rated: its rated subdomain says nothing about it.
    expect(lookup.rate('https://example.org/')).toBeNull();
    expect(lookup.rate('https://other.co.uk/')).toBeNull();
  });

  it('ignores case, "www.", a trailing dot, ports and credentials', () => {
    expect(lookup.rate('HTTPS://WWW.Rumours.Example./a')?.domain).toBe('rumours.example');
    expect(lookup.rate('https://user:pw@rumours.example:8443/a')?.domain).toBe('rumours.example');
  });

  it('matches an IDN host written in Unicode or punycode', () => {
    expect(lookup.rate('https://bücher.example/')?.domain).toBe('xn--bcher-kva.example');
    expect(lookup.rate('https://shop.xn--bcher-kva.example/')?.domain).toBe('xn--bcher-kva.example');
  });

  it('matches an IP address only exactly', () => {
    expect(lookup.rate('http://203.0.113.7:8080/')?.domain).toBe('203.0.113.7');
    expect(lookup.rate('http://1.203.0.113.7/')).toBeNull();
  });

  it('gives unknown domains, non-http(s) URLs and garbage no rating', () => {
    expect(lookup.rate('https://unknown.example/')).toBeNull();
    expect(lookup.rate('ftp://rumours.example/file')).toBeNull();
    expect(lookup.rate('javascript:alert(1)')).toBeNull();
    expect(lookup.rate('not a url')).toBeNull();
  });
});

describe('parseRatingList', () => {
  it('names the list by its address and versions it by its content', () => {
    const custom = lookupOf(parseRatingList(JSON.stringify(LIST), CUSTOM));
    expect(custom.rate('https://rumours.example/')?.list).toBe('lists.example.net');
    expect(custom.version).toMatch(/^lists\.example\.net#[0-9a-f]{8}$/);
    expect(lookup.version).toMatch(/^CRED-1#[0-9a-f]{8}$/);
    const changed = { ...LIST, 'rumours.example': { c: 'f', s: 0.06, n: 2 } };
    expect(lookupOf(parseRatingList(JSON.stringify(changed), CRED1.url)).version).not.toBe(lookup.version);
  });

  it('every rating it gives fits the note schema, whatever the list host or domain length', () => {
    const longHost = `https://${'mirror-'.repeat(12)}bucket.s3.eu-central-1.example.com/ratings.json`;
    const longDomain = `${['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(60)).join('.')}.example`;
    const result = parseRatingList(
      JSON.stringify({ 'rumours.example': { c: 'f', s: 0.05 }, [longDomain]: { c: 'u', s: 0.1 } }),
      longHost,
    );
    const rated = lookupOf(result);
    const rating = rated.rate('https://rumours.example/');
    expect(sourceRatingSchema.safeParse(rating).success).toBe(true);
    expect(rating?.list.length).toBeLessThanOrEqual(80);
    expect(rated.rate(`https://${longDomain}/`)).toBeNull(); // longer than any DNS name: not listed
  });

  it('skips entries that rate no domain and counts them, keeping the rest', () => {
    const result = parseRatingList(
      JSON.stringify({
        'good.example': { c: 'u', s: 0.1 },
        'trailing.example/': { c: 'u', s: 0.1 },
        'site.example/blog': { c: 'm', s: 0.3 },
        'silver-coin. example': { c: 'u', s: 0.1 },
        com: { c: 'f', s: 0 },
        'port.example:8080': { c: 'u', s: 0.1 },
        'WWW.Good.Example': { c: 'r', s: 0.9 },
        'score.example': { c: 'u', s: 1.5 },
        'noscore.example': { c: 'u' },
        'text.example': 'fake',
        'odd-code.example': { c: 'zz', s: 0.4 },
      }),
      CUSTOM,
    );
    expect(result.ok && { entries: result.list.entries, skipped: result.list.skipped }).toEqual({
      entries: 3,
      skipped: 8,
    });
    const rated = lookupOf(result);
    expect(rated.rate('https://good.example/')?.level).toBe('low'); // the first entry for a domain wins
    expect(rated.rate('https://trailing.example/')?.domain).toBe('trailing.example');
    expect(rated.rate('https://odd-code.example/')?.category).toBeNull();
    expect(rated.rate('https://site.example/blog/post')).toBeNull();
    expect(rated.rate('https://anything.com/')).toBeNull();
  });

  it.each([
    ['not JSON', '{"a.example": {"s": 0.1}', 'invalid'],
    ['an array', '[{"domain": "a.example", "s": 0.1}]', 'invalid'],
    ['null', 'null', 'invalid'],
    ['no usable entry', '{"a.example/path": {"s": 0.1}, "b.example": {"s": "low"}}', 'invalid'],
    ['empty', '{}', 'invalid'],
  ])('refuses %s as a whole', (_name, text, code) => {
    expect(parseRatingList(text, CUSTOM)).toMatchObject({ ok: false, code });
  });

  it('refuses a list over the byte cap before parsing it', () => {
    const huge = `{"a.example":{"s":0.1},"pad":"${'x'.repeat(RATING_LIST_MAX_BYTES)}"}`;
    const result = parseRatingList(huge, CUSTOM);
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    expect(!result.ok && result.detail).toContain('lists.example.net/ratings.json');
  });

  it('counts bytes, not characters', () => {
    const wide = `{"a.example":{"s":0.1},"pad":"${'é'.repeat(RATING_LIST_MAX_BYTES / 2)}"}`;
    expect(wide.length).toBeLessThan(RATING_LIST_MAX_BYTES);
    expect(parseRatingList(wide, CUSTOM)).toMatchObject({ ok: false, code: 'too_large' });
  });

  it('refuses a list with more entries than the cap', () => {
    const many = Object.fromEntries(
      Array.from({ length: RATING_LIST_MAX_ENTRIES + 1 }, (_, i) => [`d${i}.example`, { s: 0.5 }]),
    );
    expect(parseRatingList(JSON.stringify(many), CUSTOM)).toMatchObject({ ok: false, code: 'too_large' });
  });
});

describe('ratingLevel', () => {
  it('follows CRED-1’s traffic light at its boundaries', () => {
    expect([0, 0.2, 0.21, 0.5, 0.51, 1].map(ratingLevel)).toEqual([
      'low',
      'low',
      'mixed',
      'mixed',
      'high',
      'high',
    ]);
  });
});
