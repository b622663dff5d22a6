/**
 * Hacker News adapter (news.ycombinator.com). The DOM it reads is described in
 * utils/sites/hackernews/README.md (sources: kepano/defuddle `src/extractors/hackernews.ts`, saved
 * HN pages): server-rendered tables, no SPA, no virtualisation. A story is a `tr.athing` title row
 * whose next row holds the subtext; a comment is a `tr.athing.comtr` row. Both carry the item id
 * as the row id. HN repeats that id on the comment's collapse link, so it is read from the row only.
 */
import { asQuoted, POST_TEXT_MAX, SHORT_TEXT_MAX, type Post } from '../../core/post';
import { readText } from '../dom-text';
import { addLink, clip, epochTime, httpUrl, isoTime, urlHost } from '../post-fields';
import { readPostText, textPostFields, type PostText } from '../post-text';
import type { BadgeAnchor, SiteAdapter } from '../site-adapter';
import { isSiteHost } from '../site-matches';

const HOST = 'news.ycombinator.com';

const POST_ROOT = 'tr.athing[id]';
const ITEM_ID = /^\d{1,12}$/;
const TITLE_LINK = '.titleline > a';
const COMMENT_TEXT = '.commtext';
const AUTHOR = 'a.hnuser';
const AGE = 'span.age';
/** A `.toptext` (Ask HN body) is at most a few rows below the title row of an item page. */
const TOPTEXT_ROWS = 4;
/** How far back to look for a comment's parent row. */
const PARENT_SCAN_ROWS = 2_000;

type Kind = 'story' | 'comment';

/** The story lists and an item page: pages that show posts once loaded. */
const FEED_PATH = /^\/(?:news|newest|front|ask|show|item)?$/;

export const hackerNewsAdapter: SiteAdapter = {
  id: 'hackernews',
  expectsPosts: (location) => FEED_PATH.test(location.pathname),
  /** An item page (`/item?id=…`): a story, or a comment, with the comments under it. */
  threadPage: (location) => location.pathname === '/item',
  probes: { title: TITLE_LINK, comment: COMMENT_TEXT, author: AUTHOR },
  postRootSelector: POST_ROOT,

  matchesLocation(location) {
    return isSiteHost('hackernews', location.hostname);
  },

  postId(root) {
    const id = root.getAttribute('id') ?? '';
    return ITEM_ID.test(id) && kindOf(root) !== null ? id : null;
  },

  extractPost(root) {
    const post = extract(root);
    if (post === null) return null;
    const parent = kindOf(root) === 'comment' ? parentRow(root) : null;
    const context = parent === null ? null : extract(parent);
    return { ...post, parent: context === null ? null : asQuoted(context) };
  },

  badgeAnchor(root) {
    if (hackerNewsAdapter.postId(root) === null) return null;
    const kind = kindOf(root);
    if (kind === 'story') return besideTitle(root);
    if (kind === 'comment') return besideAge(root.querySelector('.comhead'));
    return null;
  },
};

/** The story or comment a row shows, without its thread context (`parent` is null). */
function extract(root: Element): Post | null {
  const id = hackerNewsAdapter.postId(root);
  const kind = kindOf(root);
  if (id === null || kind === null) return null;
  return kind === 'story' ? storyPost(root, id) : commentPost(root, id);
}

/**
 * A story has a title line; a comment has text and an author (a deleted comment has neither,
 * a poll option neither). Scoped queries only: called on every mutation batch.
 */
function kindOf(root: Element): Kind | null {
  if (root.querySelector(COMMENT_TEXT) !== null)
    return root.querySelector(AUTHOR) !== null ? 'comment' : null;
  return root.querySelector(TITLE_LINK) !== null ? 'story' : null;
}

function basePost(id: string, handle: string, time: string | null, body: PostText): Post {
  return {
    site: 'hackernews',
    id,
    url: `https://${HOST}/item?id=${id}`,
    author: { name: handle, handle },
    time,
    ...textPostFields(body),
    replyTo: [],
  };
}

// ---------------------------------------------------------------------------------------
// Stories

function storyPost(root: Element, id: string): Post {
  const subtext = subtextOf(root);
  const titleLink = root.querySelector(TITLE_LINK);
  const title = titleLink === null ? '' : readText(titleLink);
  const body = readPostText(toptextOf(root), {
    flow: true,
    linkTarget: (a) => externalUrl(a.getAttribute('href')),
  });
  const full = body.text === '' ? title : `${title}\n\n${body.text}`;
  const text = clip(full, POST_TEXT_MAX);
  // The story's own link first (an Ask HN title links to the item itself: no link).
  const links: string[] = [];
  const target = externalUrl(titleLink?.getAttribute('href'));
  if (target !== null) addLink(links, target);
  for (const link of body.links) addLink(links, link);
  return basePost(id, authorIn(subtext), timeIn(subtext), {
    text,
    links,
    clipped: body.clipped || text.length < full.length,
  });
}

