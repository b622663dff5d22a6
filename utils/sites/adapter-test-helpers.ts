/**
 * Helpers for the adapter tests (bluesky-and-later sites): fixture pages read from disk, and the
 * "randomly mangled roots" check every adapter must pass. Test-only; imported by *.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';
import { postSchema } from '../posts/post';
import type { SiteAdapter } from './site-adapter';

// Not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures');

export function fixtureHtml(site: string, name: string): string {
  return readFileSync(resolve(FIXTURES, site, name), 'utf8');
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
