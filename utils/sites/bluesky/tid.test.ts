import { describe, expect, it } from 'vitest';
import { tidTime } from './tid';

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** An independent encoder: 13 base32-sortable digits of (µs << 10 | clock id). */
function encodeTid(micros: bigint, clockId: bigint): string {
  let value = (micros << 10n) | clockId;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = ALPHABET[Number(value % 32n)]! + out;
    value /= 32n;
  }
  return out;
}

describe('tidTime', () => {
  it('decodes the example TID of the AT Protocol spec', () => {
    // atproto.com/specs/tid example, from mid-2023.
    expect(tidTime('3jzfcijpj2z2a')).toBe('2023-06-30T15:03:01.887Z');
  });

  it('inverts TID.fromTime for 2024-01-01 (a fixed rkey used by AT Protocol tooling)', () => {
    expect(encodeTid(1_704_067_200_000_000n, 0n)).toBe('3khuwc44c2222');
    expect(tidTime('3khuwc44c2222')).toBe('2024-01-01T00:00:00.000Z');
  });

  it('ignores the clock id and keeps millisecond precision', () => {
    const micros = BigInt(Date.UTC(2026, 10, 27, 9, 14, 27, 318)) * 1000n + 999n;
    for (const clock of [0n, 17n, 1023n]) {
      expect(tidTime(encodeTid(micros, clock))).toBe('2026-11-27T09:14:27.318Z');
    }
  });

  it('returns null for keys that are not TIDs', () => {
    for (const rkey of [
      '',
      'self',
      '3jzfcijpj2z2', // 12 characters
      '3jzfcijpj2z2aa', // 14 characters
      '3JZFCIJPJ2Z2A', // upper case
      '3jzfcijpj2z1a', // "1" is not in the alphabet
      'kjzfcijpj2z2a', // more than 64 bits
      'cjzfcijpj2z2a', // top bit set
      ' 3jzfcijpj2z2a',
      '2222222222222', // time 0
      encodeTid(BigInt(Date.UTC(2019, 0, 1)) * 1000n, 0n), // before Bluesky existed
    ]) {
      expect(tidTime(rkey)).toBeNull();
    }
  });

  it('accepts the largest TID', () => {
    expect(tidTime('bzzzzzzzzzzzz')).toBe('2255-06-05T23:47:34.740Z');
  });
});
