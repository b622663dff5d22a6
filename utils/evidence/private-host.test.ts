import { describe, expect, it } from 'vitest';
import { isPrivateHost, PRIVATE_HOST_PATTERNS, privateUrlPattern } from './private-host';

describe('isPrivateHost', () => {
  it.each([
    'localhost',
    'localhost.',
    'router',
    'router.local',
    'nas.home.arpa',
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
    '[::]',
    '::1',
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
    '[fc::1]',
    'local.example.com',
    'example.local.com',
    '100.128.0.1',
  ])('%s is public', (host) => expect(isPrivateHost(host)).toBe(false));

  it('reads hostnames as URL parsing gives them (IPv4 in any notation becomes dotted)', () => {
    expect(isPrivateHost(new URL('http://2130706433/').hostname)).toBe(true); // 127.0.0.1
    expect(isPrivateHost(new URL('http://0x7f.1/').hostname)).toBe(true);
  });
});

describe('privateUrlPattern (what the browser blocks, one rule per pattern)', () => {
  const blocked = (url: string) =>
    PRIVATE_HOST_PATTERNS.some((host) => new RegExp(privateUrlPattern(host)).test(new URL(url).href));

  it.each([
    'http://127.0.0.1:8080/admin',
    'http://localhost/',
    'https://router/',
    'http://user:pass@192.168.1.1/',
    'http://[::1]:11434/api/tags',
    'http://printer.local?x=1',
    'http://2130706433/',
    'http://169.254.169.254/latest/meta-data/',
  ])('matches %s', (url) => expect(blocked(url)).toBe(true));

  it.each([
    'https://example.org/127.0.0.1',
    'https://127.0.0.1.example.org/',
    'https://localhost.example.org/',
    'https://example.org/?next=http://localhost/',
    'https://user@example.org/',
    'http://8.8.8.8/',
  ])('does not match %s', (url) => expect(blocked(url)).toBe(false));
});
