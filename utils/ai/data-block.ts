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
 * Untrusted text cannot know the nonce, but it could still contain it by chance or copy
 * markers from another request; break any marker-like sequence so a block can only be
 * closed by us.
 */
function neutraliseMarkers(text: string, nonce: string): string {
  return text.replaceAll('<<<', '‹‹‹').replaceAll('>>>', '›››').replaceAll(nonce, '[nonce]');
}

/** A nonce no post can predict: 96 random bits, hex. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
