/**
 * Field readers the dialects share: URLs, property values, times, handles, language, media and
 * quoted posts.
 */
import { SHORT_TEXT_MAX, URL_MAX, type PostMedia, type QuotedPost } from '../../core/post';
import { clip, languageTag } from '../post-fields';
import { picturesOf, postMedia } from '../post-media';
import type { Fields } from './dialect';
import { isNested } from './roots';

export const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
/** A date-time with an explicit zone; a bare local time or date says too little to be converted to UTC. */
const ZONED_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const HANDLE = /^@?([\w.-]{1,64}(?:@[\w.-]{1,253})?)$/;
/** A site's own profile paths: `/u/user`, `/users/user`, `/user/user`, `/members/user`, `/profile/user`. */
const PROFILE_PATH = /^\/(?:u|users?|members|profile)\/@?([\w.-]{1,64})\/?$/i;
/** Emoji images are text (their alt), not media of the post; nor are avatars and icons (a "likes" count's). */
export const EMOJI = 'img[class*="emoji"]';
const NOT_MEDIA = `${EMOJI}, img[class*="avatar"], img[class*="icon"], .h-card img`;

/** An absolute http(s) URL, or null (javascript:, mailto:, unparseable, too long). */
export function absoluteUrl(href: string, doc: Document): string | null {
  const base = doc.URL;
  if (href.trim() === '' || !URL.canParse(href.trim(), base)) return null;
  const url = new URL(href.trim(), base).href;
  return HTTP_URL.test(url) && url.length <= URL_MAX ? url : null;
}

/**
 * The value an element gives a property, as microdata defines it (a link's href, a time's datetime,
 * a meta's content…, else its text); microformats u- and dt- properties read the same way.
 */
export function propValue(el: Element): string {
  const attr = {
    META: 'content',
    A: 'href',
    LINK: 'href',
    AREA: 'href',
    IMG: 'src',
    TIME: 'datetime',
    DATA: 'value',
  }[el.tagName];
  const value = attr === undefined ? null : el.getAttribute(attr);
  return (value ?? el.getAttribute('content') ?? el.textContent ?? '').trim();
}

export function isoTime(value: string | null): string | null {
  const text = value?.trim() ?? '';
  if (!ZONED_DATETIME.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * A handle as shown ("@name", "name"); else from the author's profile URL: `user@host` for a
 * fediverse-style `/@user`, the user name for a site's own profile path (`/u/user`…), the host
 * for a personal site's home page (IndieWeb).
 */
export function handleFrom(shown: string | null, profileHref: string | null, doc: Document): string {
  const explicit = HANDLE.exec(shown?.trim() ?? '')?.[1];
  if (explicit) return clip(explicit, SHORT_TEXT_MAX);
  const url = profileHref === null ? null : absoluteUrl(profileHref, doc);
  if (url === null) return '';
  const { hostname, pathname } = new URL(url);
  if (pathname === '/' || pathname === '') return clip(hostname, SHORT_TEXT_MAX);
  const fediverse = /^\/@([\w.-]{1,64})\/?$/.exec(pathname)?.[1];
  if (fediverse) return clip(`${fediverse}@${hostname}`, SHORT_TEXT_MAX);
  return clip(PROFILE_PATH.exec(pathname)?.[1] ?? '', SHORT_TEXT_MAX);
}

/** The language of the text: the nearest lang attribute, but only within the post (not the page's). */
export function langOf(textEl: Element | null, root: Element): string | null {
  const holder = (textEl ?? root).closest('[lang]');
  return holder !== null && root.contains(holder) ? languageTag(holder.getAttribute('lang')) : null;
}

/**
 * Pictures of the post (not emoji, avatars or icons; addresses resolved against the page, from
 * `srcset` where it offers a readable size) and whether it has a video, nested posts left out.
 */
export function mediaIn(root: Element, textEl: Element | null): PostMedia {
  const images = Array.from(root.querySelectorAll('img')).filter(
    (img) =>
      !isNested(img, root) && !img.matches(NOT_MEDIA) && (textEl !== null || img.closest('header') === null),
  );
  const hasVideo = Array.from(root.querySelectorAll('video, [itemprop~="video"]')).some(
    (v) => !isNested(v, root),
  );
  return postMedia(picturesOf(images), hasVideo);
}

/** A quoted post as read by its dialect, with the URL its `urlEl` gives (its id when short enough). */
export function quotedPost(fields: Fields, urlEl: Element | undefined, doc: Document): QuotedPost {
  const url = urlEl ? absoluteUrl(propValue(urlEl), doc) : null;
  return {
    id: url !== null && url.length <= SHORT_TEXT_MAX ? url : null,
    url,
    author: { name: fields.name, handle: fields.handle },
    time: fields.time,
    text: fields.text,
    lang: fields.lang,
    truncated: fields.truncated,
    media: fields.media,
  };
}
