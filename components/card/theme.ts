/**
 * Which palette the in-page card uses: the site's own theme, read from the page's background
 * colour, not only the system's `prefers-color-scheme` (X, Bluesky, Reddit and YouTube let
 * people pick a theme that differs from the system's). Pure functions: the card host reads
 * the computed colours and passes them in.
 *
 * - light: light backgrounds (X "Default", Hacker News, Reddit light).
 * - dim: dark but not black (X "Dim" #15202b, Bluesky dim, Mastodon's default dark).
 * - dark: black or near-black (X "Lights out" #000, YouTube dark #0f0f0f, GitHub dark).
 */
export type CardTheme = 'light' | 'dim' | 'dark';
export const CARD_THEMES: readonly CardTheme[] = ['light', 'dim', 'dark'];

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Luminance where black and white text contrast equally with the background (WCAG). */
const LIGHT_ABOVE = 0.179;
/** Below this, a dark background is black or nearly so; above it, "dim". */
const DARK_BELOW = 0.008;
/** Backgrounds more transparent than this show what is behind them. */
const OPAQUE_ENOUGH = 0.5;

/**
 * Parses what getComputedStyle returns for a colour: `rgb(r, g, b)`, `rgba(r, g, b, a)`, the
 * space-separated `rgb(r g b / a)`, `#rgb`/`#rrggbb`, or `transparent`. Anything else
 * (`color(…)`, `oklch(…)`, keywords) is null: unknown, so it does not decide the theme.
 */
export function parseCssColor(value: string): Rgba | null {
  const text = value.trim().toLowerCase();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return {
      r: parseInt(full.slice(0, 2), 16),
      g: parseInt(full.slice(2, 4), 16),
      b: parseInt(full.slice(4, 6), 16),
      a: 1,
    };
  }
  const fn = /^rgba?\(\s*([^)]*)\)$/.exec(text)?.[1];
  if (!fn) return null;
  const parts = fn.split(/\s*[,/]\s*|\s+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return null;
  const channel = (part: string) => (part.endsWith('%') ? (parseFloat(part) * 255) / 100 : parseFloat(part));
  const alpha = (part: string | undefined) =>
    part === undefined ? 1 : part.endsWith('%') ? parseFloat(part) / 100 : parseFloat(part);
  const [r, g, b, a] = [channel(parts[0]!), channel(parts[1]!), channel(parts[2]!), alpha(parts[3])];
  if (![r, g, b, a].every(Number.isFinite)) return null;
  return { r, g, b, a };
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const linear = (c: number) => {
    const s = Math.min(255, Math.max(0, c)) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function themeForColor(color: Rgba): CardTheme {
  const luminance = relativeLuminance(color);
  if (luminance > LIGHT_ABOVE) return 'light';
  return luminance < DARK_BELOW ? 'dark' : 'dim';
}

/**
 * The theme for the page behind a post: `backgrounds` are computed background colours from
 * the post outwards (its ancestors, then body, then the root element); the first one that is
 * opaque enough decides. When none is (every layer transparent: the canvas shows, which
 * follows the system), the system preference decides.
 */
export function detectTheme(backgrounds: readonly string[], prefersDark: boolean): CardTheme {
  for (const value of backgrounds) {
    const color = parseCssColor(value);
    if (color && color.a >= OPAQUE_ENOUGH) return themeForColor(color);
  }
  return prefersDark ? 'dark' : 'light';
}
