import type { TokenUsage } from '../core/note-meta';

export interface DayUsage {
  promptTokens: number;
  completionTokens: number;
  notes: number;
  /** Some of the counts are estimates (the provider reported no usage). */
  estimated: boolean;
}

/** Token use per local day (YYYY-MM-DD), the last DAYS_KEPT days. */
export type UsageLedger = Record<string, DayUsage>;

/** Today's use has reached the daily budget. */
export interface OverBudget {
  budget: number;
  used: number;
}

const DAYS_KEPT = 31;

/** The local calendar day of a time: budgets reset at the user's midnight, not UTC's. */
export function dayOf(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const EMPTY_DAY: DayUsage = { promptTokens: 0, completionTokens: 0, notes: 0, estimated: false };

export function addUsage(ledger: UsageLedger, day: string, usage: TokenUsage, notes: number): UsageLedger {
  const before = ledger[day] ?? EMPTY_DAY;
  const next: UsageLedger = {
    ...ledger,
    [day]: {
      promptTokens: before.promptTokens + usage.promptTokens,
      completionTokens: before.completionTokens + usage.completionTokens,
      notes: before.notes + notes,
      estimated: before.estimated || usage.estimated,
    },
  };
  const days = Object.keys(next).sort();
  for (const old of days.slice(0, Math.max(0, days.length - DAYS_KEPT))) delete next[old];
  return next;
}

export function totalTokens(day: DayUsage): number {
  return day.promptTokens + day.completionTokens;
}

/** Null when the day of `now` is within the budget (0 means no budget), else the budget and what was used. */
export function overBudget(ledger: UsageLedger, budget: number, now: number): OverBudget | null {
  if (!budget) return null;
  const used = totalTokens(ledger[dayOf(now)] ?? EMPTY_DAY);
  return used >= budget ? { budget, used } : null;
}
