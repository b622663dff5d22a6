import { describe, expect, it } from 'vitest';
import type { EvidenceSource, GatheredEvidence } from './evidence';
import { EVIDENCE_ITEMS_MAX, gatherEvidence } from './gather-evidence';

const query = { text: 'post', links: [], postLanguage: 'pt', answerLanguage: 'pt-BR' };

function item(url: string, kind: GatheredEvidence['kind'] = 'link'): GatheredEvidence {
  return { kind, url, title: url, publisher: 'p', excerpt: '', publishedAt: null, review: null };
}

function after(
  ms: number,
  items: GatheredEvidence[],
  kind: GatheredEvidence['kind'] = 'link',
): EvidenceSource {
  return { kind, gather: () => new Promise((resolve) => setTimeout(() => resolve(items), ms)) };
}

const gather = (sources: EvidenceSource[], deadlineMs = 500, signal = new AbortController().signal) =>
  gatherEvidence(sources, query, { deadlineMs, signal });

describe('gatherEvidence', () => {
  it('numbers items in the order of the sources, not of their arrival, so prompts are repeatable', async () => {
    const { onTime } = await gather([
      after(40, [item('https://a.example/')]),
      after(0, [item('https://b.example/')]),
    ]);
    expect(onTime.items.map((i) => [i.id, i.url])).toEqual([
      ['E1', 'https://a.example/'],
      ['E2', 'https://b.example/'],
    ]);
  });

  it('gives the same URL once, and at most EVIDENCE_ITEMS_MAX items', async () => {
    const many = Array.from({ length: 12 }, (_, i) => item(`https://e.example/${i}`));
    const { onTime } = await gather([after(0, [item('https://e.example/0', 'web')]), after(0, many)]);
    expect(onTime.items).toHaveLength(EVIDENCE_ITEMS_MAX);
    expect(new Set(onTime.items.map((i) => i.url)).size).toBe(EVIDENCE_ITEMS_MAX);
    expect(onTime.items[0]?.kind).toBe('web');
  });

  it('does not wait past the deadline; the slow source arrives later, marked late', async () => {
    const started = performance.now();
    const { onTime, late } = await gather(
      [after(0, [item('https://fast.example/')]), after(300, [item('https://slow.example/')])],
      30,
    );
    expect(performance.now() - started).toBeLessThan(250);
    expect(onTime.items.map((i) => i.url)).toEqual(['https://fast.example/']);
    const arrived = await late;
    expect(arrived.items.map((i) => [i.url, i.late])).toEqual([['https://slow.example/', true]]);
  });

  it('stops waiting when the request is cancelled', async () => {
    const controller = new AbortController();
    const pending = gather([after(5_000, [item('https://never.example/')])], 5_000, controller.signal);
    controller.abort();
    const { onTime } = await pending;
    expect(onTime.items).toEqual([]);
  });
});
