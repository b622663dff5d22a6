// @vitest-environment jsdom
import { useReactRoot } from '@/test-support/react-root';
import { describe, expect, it, vi } from 'vitest';
import type { EvidenceItem, SourceRating } from '@/utils/core/evidence';
import type { LinkRating } from '@/utils/core/note-meta';
import { EvidenceList } from './EvidenceList';

vi.mock('#i18n', async () => {
  const { i18n } = await import('../../test-support/english-i18n');
  return {
    i18n: {
      t: (key: string, ...args: Array<number | string[]>) =>
        key === '@@ui_locale' ? 'en' : i18n.t(key, ...args),
    },
  };
});

const { render, container } = useReactRoot();

const LOW: SourceRating = {
  domain: 'rumours.example',
  score: 0.05,
  level: 'low',
  category: 'fake',
  list: 'CRED-1',
};
const item = (id: string, url: string, rating?: SourceRating): EvidenceItem => ({
  id,
  kind: 'link',
  url,
  title: `Page ${id}`,
  publisher: new URL(url).host,
  review: null,
  late: false,
  ...(rating ? { rating } : {}),
});

function show(items: EvidenceItem[], linkRatings?: LinkRating[]): HTMLElement {
  render(<EvidenceList items={items} notices={[]} linkRatings={linkRatings} onOpenOptions={() => {}} />);
  return container();
}

describe('source ratings in the sources list', () => {
  it('puts a chip after a rated source, saying in words, tooltip and screen-reader text where it comes from', () => {
    const list = show([
      item('E1', 'https://news.rumours.example/a', LOW),
      item('E2', 'https://plain.example/'),
    ]);
    const [rated, unrated] = [...list.querySelectorAll('li.source')];
    const chip = rated!.querySelector('.rating-chip');
    expect(chip?.classList).toContain('rating-low');
    const origin =
      'Score 0.05 of 1 for rumours.example in the rating list CRED-1. Category: fake news. ' +
      'CRED-1 by Alexander Loth, licensed CC BY 4.0.';
    expect(chip?.getAttribute('title')).toBe(origin);
    expect(chip?.textContent).toBe(`Low reliability (${origin})`);
    expect(chip?.querySelector('.visually-hidden')?.textContent).toBe(` (${origin})`);
    expect(unrated!.querySelector('.rating-chip')).toBeNull();
  });

  it('credits CRED-1 under the sources, linking its page and its licence', () => {
    const credit = show([item('E1', 'https://rumours.example/', LOW)]).querySelector('.rating-credit');
    expect(credit?.textContent).toBe('Source ratings: CRED-1 by Alexander Loth, CC BY 4.0');
    expect([...credit!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://github.com/aloth/cred-1',
      'https://creativecommons.org/licenses/by/4.0/',
    ]);
  });

  it('shows no chip and no credit when nothing is rated', () => {
    const list = show([item('E1', 'https://plain.example/')]);
    expect(list.querySelector('.rating-chip')).toBeNull();
    expect(list.querySelector('.rating-credit')).toBeNull();
  });

  it('lists the post’s rated links by host, as text, and credits a custom list by its host', () => {
    const custom = { ...LOW, level: 'mixed' as const, category: null, list: 'lists.example.net' };
    const list = show([], [{ url: 'https://www.rumours.example:8443/story?id=1', rating: custom }]);
    const row = list.querySelector('.rated-links');
    expect(row?.querySelector('.rated-links-title')?.textContent).toBe('Links in this post:');
    expect(row?.querySelector('.rated-link-host')?.textContent).toBe('www.rumours.example:8443');
    expect(row?.querySelector('.rating-chip')?.textContent).toContain('Mixed reliability');
    expect(row?.querySelector('.rating-chip')?.getAttribute('title')).toBe(
      'Score 0.05 of 1 for rumours.example in the rating list lists.example.net. ' +
        'From the rating list you chose (lists.example.net).',
    );
    expect(list.querySelector('a')).toBeNull();
    expect(list.querySelector('.rating-credit')?.textContent).toBe(
      'Source ratings: lists.example.net, the list you chose.',
    );
  });
});
