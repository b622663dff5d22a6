import { httpUrl, queryParam, urlHost } from '../post-fields';

const HOST = 'youtube.com';

/**
 * Where a link on a YouTube page leads: YouTube wraps outside links in `/redirect?…&q={url}`; its own
 * links (timestamps, hashtags, channels, other videos) stay on the site and give null.
 */
export function linkTarget(a: Element): string | null {
  const url = httpUrl(a.getAttribute('href'));
  if (url === null) return null; // relative: /watch?v=…&t=…, /hashtag/…, /@handle
  if (urlHost(url) !== HOST) return url;
  if (!/^https?:\/\/[^/]+\/redirect\?/i.test(url)) return null;
  const target = httpUrl(queryParam(url, 'q'));
  return target !== null && urlHost(target) !== HOST ? target : null;
}