/** The subtext row (score, author, age) right below a story's title row. */
function subtextOf(root: Element): Element | null {
  const next = root.nextElementSibling;
  return next?.querySelector('.subtext') ?? null;
}

/** The body of an Ask/Show HN story, shown only on its item page (`table.fatitem`). */
function toptextOf(root: Element): Element | null {
  if (root.closest('table.fatitem') === null) return null;
  let row = root.nextElementSibling;
  for (let i = 0; row !== null && i < TOPTEXT_ROWS; i++, row = row.nextElementSibling) {
    if (row.matches(POST_ROOT)) return null; // the next item: this story has no text
    const toptext = row.querySelector('.toptext');
    if (toptext !== null) return toptext;
  }
  return null;
}

/** After the title line (and its site name), in the same cell. */
function besideTitle(root: Element): BadgeAnchor | null {
  const titleLine = root.querySelector(TITLE_LINK)?.parentElement;
  const cell = titleLine?.parentElement;
  if (!titleLine || !cell || !root.contains(cell)) return null;
  return { parent: cell, before: titleLine.nextSibling };
}

// ---------------------------------------------------------------------------------------
// Comments

function commentPost(root: Element, id: string): Post {
  const head = root.querySelector('.comhead');
  const body = readPostText(root.querySelector(COMMENT_TEXT), {
    flow: true,
    linkTarget: (a) => externalUrl(a.getAttribute('href')),
    skip: (el) => el.classList.contains('reply'), // the "reply" link HN nests in older markup
  });
  return { ...basePost(id, authorIn(head ?? root), timeIn(head ?? root), body), replyTo: parentAuthor(root) };
}

/** After the age ("3 hours ago") in the comment's header line. */
function besideAge(head: Element | null): BadgeAnchor | null {
  if (head === null) return null;
  const age = head.querySelector(AGE);
  return age === null
    ? { parent: head, before: null }
    : { parent: age.parentElement ?? head, before: age.nextSibling };
}

/** The author of the comment this one is indented under; none for top-level comments. */
function parentAuthor(row: Element): string[] {
  const parent = parentComment(row);
  const handle = parent === null ? '' : authorIn(parent);
  return handle === '' ? [] : [handle];
}

/** The comment row this one is indented under (the nearest row above with less indent). */
function parentComment(row: Element): Element | null {
  const indent = indentOf(row);
  if (indent === null || indent === 0) return null;
  let prev = row.previousElementSibling;
  for (let i = 0; prev !== null && i < PARENT_SCAN_ROWS; i++, prev = prev.previousElementSibling) {
    const other = prev.matches('tr.comtr') ? indentOf(prev) : null;
    if (other !== null && other < indent) return prev;
  }
  return null;
}

/**
 * What a comment answers: the comment it is indented under, or for a top-level comment the
 * item the page is about (`table.fatitem`: the story, or the comment whose page this is).
 */
function parentRow(row: Element): Element | null {
  if (indentOf(row) !== 0) return parentComment(row);
  const item = row.ownerDocument.querySelector('table.fatitem tr.athing[id]');
  return item !== null && item !== row ? item : null;
}

/** Nesting level: `td.ind[indent]`, or on older pages the spacer image width in 40 px steps. */
function indentOf(row: Element): number | null {
  const cell = row.querySelector('td.ind');
  const level = cell?.getAttribute('indent') ?? null;
  if (level !== null && /^\d{1,3}$/.test(level)) return Number(level);
  const width = cell?.querySelector('img')?.getAttribute('width') ?? '';
  return /^\d{1,5}$/.test(width) ? Math.floor(Number(width) / 40) : null;
}

// ---------------------------------------------------------------------------------------
// Shared fields

function authorIn(scope: Element | null): string {
  const author = scope?.querySelector(AUTHOR);
  return author ? clip(readText(author), SHORT_TEXT_MAX) : ''; // job ads have no author
}

/** `span.age[title]` = "2026-03-12T10:00:00 1773309600" (UTC without zone, then epoch seconds); older pages only the ISO part. */
function timeIn(scope: Element | null): string | null {
  const [iso, epoch] = (scope?.querySelector(AGE)?.getAttribute('title') ?? '').trim().split(/\s+/);
  if (epoch !== undefined && /^\d{9,11}$/.test(epoch)) return epochTime(Number(epoch) * 1000);
  return isoTime(iso);
}

/** Absolute links leaving HN; relative ones (`item?id=…`, `user?id=…`) stay on it. */
function externalUrl(href: string | null | undefined): string | null {
  const url = httpUrl(href);
  return url !== null && urlHost(url) !== HOST ? url : null;
}
