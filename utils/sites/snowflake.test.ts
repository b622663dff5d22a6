import { describe, expect, it } from 'vitest';
import { snowflakeTime, X_SNOWFLAKE } from './snowflake';

describe('snowflakeTime (X)', () => {
  it('decodes the creation time of a status id', () => {
    // https://x.com/tehprom269887/status/1704659922464444801 has time datetime="2023-09-21T00:52:51.000Z"
    expect(snowflakeTime('1704659922464444801', X_SNOWFLAKE)).toBe('2023-09-21T00:52:51.222Z');
    expect(snowflakeTime('1900000000000000001', X_SNOWFLAKE)).toBe('2025-03-13T01:44:34.949Z');
  });

  it('returns null for pre-snowflake ids and non-ids', () => {
    for (const id of [
      '20',
      '29700859247',
      '',
      'abc',
      '-1',
      '1.5',
      '123456789012345678901',
      ' 1704659922464444801',
    ]) {
      expect(snowflakeTime(id, X_SNOWFLAKE)).toBeNull();
    }
  });

  it('handles the largest 64-bit ids', () => {
    expect(snowflakeTime('18446744073709551615', X_SNOWFLAKE)).toBe('2150-03-18T09:18:05.760Z');
  });
});
