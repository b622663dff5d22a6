/**
 * Spotlighting (docs/ARCHITECTURE.md, Prompting and safety): untrusted text — posts, alt text, evidence — reaches the model
 * only inside blocks whose markers carry a random per-request nonce.
 */

/** One untrusted block: the non-empty fields, one per line, between the nonce markers. */
export function dataBlock(fields: string[], nonce: string): string {
  const body = fields.filter(Boolean).join('\n');
  return `<<<DATA:${nonce}\n${neutraliseMarkers(body, nonce)}\nDATA:${nonce}>>>`;
}

/**
 * Many untrusted records in one block (a thread's comments): each starts with its header between
 * ⟦ and ⟧, which only Footnote writes (untrusted text cannot contain them), so no record can
 * forge another's header, then its fields. One block instead of one per record: its markers'
 * nonces would cost more tokens than most comments' own words.
 */
export function dataRecords(records: Array<{ header: string; fields: string[] }>, nonce: string): string {
  const body = records
    .map(({ header, fields }) => `⟦${header}⟧ ${neutraliseMarkers(fields.filter(Boolean).join('\n'), nonce)}`)
    .join('\n');
  return `<<<DATA:${nonce}\n${body}\nDATA:${nonce}>>>`;
}

/**
 * Untrusted text cannot know the nonce, but it could still contain it by chance or copy
 * markers from another request; break any marker-like sequence (and a record header's
 * brackets) so a block can only be closed, and a record begun, by us.
 */
function neutraliseMarkers(text: string, nonce: string): string {
  return text
    .replaceAll('<<<', '‹‹‹')
    .replaceAll('>>>', '›››')
    .replaceAll('⟦', '[')
    .replaceAll('⟧', ']')
    .replaceAll(nonce, '[nonce]');
}

/** A nonce no post can predict: 96 random bits, hex. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
