// Caps on untrusted text (posts, model answers, evidence), counted by code point so an emoji or
// any astral character is never cut in half.

/** At most `max` code points. */
export function clipCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text.slice(0, max * 2))
    .slice(0, max)
    .join('');
}

/** At most `max` code points, ending in "…" when something was cut. */
export function clipText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}

/**
 * At most `max` UTF-16 units — what a string schema's maxLength counts, in which an emoji is
 * two — ending in "…" when something was cut, never leaving half a surrogate pair.
 */
export function clipTextToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd() + '…';
}
