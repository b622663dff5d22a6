/**
 * Plain `article` / `[role=article]` elements with a permalink, read by the usual class names of
 * forum and blog software. Trusted least: they are posts only on a page that carries posting data
 * (JSON-LD, microdata or h-entry), so that an ordinary article page never yields a post (post.ts
 * checks the page).
 */
import { SHORT_TEXT_MAX } from '../../core/post';
import { readText } from '../dom-text';
import { clip } from '../post-fields';
import type { Dialect, Fields } from './dialect';
import { handleFrom, isoTime, langOf, mediaIn } from './fields';
import { permalinkOf } from './permalink';
import { firstOwn, timeOf } from './roots';
import { bodyOf } from './text';

/** Where a plain article's text usually is; else the article minus its header, footer and controls. */
const BODY_HINTS =
  '[itemprop~="articleBody"], [itemprop~="text"], .e-content, .post-body, .post-content, .entry-content, .message-body, .cooked';
const AUTHOR_HINTS = '[rel~="author"], .author, .post-author, .username';
const HANDLE_HINTS = '.username, .nickname, .p-nickname';
/** A post nested in one of these inside another post is quoted or embedded there, not a reply. */
const QUOTE_CONTAINER = 'blockquote, q, .h-cite, [itemprop~="sharedContent"]';

export const plainArticle: Dialect = {
  permalink: (article) => permalinkOf(article, null),
  fields,
  // An article in an article is HTML's own markup for a comment, unless it sits in a quote there.
  isCommentOf(article, parent) {
    const quote = article.parentElement?.closest(QUOTE_CONTAINER) ?? null;
    return parent.kind === 'article' && (quote === null || !parent.root.contains(quote));
  },
};

/** Text from a usual body container, author from rel=author and the like. */
function fields(article: Element): Fields {
  const textEl = firstOwn(article, BODY_HINTS);
  const authorEl = firstOwn(article, AUTHOR_HINTS);
  const handleEl = firstOwn(article, HANDLE_HINTS);
  const name =
    authorEl !== null && !authorEl.matches(HANDLE_HINTS) ? clip(readText(authorEl), SHORT_TEXT_MAX) : '';
  return {
    name,
    handle: handleFrom(
      handleEl?.textContent ?? null,
      authorEl?.getAttribute('href') ?? null,
      article.ownerDocument,
    ),
    time: isoTime(timeOf(article)?.getAttribute('datetime') ?? null),
    ...bodyOf(textEl ?? article, article),
    lang: langOf(textEl, article),
    media: mediaIn(article, textEl),
    quote: null,
    replyTo: [],
  };
}
