import type { SiteId } from '../core/post';
import { bareHost } from './post-fields';

/**
 * Where each site's content script runs without asking (its manifest matches, also granted as
 * host permissions so the background can inject the card UI there). Any other site (another
 * Mastodon instance, a forum) is enabled by the user from the popup, one origin at a time
 * (utils/sites/dynamic-sites.ts). No <all_urls>.
 */

/** Large Mastodon instances; any other instance is one click away in the popup. */
export const MASTODON_HOSTS: readonly string[] = [
  'mastodon.social',
  'mastodon.online',
  'mstdn.social',
  'mas.to',
  'hachyderm.io',
  'fosstodon.org',
  'infosec.exchange',
  'mastodon.world',
  'troet.cafe',
  'social.vivaldi.net',
];

/** The sites with a content script of their own (any other site runs the user-enabled one). */
export type BuiltInSite = Exclude<SiteId, 'generic'>;

const SITE_HOSTS: Record<BuiltInSite, readonly string[]> = {
  x: ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'],
  bluesky: ['bsky.app'],
  mastodon: MASTODON_HOSTS,
  reddit: ['www.reddit.com', 'old.reddit.com', 'new.reddit.com', 'sh.reddit.com'],
  threads: ['www.threads.com', 'www.threads.net', 'threads.com', 'threads.net'],
  linkedin: ['www.linkedin.com'],
  facebook: ['www.facebook.com', 'web.facebook.com'],
  hackernews: ['news.ycombinator.com'],
  youtube: ['www.youtube.com'],
};

const BARE_HOSTS = new Map<BuiltInSite, ReadonlySet<string>>(
  (Object.keys(SITE_HOSTS) as BuiltInSite[]).map((site) => [site, new Set(SITE_HOSTS[site].map(bareHost))]),
);

/**
 * Is this host one of the site's (case, a trailing dot and "www." aside)? The one host list:
 * adapters recognise their pages, and links to their own site, with it.
 */
export function isSiteHost(site: BuiltInSite, hostname: string): boolean {
  return BARE_HOSTS.get(site)?.has(bareHost(hostname)) === true;
}

/** Manifest match patterns of one site. */
export function siteMatches(site: BuiltInSite): string[] {
  return SITE_HOSTS[site].map((host) => `https://${host}/*`);
}

/** Every site's match patterns (the host permissions). */
export const SITE_MATCHES: string[] = Object.values(SITE_HOSTS).flatMap((hosts) =>
  hosts.map((h) => `https://${h}/*`),
);
