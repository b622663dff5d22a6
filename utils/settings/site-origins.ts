/** The origin of a page that Footnote could be enabled on (http(s) only), or null. */
export function enableableOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : null;
  } catch {
    return null;
  }
}

/** The host permission pattern for an origin (ports are not part of match patterns). */
export function originPermission(origin: string): string {
  const { protocol, hostname } = new URL(origin);
  return `${protocol}//${hostname}/*`;
}
