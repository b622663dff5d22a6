// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { Triage } from '@/utils/core/triage';
import type { SiteAdapter } from '@/utils/sites/site-adapter';
import { badgeOf, ensureBadge, FALLBACK_CLASS } from './badges';

// The test browser has no message catalogue: each message is its key, then its substitutions.
vi.mock('#i18n', () => ({
  i18n: { t: (key: string, subs: string[] = []) => [key, ...subs].join('|') },
}));

function adapterWithAnchor(anchor: SiteAdapter['badgeAnchor']): SiteAdapter {
  return {
    id: 'generic',
    matchesLocation: () => true,
    postRootSelector: 'article',
    postId: () => '1',
    extractPost: () => null,
    badgeAnchor: anchor,
    expectsPosts: () => true,
    threadPage: () => false,
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
    ensureBadge(one!, adapter, 'idle', null);
    ensureBadge(two!, adapter, 'loading', null);
    const [first, second] = [badgeOf(one!)!, badgeOf(two!)!];
    expect(first).not.toBe(second);
    expect(first.getAttribute('aria-label')).toBe('badge.label');
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
      null,
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
      null,
    );
    const badge = badgeOf(root)!;
    expect(badge.getAttribute('aria-label')).toBe('badge.label');
    expect(root.lastElementChild).toBe(badge);
    expect(badge.classList.contains(FALLBACK_CLASS)).toBe(true);
  });

  it('puts a fallback badge in the last cell of a table row, never straight into the row', () => {
    const root = page('<table><tr data-root><td>1.</td><td>Story</td></tr></table>');
    ensureBadge(
      root,
      adapterWithAnchor(() => null),
      'idle',
      null,
    );
    expect(badgeOf(root)!.parentElement).toBe(root.querySelectorAll('td')[1]);
  });

  it('drops the fallback mark when the adapter finds its anchor on a later render', () => {
    const root = page('<article data-root><header></header></article>');
    let anchored = false;
    const adapter = adapterWithAnchor(() =>
      anchored ? { parent: root.querySelector('header')!, before: null } : null,
    );
    ensureBadge(root, adapter, 'idle', null);
    badgeOf(root)!.remove(); // the site re-rendered the post
    anchored = true;
    ensureBadge(root, adapter, 'done', null);
    const badge = badgeOf(root)!;
    expect(badge.parentElement?.tagName).toBe('HEADER');
    expect(badge.classList.contains(FALLBACK_CLASS)).toBe(false);
    expect(badge.dataset.state).toBe('done');
  });
});

describe('a triaged post', () => {
  const verdict = (overrides: Partial<Triage> = {}): Triage => ({
    classification: 'misleading',
    reason: 'The chart starts at 90, not 0.',
    worth_note: true,
    injection_detected: false,
    ...overrides,
  });
  const adapter = adapterWithAnchor(() => null);

  it('flagged: another mark and shape, and a name that says why', () => {
    const root = page('<article data-root>Text</article>');
    const flagged = verdict();
    ensureBadge(root, adapter, 'idle', flagged);
    const badge = badgeOf(root)!;
    expect(badge.dataset.flag).toBe('misleading');
    expect(badge.textContent).toBe('!');
    expect(badge.getAttribute('aria-label')).toBe(
      'badge.flagged|triage.flag.misleading|The chart starts at 90, not 0.',
    );
    expect(badge.dataset.state).toBe('idle');
    // A note written later changes its state, not its flag.
    ensureBadge(root, adapter, 'done', flagged);
    expect(badge.dataset.state).toBe('done');
    expect(badge.dataset.flag).toBe('misleading');
  });

  it('says an injection attempt first, and the flag alone when there is no reason', () => {
    const root = page('<article data-root>Text</article>');
    ensureBadge(
      root,
      adapter,
      'idle',
      verdict({ classification: 'false', injection_detected: true, reason: '' }),
    );
    expect(badgeOf(root)!.dataset.flag).toBe('injection');
    expect(badgeOf(root)!.getAttribute('aria-label')).toBe('badge.flaggedNoReason|triage.flag.injection');
  });

  it('stays as it is for a verdict that is not flagged (opinion, accurate)', () => {
    const root = page('<article data-root>Text</article>');
    ensureBadge(root, adapter, 'idle', verdict({ classification: 'opinion', reason: 'A joke.' }));
    const badge = badgeOf(root)!;
    expect(badge.hasAttribute('data-flag')).toBe(false);
    expect(badge.textContent).toBe('†');
    expect(badge.getAttribute('aria-label')).toBe('badge.label');
  });

  it('is unflagged when its node shows another post, or triage went off', () => {
    const root = page('<article data-root>Text</article>');
    ensureBadge(root, adapter, 'idle', verdict({ classification: 'needs_context' }));
    ensureBadge(root, adapter, 'idle', null);
    const badge = badgeOf(root)!;
    expect(badge.hasAttribute('data-flag')).toBe(false);
    expect(badge.textContent).toBe('†');
    expect(badge.getAttribute('aria-label')).toBe('badge.label');
  });
});
