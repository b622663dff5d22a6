import type { SiteDiagnostic } from '../core/site-diagnostic';
import type { SiteAdapter } from './site-adapter';

/**
 * Route words of the supported sites' URLs. Any other segment may be a handle, a community, an
 * id or a slug that names someone, so it becomes "*".
 */
const ROUTE_WORDS = new Set([
  'home',
  'status',
  'statuses',
  'post',
  'posts',
  'comments',
  'company',
  'feed',
  'profile',
  'notifications',
  'search',
  'explore',
  'i',
  'r',
  'u',
  'user',
  'users',
  'watch',
  'shorts',
  'item',
  'news',
  'newest',
  'front',
  'ask',
  'show',
  'groups',
  'pages',
  'hashtag',
  'tags',
  'lists',
  'article',
  'articles',
  'with_replies',
  'media',
  'likes',
  'public',
  'local',
  'timelines',
  'web',
]);

export function maskedPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (segment === '' || ROUTE_WORDS.has(segment.toLowerCase()) ? segment : '*'))
    .join('/');
}

/** Counts what each of the adapter's selectors matches in the document (a broken one: 0). */
export function siteDiagnostic(
  adapter: Pick<SiteAdapter, 'id' | 'postRootSelector' | 'probes'>,
  location: { pathname: string },
  document: Document,
  version: string,
): SiteDiagnostic {
  const named: Array<[string, string]> = [
    ['post root', adapter.postRootSelector],
    ...Object.entries(adapter.probes),
  ];
  return {
    version,
    site: adapter.id,
    path: maskedPath(location.pathname),
    selectors: named.map(([name, selector]) => ({ name, selector, count: countMatches(document, selector) })),
  };
}

function countMatches(document: Document, selector: string): number {
  try {
    return document.querySelectorAll(selector).length;
  } catch {
    return -1; // a selector this browser cannot parse: reported as such
  }
}
