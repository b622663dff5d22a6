/**
 * Helpers for the adapter tests (bluesky-and-later sites): fixture pages read from disk, and the
 * "randomly mangled roots" check every adapter must pass. Test-only; imported by *.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';
import { postSchema } from '../utils/core/post-schema';
import type { SiteAdapter } from '../utils/sites/site-adapter';

// Not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL.
/** Each site adapter's fixture pages sit beside it, in utils/sites/<site>/fixtures/. */
const SITES = resolve(dirname(fileURLToPath(import.meta.url)), '../utils/sites');

export function fixtureHtml(site: string, name: string): string {
  return readFileSync(resolve(SITES, site, 'fixtures', name), 'utf8');
}

/** The fixture as a document; its scripts do not run. */
export function loadFixture(site: string, name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(site, name), 'text/html');
}

export function rootsIn(adapter: SiteAdapter, scope: ParentNode): Element[] {
  return Array.from(scope.querySelectorAll(adapter.postRootSelector));
}

/** The root whose post id is `id`. */
export function rootById(adapter: SiteAdapter, scope: ParentNode, id: string): Element {
  const root = rootsIn(adapter, scope).find((r) => adapter.postId(r) === id);
  if (root === undefined) throw new Error(`fixture has no ${adapter.id} post ${id}`);
  return root;
}

/** Inserts a badge where the adapter says, as the content script does, and returns it. */
export function insertBadge(adapter: SiteAdapter, root: Element): Element {
  const anchor = adapter.badgeAnchor(root);
  if (anchor === null) throw new Error('no badge anchor');
  const badge = root.ownerDocument.createElement('button');
  badge.className = 'footnote-badge';
  badge.textContent = '†';
  anchor.parent.insertBefore(badge, anchor.before);
  return badge;
}

export interface MangleOptions {
  /** Attribute names the site's selectors rely on. */
  attributes: string[];
  /** Values that look like the site's (ids, hrefs, classes) or break them. */
  values: string[];
  /** Element to wrap nodes in (a site's container element). */
  wrapper: (doc: Document) => Element;
  rounds?: number;
}

/**
 * Randomly removes, moves, re-attributes and wraps elements of copies of `sources`: the adapter
 * must never throw, and whatever it returns must be a valid Post whose id is postId's. Returns
 * how many mangled roots still gave a post.
 */
export function mangleAndExtract(adapter: SiteAdapter, sources: Element[], options: MangleOptions): number {
  let seed = 11;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  let posts = 0;
  for (let round = 0; round < (options.rounds ?? 200); round++) {
    const root = sources[round % sources.length]!.cloneNode(true) as Element;
    const all = Array.from(root.querySelectorAll('*'));
    for (let step = 0; step < 8 && all.length > 0; step++) {
      const el = all[random(all.length)]!;
      if (!root.contains(el)) continue; // removed by an earlier step
      switch (random(5)) {
        case 0:
          el.remove();
          break;
        case 1: {
          const target = all[random(all.length)]!;
          if (!el.contains(target) && root.contains(target)) target.append(el);
          break;
        }
        case 2:
          el.setAttribute(
            options.attributes[random(options.attributes.length)]!,
            options.values[random(options.values.length)]!,
          );
          break;
        case 3:
          root.setAttribute(
            options.attributes[random(options.attributes.length)]!,
            options.values[random(options.values.length)]!,
          );
          break;
        default: {
          const wrapper = options.wrapper(root.ownerDocument);
          el.replaceWith(wrapper);
          wrapper.append(el);
        }
      }
    }
    const id = adapter.postId(root);
    const post = adapter.extractPost(root);
    adapter.badgeAnchor(root);
    if (post !== null) {
      posts++;
      expect(post.id).toBe(id);
      expect(() => postSchema.parse(post)).not.toThrow();
    }
  }
  return posts;
}

/**
 * postId runs on every mutation batch: it may only query inside the root (and walk up from it),
 * never the whole document. Spies on every query method and checks where each call was made.
 */
export function expectScopedPostId(adapter: SiteAdapter, roots: Element[]): void {
  let root: Element | null = null;
  const outside: string[] = [];
  const track = <T extends object>(proto: T, name: keyof T & string) => {
    const original = proto[name] as (this: unknown, ...args: unknown[]) => unknown;
    vi.spyOn(proto, name as never).mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (!(this instanceof Element) || root === null || !root.contains(this))
        outside.push(`${name}(${String(args[0])})`);
      return original.apply(this, args);
    } as never);
  };
  for (const name of [
    'querySelector',
    'querySelectorAll',
    'getElementsByTagName',
    'getElementsByClassName',
  ] as const) {
    track(Element.prototype, name);
    track(Document.prototype, name);
  }
  track(Document.prototype, 'getElementById');
  for (root of roots) adapter.postId(root);
  root = null;
  expect(outside).toEqual([]);
}

// ---------------------------------------------------------------------------------------
// Real captures

/**
 * Real pages of the sites, saved by others and kept beside the clone (`../shared/real`, with a
 * SOURCES.md saying where each comes from). Read in place, never copied into the repository.
 */
export const REAL_CAPTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/real');

