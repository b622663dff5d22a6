import { describe, expect, it } from 'vitest';
import { formatVideoTime, parseVideoTime } from './video-time';

describe('formatVideoTime', () => {
  it.each([
    [0, '0:00'],
    [7.9, '0:07'],
    [754, '12:34'],
    [3723, '1:02:03'],
    [-5, '0:00'],
  ])('%s s is %s', (seconds, label) => expect(formatVideoTime(seconds)).toBe(label));
});

describe('parseVideoTime', () => {
  it.each([
    ['0:00', 0],
    ['12:34', 754],
    [' 1:02:03 ', 3723],
    ['05:09', 309],
  ])('%s is %s s', (label, seconds) => expect(parseVideoTime(label)).toBe(seconds));

  it.each(['', '12', '1:2', '1:60', '1:60:00', 'a:bc', '12:34 pm', '1:02:03:04'])('refuses %j', (label) =>
    expect(parseVideoTime(label)).toBeNull(),
  );

  it('reads back what it formats', () => {
    for (const seconds of [0, 59, 60, 3599, 3600, 36_000])
      expect(parseVideoTime(formatVideoTime(seconds))).toBe(seconds);
  });
});
