/**
 * Time encoded in an AT Protocol TID, the record key of a Bluesky post: 13 characters of
 * base32-sortable, a 64-bit value whose top bit is 0, then 53 bits of microseconds since the Unix
 * epoch, then a 10-bit clock id. Used because bsky.app shows only relative times ("2h") and
 * localized labels.
 */

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
/**
 * 13 × 5 = 65 bits: the first character holds the two highest, which must both be 0 (the spec's
 * syntax allows "c"–"j" there, but a TID's top bit is always 0).
 */
const TID = /^[234567ab][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
/**
 * Bluesky's first posts date from November 2022; an earlier "time" is an import with a
 * made-up key or a record key that is not a TID at all.
 */
const MIN_MS = Date.UTC(2022, 10, 1);

/** Creation time of the record with this key as an ISO 8601 UTC string, or null when it is no TID. */
export function tidTime(rkey: string): string | null {
  if (!TID.test(rkey)) return null;
  let value = 0n;
  for (const char of rkey) value = value * 32n + BigInt(ALPHABET.indexOf(char));
  const ms = Number(value >> 10n) / 1000;
  if (ms < MIN_MS) return null;
  const date = new Date(Math.floor(ms));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
