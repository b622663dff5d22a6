/** The value as an absolute http(s) URL, or null (javascript:, data:, relative, garbage). */
export function httpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}
