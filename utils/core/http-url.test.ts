import { describe, expect, it } from 'vitest';
import { httpUrl } from './http-url';

describe('httpUrl', () => {
  it('allows only absolute http(s) URLs', () => {
    expect(httpUrl('https://x.com/a/status/1')).toBe('https://x.com/a/status/1');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('/relative')).toBeNull();
    expect(httpUrl('data:text/html,hi')).toBeNull();
  });

  it('serialises without characters that could close an autolink', () => {
    expect(httpUrl('https://x.com/a b>c<d')).toBe('https://x.com/a%20b%3Ec%3Cd');
  });
});
