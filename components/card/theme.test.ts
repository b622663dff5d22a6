import { describe, expect, it } from 'vitest';
import { detectTheme, parseCssColor, relativeLuminance, type CardTheme } from './theme';

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

describe('detectTheme per site', () => {
  // Computed background colours as the sites set them (post outwards, then body, then html).
  const cases: Array<[site: string, backgrounds: string[], expected: CardTheme]> = [
    ['X Default', [TRANSPARENT, 'rgb(255, 255, 255)', TRANSPARENT], 'light'],
    ['X Dim', [TRANSPARENT, 'rgb(21, 32, 43)', TRANSPARENT], 'dim'],
    ['X Lights out', [TRANSPARENT, 'rgb(0, 0, 0)', TRANSPARENT], 'dark'],
    ['Bluesky light', ['rgb(255, 255, 255)'], 'light'],
    ['Bluesky dim', [TRANSPARENT, 'rgb(22, 30, 39)'], 'dim'],
    ['Bluesky dark', [TRANSPARENT, 'rgb(0, 0, 0)'], 'dark'],
    ['Mastodon default (dark)', ['rgb(40, 44, 55)', 'rgb(25, 27, 34)'], 'dim'],
    ['Mastodon light', ['rgb(255, 255, 255)', 'rgb(239, 239, 239)'], 'light'],
    ['Reddit dark', [TRANSPARENT, 'rgb(14, 17, 19)'], 'dark'],
    ['YouTube dark', [TRANSPARENT, 'rgb(15, 15, 15)'], 'dark'],
    [
      'Hacker News (the table is coloured, body is not)',
      [TRANSPARENT, 'rgb(246, 246, 239)', TRANSPARENT],
      'light',
    ],
    ['Threads dark', ['rgb(16, 16, 16)'], 'dark'],
    ['LinkedIn dark', ['rgb(27, 31, 35)'], 'dim'],
  ];
  for (const [site, backgrounds, expected] of cases) {
    it(`${site} → ${expected}`, () => {
      expect(detectTheme(backgrounds, false)).toBe(expected);
      // The site's own theme wins over the system's.
      expect(detectTheme(backgrounds, true)).toBe(expected);
    });
  }

  it('falls back to the system preference when every layer is transparent or unreadable', () => {
    expect(detectTheme([TRANSPARENT, 'transparent', 'color(display-p3 1 1 1)'], true)).toBe('dark');
    expect(detectTheme([TRANSPARENT], false)).toBe('light');
    expect(detectTheme([], true)).toBe('dark');
  });

  it('looks through mostly transparent layers', () => {
    expect(detectTheme(['rgba(255, 255, 255, 0.1)', 'rgb(0, 0, 0)'], false)).toBe('dark');
    expect(detectTheme(['rgba(255, 255, 255, 0.9)', 'rgb(0, 0, 0)'], true)).toBe('light');
  });
});

describe('parseCssColor', () => {
  it('reads the forms getComputedStyle returns', () => {
    expect(parseCssColor('rgb(21, 32, 43)')).toEqual({ r: 21, g: 32, b: 43, a: 1 });
    expect(parseCssColor('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseCssColor('rgb(255 255 255 / 50%)')).toEqual({ r: 255, g: 255, b: 255, a: 0.5 });
    expect(parseCssColor('#15202B')).toEqual({ r: 21, g: 32, b: 43, a: 1 });
    expect(parseCssColor('#fff')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseCssColor('transparent')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
  });

  it('returns null for what it cannot read', () => {
    for (const value of ['', 'red', 'oklch(0.5 0.1 200)', 'rgb(1, 2)', 'rgb(a, b, c)']) {
      expect(parseCssColor(value)).toBeNull();
    }
  });
});

describe('relativeLuminance', () => {
  it('spans black to white', () => {
    expect(relativeLuminance({ r: 0, g: 0, b: 0, a: 1 })).toBe(0);
    expect(relativeLuminance({ r: 255, g: 255, b: 255, a: 1 })).toBeCloseTo(1);
  });
});
