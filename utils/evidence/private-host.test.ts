import { describe, expect, it } from 'vitest';
import { isPrivateHost } from './private-host';

describe('isPrivateHost', () => {
  it.each([
    'localhost',
    'router.local',
    'printer.lan',
    'app.localhost',
    'db.internal',
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '[::1]',
    '[fd00::1]',
    '[fe80::1]',
    '[::ffff:7f00:1]',
  ])('%s is private', (host) => expect(isPrivateHost(host)).toBe(true));

  it.each([
    'example.org',
    'g1.globo.com',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '[2001:db8::1]',
    'local.example.com',
  ])('%s is public', (host) => expect(isPrivateHost(host)).toBe(false));

  it('reads hostnames as URL parsing gives them (IPv4 in any notation becomes dotted)', () => {
    expect(isPrivateHost(new URL('http://2130706433/').hostname)).toBe(true); // 127.0.0.1
    expect(isPrivateHost(new URL('http://0x7f.1/').hostname)).toBe(true);
  });
});
