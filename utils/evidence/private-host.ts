/**
 * Hosts on the reader's own machine or network. A hostile post could link to a router's admin
 * page or a local service; Footnote must not make the reader's browser request it because a
 * post mentions it, nor because a public page it asked for redirects there (fetch follows
 * redirects itself: utils/background/private-network-guard.ts blocks those hops in the browser).
 *
 * Written once, as patterns that mean the same in JavaScript and in RE2 (the syntax of
 * declarativeNetRequest's regexFilter), for a host as URL parsing writes it: lower case, IPv4
 * dotted (2130706433 and 0x7f.1 become 127.0.0.1), IPv6 in brackets.
 */
const OCTET = '\\d{1,3}';
export const PRIVATE_HOST_PATTERNS: readonly string[] = [
  // A name without a dot (localhost, router, nas) is looked up on the reader's own network;
  // these suffixes never leave it either.
  '[^./:@?#\\[\\]]+\\.?',
  '[^/:@?#\\[\\]]*\\.(?:localhost|local|internal|lan|home\\.arpa)\\.?',
  // IPv4: this host (0/8), loopback (127/8), private (10/8, 172.16/12, 192.168/16), link-local
  // (169.254/16, cloud metadata), carrier-grade NAT (100.64/10).
  `(?:0|10|127)(?:\\.${OCTET}){3}`,
  `(?:169\\.254|172\\.(?:1[6-9]|2\\d|3[01])|192\\.168)(?:\\.${OCTET}){2}`,
  `100\\.(?:6[4-9]|[7-9]\\d|1[01]\\d|12[0-7])(?:\\.${OCTET}){2}`,
  // IPv6: unspecified, loopback, unique-local (fc00::/7), link-local (fe80::/10), IPv4-mapped.
  '\\[(?:::1?|f[cd][0-9a-f]{2}:[0-9a-f:.]*|fe[89ab][0-9a-f]:[0-9a-f:.]*|::ffff:[0-9a-f:.]+)\\]',
];

const PRIVATE_HOST = new RegExp(`^(?:${PRIVATE_HOST_PATTERNS.join('|')})$`);

export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return PRIVATE_HOST.test(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
}

/** A server on the reader's own machine or network, by its URL's host (false for a non-URL). */
export function isLocalServer(url: string): boolean {
  try {
    return isPrivateHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Matches an http(s) URL on a host of `hostPattern` (one of PRIVATE_HOST_PATTERNS), whatever its
 * port, user info and path: the form declarativeNetRequest matches requests in.
 */
export function privateUrlPattern(hostPattern: string): string {
  return `^https?://(?:[^/?#@]*@)?(?:${hostPattern})(?::\\d+)?(?:[/?#]|$)`;
}
