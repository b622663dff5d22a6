import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceSource, GatheredEvidence } from '../core/evidence';
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

/** Whether `promise` has settled yet, read after the fake clock has been advanced. */
function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { promise, settled: () => settled };
}

// Fake time: the sources' delays and the deadline fire in a fixed order however busy the machine
// is, and "did not wait past the deadline" is read off the clock instead of measured.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('gatherEvidence', () => {
  it('numbers items in the order of the sources, not of their arrival, so prompts are repeatable', async () => {
    const pending = gather([after(40, [item('https://a.example/')]), after(0, [item('https://b.example/')])]);
    await vi.advanceTimersByTimeAsync(40);
    const { onTime } = await pending;
    expect(onTime.items.map((i) => [i.id, i.url])).toEqual([
      ['E1', 'https://a.example/'],
      ['E2', 'https://b.example/'],
    ]);
  });

  it('gives the same URL once, and at most EVIDENCE_ITEMS_MAX items', async () => {
    const many = Array.from({ length: 12 }, (_, i) => item(`https://e.example/${i}`));
    const pending = gather([after(0, [item('https://e.example/0', 'web')]), after(0, many)]);
    await vi.advanceTimersByTimeAsync(0);
    const { onTime } = await pending;
    expect(onTime.items).toHaveLength(EVIDENCE_ITEMS_MAX);
    expect(new Set(onTime.items.map((i) => i.url)).size).toBe(EVIDENCE_ITEMS_MAX);
    expect(onTime.items[0]?.kind).toBe('web');
  });

  it('does not wait past the deadline; the slow source arrives later, marked late', async () => {
    const gathering = tracked(
      gather([after(0, [item('https://fast.example/')]), after(300, [item('https://slow.example/')])], 30),
    );
    await vi.advanceTimersByTimeAsync(29);
    expect(gathering.settled()).toBe(false); // the fast source is in, but the deadline has not come
    await vi.advanceTimersByTimeAsync(1);
    expect(gathering.settled()).toBe(true); // the deadline, not the slow source, ended the wait
    const { onTime, late } = await gathering.promise;
    expect(onTime.items.map((i) => i.url)).toEqual(['https://fast.example/']);
    const lateSet = tracked(late);
    await vi.advanceTimersByTimeAsync(269);
    expect(lateSet.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const arrived = await lateSet.promise;
    expect(arrived.items.map((i) => [i.url, i.late])).toEqual([['https://slow.example/', true]]);
  });

  it('stops waiting when the request is cancelled', async () => {
    const controller = new AbortController();
    const pending = tracked(
      gather([after(5_000, [item('https://never.example/')])], 5_000, controller.signal),
    );
    controller.abort();
    await vi.advanceTimersByTimeAsync(0); // the clock stays far before the deadline
    expect(pending.settled()).toBe(true);
    const { onTime } = await pending.promise;
    expect(onTime.items).toEqual([]);
  });
});
