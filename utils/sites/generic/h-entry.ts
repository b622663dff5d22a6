/**
 * microformats2 h-entry: text from e-content (else p-content, else p-name), time from
 * dt-published, replies from u-in-reply-to, quotes and reply contexts as h-cite. Authorship: the
 * entry's own p-author, else its h-feed's, else the page's rel=me h-card on a page that links its
 * author (rel=author).
 */
import { SHORT_TEXT_MAX, type QuotedPost } from '../../core/post';
import { readText } from '../dom-text';
import { clip } from '../post-fields';
import type { Dialect, Fields, Permalink } from './dialect';
import { absoluteUrl, handleFrom, isoTime, langOf, mediaIn, propValue, quotedPost } from './fields';
import { permalinkOf } from './permalink';
import { STRUCTURED_ROOT, firstOwn, isNested, type PostRoot } from './roots';
import { bodyOf } from './text';

/** The post an entry answers, shown in it: its reply context. */
const REPLY_CONTEXT = '.u-in-reply-to.h-cite, .p-in-reply-to.h-cite';
/** Marked-up posts and citations of posts. */
const ENTRIES = `${STRUCTURED_ROOT}, .h-cite`;
/** Avatars: beside the name in an author link (as GNU social writes it), their alt repeats the name. */
const AVATAR = 'img.u-photo, img.photo, img[class*="avatar"]';

export const hEntry: Dialect = {
  permalink,
  fields,
  replyContext: (entry) => firstOwn(entry, REPLY_CONTEXT),
  isCommentOf,
};

/** An h-cite (a quote, a repost, a reply context) as quoted: its URL is its own u-url, not its author's. */
export function hCiteQuoted(cite: Element): QuotedPost {
  const url = Array.from(cite.querySelectorAll('.u-url[href]')).find((a) => a.closest('.h-card') === null);
  return quotedPost(fields(cite, true), url, cite.ownerDocument);
}

function permalink(entry: Element): Permalink | null {
  return permalinkOf(entry, firstOwn(entry, 'a.u-url, .u-url[href]'));
}

function fields(entry: Element, quoted: boolean): Fields {
  const textEl = firstOwn(entry, '.e-content') ?? firstOwn(entry, '.p-content') ?? firstOwn(entry, '.p-name');
  const published = firstOwn(entry, '.dt-published');
  const quote = quoted ? null : firstOwn(entry, '.h-cite.u-quotation-of, .h-cite.u-repost-of');
  const author = firstOwn(entry, '.p-author') ?? (quoted ? null : inheritedAuthor(entry));
  return {
    ...authorOfCard(author),
    time: isoTime(published ? (published.getAttribute('datetime') ?? propValue(published)) : null),
    ...bodyOf(textEl, entry),
    lang: langOf(textEl, entry),
    media: mediaIn(entry, textEl),
    quote,
    replyTo: inReplyTo(entry),
  };
}

/**
 * A comment of the entry it sits in: marked `p-comment` / `u-comment` of it, or naming its
 * permalink in its `u-in-reply-to`. An entry nested otherwise (a quote, an embed) answers nothing.
 */
function isCommentOf(entry: Element, parent: PostRoot): boolean {
  if (parent.kind !== 'hentry' || entry.parentElement?.closest('.h-entry, .h-cite') !== parent.root)
    return false;
  if (entry.matches('.p-comment, .u-comment')) return true;
  const url = permalink(parent.root)?.url;
  return url !== undefined && replyUrls(entry).includes(url);
}

/** The URLs an h-entry's own `u-in-reply-to` properties name. */
function replyUrls(entry: Element): string[] {
  const urls: string[] = [];
  for (const el of entry.querySelectorAll('.u-in-reply-to')) {
    if (isNested(el, entry)) continue;
    const link = el.matches('[href]') ? el : el.querySelector('.u-url[href]');
    const url = link ? absoluteUrl(link.getAttribute('href') ?? '', entry.ownerDocument) : null;
    if (url !== null) urls.push(url);
  }
  return urls;
}

/** `.p-author`: an h-card (p-name, p-nickname, u-url) or plain text. */
function authorOfCard(author: Element | null): { name: string; handle: string } {
  if (author === null) return { name: '', handle: '' };
  const card = author.classList.contains('h-card') ? author : author.querySelector('.h-card');
  if (card === null) return { name: cardName(author), handle: '' };
  const name = card.querySelector('.p-name') ?? card;
  const nickname = card.querySelector('.p-nickname');
  // An h-card that is itself a link has that link as its implied u-url.
  const url = card.querySelector('.u-url[href]') ?? (card.matches('a[href]') ? card : null);
  return {
    name: cardName(name),
    handle: handleFrom(nickname?.textContent ?? null, url?.getAttribute('href') ?? null, card.ownerDocument),
  };
}

/** A name as shown: without the avatar, source line breaks and indentation collapsed. */
function cardName(el: Element): string {
  const name = readText(el, { replaceElement: (img) => (img.matches(AVATAR) ? '' : undefined) });
  return clip(name.replace(/\s+/g, ' ').trim(), SHORT_TEXT_MAX);
}

/**
 * The author of an h-entry that names none, by the microformats authorship rules without fetching
 * the author's page: its h-feed's author (a blog that names its author once, above the feed);
 * else, on a page that links its author page (rel=author), the page's representative h-card, the
 * one whose URL is marked rel=me (a blog that names its author in the page footer). Not for an
 * entry inside another one (a comment: someone else's), and cards inside entries are their
 * authors', not the page's.
 */
function inheritedAuthor(entry: Element): Element | null {
  const container = entry.parentElement?.closest(`.h-feed, ${ENTRIES}`) ?? null;
  if (container !== null && !container.matches('.h-feed')) return null;
  for (const author of container?.querySelectorAll('.p-author') ?? []) {
    if (author.closest(ENTRIES) === null) return author;
  }
  const doc = entry.ownerDocument;
  if (doc.querySelector('link[rel~="author"], a[rel~="author"]') === null) return null;
  for (const card of doc.querySelectorAll('.h-card')) {
    const own = card.matches('a.u-url[rel~="me"]') || card.querySelector('.u-url[rel~="me"]') !== null;
    if (own && card.closest(ENTRIES) === null) return card;
  }
  return null;
}

/** Replies name the post they answer by URL; a fediverse-style URL (`/@user/…`) gives its author. */
function inReplyTo(entry: Element): string[] {
  const handles: string[] = [];
  for (const el of entry.querySelectorAll('.u-in-reply-to')) {
    const href =
      (el.matches('[href]') ? el : el.querySelector('.u-url[href], a[href]'))?.getAttribute('href') ?? '';
    const url = absoluteUrl(href, entry.ownerDocument);
    const match =
      url === null
        ? null
        : /^https?:\/\/([^/?#:]+)\/@([\w.-]{1,64})(?:@([\w.-]{1,253}))?(?:[/?#]|$)/i.exec(url);
    const handle = match ? `${match[2]}@${(match[3] ?? match[1]!).toLowerCase()}` : null;
    if (handle !== null && !handles.includes(handle)) handles.push(clip(handle, SHORT_TEXT_MAX));
  }
  return handles;
}