/**
 * Each capture (path under REAL_CAPTURES) and the URL it was served at, as the page itself says:
 * its canonical link or og:url, else its permalinks. Exceptions, from the same evidence:
 * - the 2023 X status pages carry a stale first canonical (`/home`, another tweet): og:url is right;
 * - the LinkedIn company page's canonical names LinkedIn's country host (uk.), but its sign-up
 *   links redirect back to www.linkedin.com/company/audiense, where it was served;
 * - the Facebook News Feed fragments and the LinkedIn feed post are parts of the feed page;
 * - m.facebook.com pages: the hosts of their permalinks, the paths their own links name.
 */
export const CAPTURE_URLS: Readonly<Record<string, string>> = {
  'blog/hentry-adactio-links.html': 'https://adactio.com/links',
  'blog/hentry-waterpigs.html': 'https://waterpigs.co.uk/',
  'bluesky/profile-stephenking.html': 'https://bsky.app/profile/stephenking.bsky.social',
  'bluesky/thread-forbes.html': 'https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x',
  'bluesky/thread-glendunlap.html': 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t',
  'bluesky/thread-stephenking-unloaded.html':
    'https://bsky.app/profile/stephenking.bsky.social/post/3mddvy5bv6k27',
  'facebook/desktop-2017-page-visitaustria.html': 'https://www.facebook.com/visitaustria/',
  'facebook/desktop-2018-feed-sponsored-fragment.html': 'https://www.facebook.com/',
  'facebook/desktop-2018-feed-story-fragment.html': 'https://www.facebook.com/',
  'facebook/m-group-southamericansincomputing.html': 'https://m.facebook.com/groups/117507531664134/',
  'facebook/m-page-nintendo-posts.html': 'https://m.facebook.com/Nintendo/posts/',
  'fediverse/gnusocial-qvitter-notice-2827873.html': 'https://shitposter.club/notice/2827873',
  'hn/front-page-2023.html': 'https://news.ycombinator.com/',
  'hn/item-36817231-comments.html': 'https://news.ycombinator.com/item?id=36817231',
  'linkedin/company-guest.html': 'https://www.linkedin.com/company/audiense',
  'linkedin/feed-logged-in-post-fragment-2025.html': 'https://www.linkedin.com/feed/',
  'reddit/redesign2019-showerthoughts.html':
    'https://www.reddit.com/r/Showerthoughts/comments/awx46q/vanilla_becoming_the_default_flavour_of_ice_cream/',
  'reddit/redesign2019-title-only.html':
    'https://www.reddit.com/r/AskReddit/comments/axtih6/what_is_the_most_worth_it_item_you_have_ever/',
  'reddit/redesign2020-python-init.html':
    'https://www.reddit.com/r/Python/comments/1bbbwk/whats_your_opinion_on_what_to_include_in_init_py/',
  'x/article-logged-in-kepano.html': 'https://x.com/arscontexta/status/2013045749580259680',
  'x/legacy-2016-status-twittercom.html': 'https://twitter.com/KingBeyonceStan/status/745276948213968896',
  'x/post-forbes-link.html': 'https://x.com/Forbes/status/2016058596782670275',
  'x/post-verge-video.html': 'https://x.com/verge/status/957383241714970624',
  'x/profile-javilop.html': 'https://x.com/javilop',
  'x/profile-kikobeats.html': 'https://x.com/kikobeats',
  'x/status-with-replies-2023-k4rliky.html': 'https://twitter.com/k4rliky/status/934482867480121345',
  'x/status-with-replies-2023-realdonaldtrump.html':
    'https://twitter.com/realDonaldTrump/status/1222907250383245320',
  'youtube/watch-rendered-2022-13-comments.html': 'https://www.youtube.com/watch?v=PGXcFGlofbQ',
  'youtube/watch-rendered-2022-before-comments.html': 'https://www.youtube.com/watch?v=PGXcFGlofbQ',
  'youtube/watch-rendered-2022-fr-14-comments.html': 'https://www.youtube.com/watch?v=WTA76aFQMoE',
  'youtube/watch-server-html-no-comments.html': 'https://www.youtube.com/watch?v=hwMkbaS_M_c',
};

/** Are the real captures beside the clone? */
export function hasRealCaptures(): boolean {
  return existsSync(REAL_CAPTURES);
}

/** Every HTML file under REAL_CAPTURES, as paths relative to it. */
export function captureFiles(): string[] {
  return readdirSync(REAL_CAPTURES, { recursive: true, encoding: 'utf8' })
    .map((path) => path.replaceAll('\\', '/'))
    .filter((path) => path.endsWith('.html'))
    .sort();
}

interface CaptureWindow {
  document: Document;
  close(): void;
}

interface Jsdom {
  JSDOM: new (html: string, options: { url: string; virtualConsole: object }) => { window: CaptureWindow };
  VirtualConsole: new () => object;
}

// jsdom ships no types; only its constructor is used, as typed above.
const { JSDOM, VirtualConsole } = createRequire(import.meta.url)('jsdom') as Jsdom;

/**
 * A capture as a page in a window of its own at its URL (document.URL, computed styles from its
 * own stylesheets). Its scripts neither run nor stay, except JSON-LD, which is page data; no
 * resource is fetched. Close the window when done.
 */
export function loadCapture(file: string): CaptureWindow {
  const url = CAPTURE_URLS[file];
  if (url === undefined) throw new Error(`no URL known for the capture ${file}`);
  const html = readFileSync(resolve(REAL_CAPTURES, file), 'utf8');
  const { window } = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  for (const script of window.document.querySelectorAll('script:not([type="application/ld+json"])'))
    script.remove();
  return window;
}
