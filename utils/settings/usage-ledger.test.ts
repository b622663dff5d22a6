import { describe, expect, it } from 'vitest';
import { addUsage, dayOf, overBudget, type UsageLedger } from './usage-ledger';

const NOON = new Date(2026, 9, 31, 12).getTime();
const used = (promptTokens: number, completionTokens: number) => ({
  promptTokens,
  completionTokens,
  estimated: false,
});

describe('usage ledger', () => {
  it('keys days by local date', () => {
    expect(dayOf(NOON)).toBe('2026-10-31');
    expect(dayOf(new Date(2026, 0, 2, 23, 59).getTime())).toBe('2026-01-02');
  });

  it('adds a call to its day, remembering estimates, and keeps the last 31 days', () => {
    let ledger: UsageLedger = {};
    ledger = addUsage(ledger, '2026-10-31', used(100, 20), 1);
    ledger = addUsage(ledger, '2026-10-31', { ...used(10, 0), estimated: true }, 2);
    expect(ledger['2026-10-31']).toEqual({
      promptTokens: 110,
      completionTokens: 20,
      notes: 3,
      estimated: true,
    });

    const month = Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
    for (const day of month) ledger = addUsage(ledger, day, used(1, 1), 1);
    expect(Object.keys(ledger).sort()).toEqual(month);
  });

  it('is over budget once the day’s tokens reach it, and never without a budget', () => {
    const ledger = addUsage({}, dayOf(NOON), used(900, 100), 4);
    expect(overBudget(ledger, 1_000, NOON)).toEqual({ budget: 1_000, used: 1_000 });
    expect(overBudget(ledger, 1_001, NOON)).toBeNull();
    expect(overBudget(ledger, 0, NOON)).toBeNull();
    expect(overBudget(ledger, 1_000, NOON + 24 * 3600 * 1000)).toBeNull(); // a new day
  });
});
