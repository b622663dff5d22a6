/**
 * schema.org microdata: a posting item (itemscope, itemtype SocialMediaPosting,
 * DiscussionForumPosting, BlogPosting or Comment) and the itemprops that belong to it — an
 * itemprop belongs to the nearest item around it, so a nested item's (its author's, a shared
 * post's, a comment's) are not the post's.
 */
import { SHORT_TEXT_MAX, type QuotedPost } from '../../core/post';
import { readText } from '../dom-text';
import { clip, languageTag } from '../post-fields';
import type { Dialect, Fields } from './dialect';
import { handleFrom, isoTime, langOf, mediaIn, propValue, quotedPost } from './fields';
import { permalinkOf } from './permalink';
import { timeOf } from './roots';
import { bodyOf } from './text';

export const microdata: Dialect = {
  permalink: (item) => permalinkOf(item, ownProps(item, 'url')[0] ?? null),
  fields,
  // A comment is the enclosing item's own `comment` property (an itemprop belongs to the nearest
  // item around it); an item under another property (hasPart, sharedContent) answers nothing.
  isCommentOf: (item, parent) =>
    item.matches('[itemprop~="comment"]') && item.parentElement?.closest('[itemscope]') === parent.root,
};

/** A shared post (an item's sharedContent, or any item quoted in another post) as quoted there. */
export function microdataQuoted(item: Element): QuotedPost {
  return quotedPost(fields(item, true), ownProps(item, 'url')[0], item.ownerDocument);
}

function fields(item: Element, quoted: boolean): Fields {
  const author = ownProps(item, 'author')[0] ?? ownProps(item, 'creator')[0] ?? null;
  const textEl = ownProps(item, 'articleBody')[0] ?? ownProps(item, 'text')[0] ?? null;
  const date = ownProps(item, 'datePublished')[0] ?? ownProps(item, 'dateCreated')[0];
  const shared = quoted
    ? null
    : (ownProps(item, 'sharedContent').find((el) => el.hasAttribute('itemscope')) ?? null);
  const langProp = ownProps(item, 'inLanguage')[0];
  return {
    ...authorOfItem(author),
    time: isoTime(date ? propValue(date) : null) ?? isoTime(timeOf(item)?.getAttribute('datetime') ?? null),
    ...bodyOf(textEl, item),
    lang: languageTag(langProp ? propValue(langProp) : null) ?? langOf(textEl, item),
    media: mediaIn(item, textEl),
    quote: shared,
    replyTo: [],
  };
}

/** The `author` property: a Person item (name, alternateName or identifier, url) or plain text. */
function authorOfItem(author: Element | null): { name: string; handle: string } {
  if (author === null) return { name: '', handle: '' };
  if (!author.hasAttribute('itemscope')) return { name: clip(readText(author), SHORT_TEXT_MAX), handle: '' };
  const name = ownProps(author, 'name')[0];
  const alias = ownProps(author, 'alternateName')[0] ?? ownProps(author, 'identifier')[0];
  const url = ownProps(author, 'url')[0];
  return {
    name: clip(name ? propValue(name) : readText(author), SHORT_TEXT_MAX),
    handle: handleFrom(alias ? propValue(alias) : null, url ? propValue(url) : null, author.ownerDocument),
  };
}

/** The item's own properties named `name` (an element's itemprop belongs to its nearest ancestor item). */
function ownProps(item: Element, name: string): Element[] {
  return Array.from(item.querySelectorAll(`[itemprop~="${name}"]`)).filter(
    (el) => el.parentElement?.closest('[itemscope]') === item,
  );
}
