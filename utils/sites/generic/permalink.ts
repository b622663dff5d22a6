/**
 * Post ids are the post's permalink, an absolute http(s) URL (fragment kept: forums address posts
 * by it); the same URL is the Post's url. Read on every mutation batch: scoped queries only.
 */
import { SHORT_TEXT_MAX } from '../../core/post';
import type { Permalink } from './dialect';
import { absoluteUrl, propValue } from './fields';
import { firstOwn, timeOf } from './roots';

/** A post's permalink when the markup names none: the link around its timestamp, or rel=bookmark. */
const TIME_LINK = 'a[href] time[datetime]';
const BOOKMARK = 'a[href][rel~="bookmark"]';

/**
 * The post's permalink: the one the markup declares (`declared`: microdata `url`, h-entry `u-url`),
 * else the link around its timestamp, else rel=bookmark. Longer than an id may be: no permalink
 * (ids are never cut).
 */
export function permalinkOf(root: Element, declared: Element | null): Permalink | null {
  const url = declared ? absoluteUrl(propValue(declared), root.ownerDocument) : null;
  if (declared && url !== null)
    return url.length <= SHORT_TEXT_MAX ? { url, element: badgeSpot(root, declared) } : null;
  const link = firstOwn(root, TIME_LINK)?.closest('a') ?? firstOwn(root, BOOKMARK);
  const linked = link ? absoluteUrl(link.getAttribute('href') ?? '', root.ownerDocument) : null;
  return link && linked !== null && linked.length <= SHORT_TEXT_MAX ? { url: linked, element: link } : null;
}

/** Invisible metadata (`<link itemprop=url>`) is no place for a badge: the timestamp is. */
function badgeSpot(root: Element, declared: Element): Element {
  return declared.tagName === 'META' || declared.tagName === 'LINK' ? (timeOf(root) ?? declared) : declared;
}
