// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { badgeOf, ensureBadge, FALLBACK_CLASS } from './badges';

// The test browser has no message catalogue; the badge's name is all this file reads of it.
vi.mock('#i18n', () => ({ i18n: { t: () => 'Footnote: show context for this post' } }));

function adapterWithAnchor(anchor: SiteAdapter['badgeAnchor']): SiteAdapter {
  return {
    id: 'generic',
    matchesLocation: () => true,
    postRootSelector: 'article',
    postId: () => '1',
    extractPost: () => null,
    badgeAnchor: anchor,
    expectsPosts: () => true,
    probes: {},
  };
}

function page(html: string): Element {
  document.body.innerHTML = html;
  return document.querySelector('[data-root]')!;
}

describe('ensureBadge', () => {
  it('gives every post a badge of its own, named and idle, without a write for the idle state', () => {
    document.body.innerHTML = '<article data-root>One</article><article data-root>Two</article>';
    const [one, two] = document.querySelectorAll('[data-root]');
    const adapter = adapterWithAnchor(() => null);
    ensureBadge(one!, adapter, 'idle');
    ensureBadge(two!, adapter, 'loading');
    const [first, second] = [badgeOf(one!)!, badgeOf(two!)!];
    expect(first).not.toBe(second);
    expect(first.getAttribute('aria-label')).toMatch(/^Footnote/);
    expect(second.getAttribute('aria-haspopup')).toBe('dialog');
    expect(first.type).toBe('button');
    expect(first.dataset.state).toBe('idle');
    expect(second.dataset.state).toBe('loading');
  });

  it("puts the badge at the adapter's anchor when there is one", () => {
    const root = page('<article data-root><header><b>Name</b></header><p>Text</p></article>');
    const header = root.querySelector('header')!;
    ensureBadge(
      root,
      adapterWithAnchor(() => ({ parent: header, before: null })),
      'idle',
    );
    const badge = badgeOf(root)!;
    expect(badge.parentElement).toBe(header);
    expect(badge.classList.contains(FALLBACK_CLASS)).toBe(false);
  });

  it('still badges a post whose adapter finds no anchor: last in the post, marked as the fallback', () => {
    const root = page('<article data-root><div>Redesigned header</div><p>Text</p></article>');
    ensureBadge(
      root,
      adapterWithAnchor(() => null),
      'idle',
    );
    const badge = badgeOf(root)!;
    expect(badge.getAttribute('aria-label')).toMatch(/^Footnote/);
    expect(root.lastElementChild).toBe(badge);
    expect(badge.classList.contains(FALLBACK_CLASS)).toBe(true);
  });

  it('puts a fallback badge in the last cell of a table row, never straight into the row', () => {
    const root = page('<table><tr data-root><td>1.</td><td>Story</td></tr></table>');
    ensureBadge(
      root,
      adapterWithAnchor(() => null),
      'idle',
    );
    expect(badgeOf(root)!.parentElement).toBe(root.querySelectorAll('td')[1]);
  });

  it('drops the fallback mark when the adapter finds its anchor on a later render', () => {
    const root = page('<article data-root><header></header></article>');
    let anchored = false;
    const adapter = adapterWithAnchor(() =>
      anchored ? { parent: root.querySelector('header')!, before: null } : null,
    );
    ensureBadge(root, adapter, 'idle');
    badgeOf(root)!.remove(); // the site re-rendered the post
    anchored = true;
    ensureBadge(root, adapter, 'done');
    const badge = badgeOf(root)!;
    expect(badge.parentElement?.tagName).toBe('HEADER');
    expect(badge.classList.contains(FALLBACK_CLASS)).toBe(false);
    expect(badge.dataset.state).toBe('done');
  });
});
