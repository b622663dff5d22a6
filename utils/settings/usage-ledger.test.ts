import { describe, expect, it } from 'vitest';
import snapshot from './fixtures/v1-storage-snapshot.json';
import {
  addUsage,
  dayOf,
  imageTokensOf,
  overBudget,
  totalTokens,
  triageOf,
  type UsageLedger,
} from './usage-ledger';

const NOON = new Date(2026, 9, 31, 12).getTime();
const used = (promptTokens: number, completionTokens: number) => ({
  promptTokens,
  completionTokens,
  estimated: false,
});
const notes = (n: number) => ({ kind: 'notes', notes: n }) as const;
const triaged = (posts: number) => ({ kind: 'triage', posts }) as const;

describe('usage ledger', () => {
  it('keys days by local date', () => {
    expect(dayOf(NOON)).toBe('2026-10-31');
    expect(dayOf(new Date(2026, 0, 2, 23, 59).getTime())).toBe('2026-01-02');
  });

  it('adds a call to its day, remembering estimates, and keeps the last 31 days', () => {
    let ledger: UsageLedger = {};
    ledger = addUsage(ledger, '2026-10-31', used(100, 20), notes(1));
    ledger = addUsage(ledger, '2026-10-31', { ...used(10, 0), estimated: true }, notes(2));
    expect(ledger['2026-10-31']).toEqual({
      promptTokens: 110,
      completionTokens: 20,
      notes: 3,
      estimated: true,
    });

    const month = Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
    for (const day of month) ledger = addUsage(ledger, day, used(1, 1), notes(1));
    expect(Object.keys(ledger).sort()).toEqual(month);
  });

  it('is over budget once the day’s tokens reach it, and never without a budget', () => {
    const ledger = addUsage({}, dayOf(NOON), used(900, 100), notes(4));
    expect(overBudget(ledger, 1_000, NOON)).toEqual({ budget: 1_000, used: 1_000 });
    expect(overBudget(ledger, 1_001, NOON)).toBeNull();
    expect(overBudget(ledger, 0, NOON)).toBeNull();
    expect(overBudget(ledger, 1_000, NOON + 24 * 3600 * 1000)).toBeNull(); // a new day
  });

  it('counts triage apart (posts and tokens), in the day’s totals and budget, never as notes', () => {
    let ledger = addUsage({}, dayOf(NOON), used(300, 40), notes(1));
    ledger = addUsage(ledger, dayOf(NOON), used(500, 100), triaged(18));
    ledger = addUsage(ledger, dayOf(NOON), used(50, 10), triaged(0)); // every post skipped: tokens still spent
    const day = ledger[dayOf(NOON)]!;
    expect(day).toEqual({
      promptTokens: 850,
      completionTokens: 150,
      notes: 1,
      estimated: false,
      triage: { posts: 18, tokens: 660 },
    });
    expect(totalTokens(day)).toBe(1_000);
    expect(overBudget(ledger, 1_000, NOON)).toEqual({ budget: 1_000, used: 1_000 });
    // A note after triage keeps the triage tally.
    expect(addUsage(ledger, dayOf(NOON), used(1, 1), notes(1))[dayOf(NOON)]?.triage).toEqual({
      posts: 18,
      tokens: 660,
    });
  });

  it('counts a thread digest’s calls as tokens only: in the day’s totals and budget, no notes, no triage', () => {
    let ledger = addUsage({}, dayOf(NOON), used(300, 40), triaged(3));
    ledger = addUsage(ledger, dayOf(NOON), { ...used(600, 60), estimated: true }, { kind: 'digest' });
    expect(ledger[dayOf(NOON)]).toEqual({
      promptTokens: 900,
      completionTokens: 100,
      notes: 0,
      estimated: true,
      triage: { posts: 3, tokens: 340 },
    });
    expect(overBudget(ledger, 1_000, NOON)).toEqual({ budget: 1_000, used: 1_000 });
    // A day with only digests reads like any ledger stored before them.
    const digestOnly = addUsage({}, dayOf(NOON), used(10, 2), { kind: 'digest' })[dayOf(NOON)]!;
    expect(digestOnly).toEqual({ promptTokens: 10, completionTokens: 2, notes: 0, estimated: false });
    expect(triageOf(digestOnly)).toEqual({ posts: 0, tokens: 0 });
  });

  it('keeps the picture tokens of notes apart (already in the totals), from a ledger stored before them', () => {
    const stored = structuredClone(snapshot.storage.local.usage) as UsageLedger;
    expect(imageTokensOf(stored['2026-10-31']!)).toBe(0);
    let ledger = addUsage(stored, '2026-10-31', used(1_200, 80), {
      kind: 'notes',
      notes: 1,
      imageTokens: 170,
    });
    ledger = addUsage(ledger, '2026-10-31', used(900, 60), { kind: 'notes', notes: 1, imageTokens: 85 });
    ledger = addUsage(ledger, '2026-10-31', used(400, 40), notes(1)); // a post without pictures
    const day = ledger['2026-10-31']!;
    expect(imageTokensOf(day)).toBe(255);
    expect(day.promptTokens).toBe(stored['2026-10-31']!.promptTokens + 2_500);
    // A day without pictures stores no count at all, as ledgers did before them.
    expect(addUsage({}, dayOf(NOON), used(10, 2), notes(1))[dayOf(NOON)]).not.toHaveProperty('imageTokens');
  });

  it('reads a ledger stored before triage existed as no triage, and adds triage to its days', () => {
    const stored = structuredClone(snapshot.storage.local.usage) as UsageLedger;
    const day = stored['2026-10-31']!;
    expect(day.triage).toBeUndefined();
    expect(triageOf(day)).toEqual({ posts: 0, tokens: 0 });
    const after = addUsage(stored, '2026-10-31', used(100, 20), triaged(5))['2026-10-31']!;
    expect(after).toEqual({
      ...day,
      promptTokens: day.promptTokens + 100,
      completionTokens: day.completionTokens + 20,
      triage: { posts: 5, tokens: 120 },
    });
  });
});
