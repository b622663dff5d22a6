import { describe, expect, it } from 'vitest';
import {
  bareHost,
  clip,
  epochTime,
  httpUrl,
  isoTime,
  languageTag,
  queryParam,
  showsUrl,
  urlHost,
} from './post-fields';

describe('isoTime', () => {
  it.each([
    ['2026-10-05T15:41:09.265000+0000', '2026-10-05T15:41:09.265Z'], // Reddit
    ['2026-11-27T06:02:44+00:00', '2026-11-27T06:02:44.000Z'], // old Reddit
    ['2026-03-12T10:00:00', '2026-03-12T10:00:00.000Z'], // HN: UTC without zone
    ['2026-11-27T08:02:11.000Z', '2026-11-27T08:02:11.000Z'],
    ['2026-11-27T10:00:00-0300', '2026-11-27T13:00:00.000Z'],
    [' 2026-11-27 08:02 ', '2026-11-27T08:02:00.000Z'],
  ])('%s → %s', (raw, iso) => expect(isoTime(raw)).toBe(iso));

  it.each([
    '',
    'yesterday',
    '3h',
    '2026-13-45T99:99:99Z',
    '1800-01-01T00:00:00Z',
    '2026-11-27',
    null,
    undefined,
  ])('rejects %s', (raw) => expect(isoTime(raw)).toBeNull());
});

describe('small readers', () => {
  it('epochTime accepts post-like times only', () => {
    expect(epochTime(1795765269000)).toBe('2026-11-27T07:41:09.000Z');
    expect(epochTime(Number.NaN)).toBeNull();
    expect(epochTime(1795765269)).toBeNull(); // seconds, not ms
  });

  it('languageTag keeps BCP-47 codes and drops non-languages', () => {
    expect(['pt', 'pt-BR', 'en', 'und', 'zxx', '', 'not a tag', 'x'.repeat(40)].map(languageTag)).toEqual([
      'pt',
      'pt-BR',
      'en',
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('httpUrl, urlHost and queryParam', () => {
    expect(httpUrl(' https://example.org/a ')).toBe('https://example.org/a');
    expect([
      httpUrl('javascript:alert(1)'),
      httpUrl('/relative'),
      httpUrl('https://'),
      httpUrl(`https://e.org/${'a'.repeat(2_000)}`),
    ]).toEqual([null, null, null, null]);
    expect(urlHost('https://user@WWW.Example.org:8080/x')).toBe('example.org');
    expect(queryParam('https://l.example/?u=https%3A%2F%2Fa.org%2Fb%3Fc%3D1&e=2', 'u')).toBe(
      'https://a.org/b?c=1',
    );
    expect(queryParam('https://l.example/?u=%E0%A4%A', 'u')).toBe('\uFFFD%A'); // malformed: no exception
    expect(queryParam('https://l.example/', 'u')).toBeNull();
  });

  it('bareHost, clip and showsUrl', () => {
    expect(bareHost('WWW.Reddit.com.')).toBe('reddit.com');
    expect(clip('ab😀', 3)).toBe('ab');
    expect(
      ['https://a.org/x', 'www.a.org', 'a.org/some/pa…', 'example.org/x...', 'this study', 'a.org'].map(
        showsUrl,
      ),
    ).toEqual([true, true, true, true, false, false]);
  });
});
