import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCssColor, relativeLuminance, type Rgba } from '@/components/card/theme';

// The badge sits on the site's own background, whatever theme the reader picked there: its mark
// and ring must keep 3:1 against each (WCAG 1.4.11 non-text contrast).

const CSS = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'badge.css'), 'utf8').replace(
  /\/\*[\s\S]*?\*\//g,
  '',
);

/** Page and card backgrounds of the sites' themes. */
const BACKGROUNDS: Record<string, string> = {
  'X, Bluesky, Mastodon, Reddit light': '#ffffff',
  'Hacker News': '#f6f6ef',
  'X Dim': '#15202b',
  'X Lights out, Bluesky dark': '#000000',
  'Bluesky dim': '#161e27',
  'Mastodon dark (column)': '#282c37',
  'Mastodon dark (page)': '#191b22',
  'Reddit dark': '#0e1113',
  'YouTube dark': '#0f0f0f',
  'Facebook dark': '#242526',
};

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every `color:` and outline colour the badge stylesheet sets, by the rule it is in. */
function badgeColours(): Array<[string, Rgba]> {
  const colours: Array<[string, Rgba]> = [];
  for (const [, selector, body] of CSS.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    for (const [, value] of body!.matchAll(/(?:^|[;\s])(?:color|outline):[^;#]*(#[0-9a-f]{3,6})\b/gi)) {
      colours.push([selector!.trim().replace(/\s+/g, ' '), parseCssColor(value!)!]);
    }
  }
  return colours;
}

describe('badge colours', () => {
  it('are found in the stylesheet (idle, hover/focus, outline, loading, done, error, flagged)', () => {
    expect(badgeColours().length).toBeGreaterThanOrEqual(7);
    expect(CSS).not.toMatch(/opacity\s*:/); // translucency would lower the contrast measured here
  });

  it.each(Object.entries(BACKGROUNDS))('keep at least 3:1 on %s (%s)', (_theme, background) => {
    const bg = parseCssColor(background)!;
    for (const [rule, colour] of badgeColours()) {
      expect(contrast(colour, bg), `${rule} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('stack above card-wide overlay links', () => {
    const base = /button\.footnote-badge\s*\{([^}]*)\}/.exec(CSS)![1]!;
    expect(base).toMatch(/position:\s*relative/);
    expect(base).toMatch(/z-index:\s*1/);
  });
});
