/**
 * Time encoded in a site's numeric post id (X, Mastodon, LinkedIn; docs/SITES.md "Times from ids"):
 * ms = (id >> shift) + epoch. Used when the page shows no exact timestamp.
 */

export interface SnowflakeSpec {
  /** Low bits that hold worker/sequence numbers rather than time. */
  readonly shiftBits: bigint;
  /** Unix ms that a time value of 0 stands for. */
  readonly epochMs: bigint;
  /** Smaller ids predate the scheme (or are not ids of it): their time is not encoded. */
  readonly minId: bigint;
}

/** X / Twitter status ids. Ids below ~1e15 (first days of Nov 2010 and earlier) are sequential, not snowflakes. */
export const X_SNOWFLAKE: SnowflakeSpec = {
  shiftBits: 22n,
  epochMs: 1288834974657n,
  minId: 1_000_000_000_000_000n,
};

/** Unsigned 64-bit ids at most: 20 decimal digits. */
const DECIMAL_ID = /^\d{1,20}$/;

/** Creation time of the post with this id as an ISO 8601 UTC string, or null when the id encodes none. */
export function snowflakeTime(id: string, spec: SnowflakeSpec): string | null {
  if (!DECIMAL_ID.test(id)) return null;
  const value = BigInt(id);
  if (value < spec.minId) return null;
  const ms = Number((value >> spec.shiftBits) + spec.epochMs);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
