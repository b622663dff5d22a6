/**
 * Backslash-escapes text from a model or a page for Markdown (CommonMark and GFM allow a
 * backslash before any ASCII punctuation), for the notes history export and the digest's "Copy
 * as Markdown". Whitespace, line breaks included, becomes one space, so the text cannot start a
 * block of its own (a heading, a link reference definition), and a start that would read as a
 * list item ("- ", "+ ", "12. ", "12) ") is escaped. Always escaped: brackets and parentheses
 * (links, images, footnotes), angle brackets (autolinks, HTML), `&` (entities) and the inline
 * markup characters. `.`, `:` and `@` are escaped when text follows them, which is what bare-URL
 * autolinking needs ("https://…", "www.…", "evil.com", "a@b.c") and leaves ordinary punctuation
 * ("Note: it ends here.") readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()<>|~&$#!+]/g, '\\$&')
    .replace(/[.:@](?=\S)/g, '\\$&')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^-/, '\\-');
}
