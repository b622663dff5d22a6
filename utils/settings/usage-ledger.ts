import type { TokenUsage } from '../core/note-meta';

export interface DayUsage {
  /** Every call's tokens, triage included: the daily budget counts them all. */
  promptTokens: number;
  completionTokens: number;
  /** Notes written (single and batched); posts triaged are not notes. */
  notes: number;
  /** Some of the counts are estimates (the provider reported no usage). */
  estimated: boolean;
  /**
   * Feed triage's part of the day: posts given a verdict and the tokens its calls cost (already
   * in the totals above). Absent on days without triage, and in ledgers stored before triage
   * existed: read it as zeros (triageOf).
   */
  triage?: TriageUsage;
  /**
   * Prompt tokens the day's pictures are estimated to cost (already in the totals above: the
   * provider counts them in its prompt tokens, or the estimate adds them). Absent on days
   * without pictures, and in ledgers stored before they were sent: read it as 0 (imageTokensOf).
   */
  imageTokens?: number;
}

export interface TriageUsage {
  posts: number;
  tokens: number;
}

/**
 * What one model call is counted as besides its tokens: notes written, posts triaged, or nothing
 * more (a part or merge of a thread digest: its tokens count toward the day and its budget only).
 */
export type UsageTally =
  /** `imageTokens`: what the note's pictures are estimated to cost (meta.images.estimatedTokens). */
  | { kind: 'notes'; notes: number; imageTokens?: number }
  | { kind: 'triage'; posts: number }
  | { kind: 'digest' };

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

const NO_TRIAGE: TriageUsage = { posts: 0, tokens: 0 };

/** A day's triage use; zeros for a day without (or recorded before) triage. */
export function triageOf(day: DayUsage): TriageUsage {
  return day.triage ?? NO_TRIAGE;
}

/** A day's estimated picture tokens; 0 for a day without (or recorded before) pictures. */
export function imageTokensOf(day: DayUsage): number {
  return day.imageTokens ?? 0;
}

export function addUsage(
  ledger: UsageLedger,
  day: string,
  usage: TokenUsage,
  tally: UsageTally,
): UsageLedger {
  const before = ledger[day] ?? EMPTY_DAY;
  const after: DayUsage = {
    ...before,
    promptTokens: before.promptTokens + usage.promptTokens,
    completionTokens: before.completionTokens + usage.completionTokens,
    estimated: before.estimated || usage.estimated,
  };
  if (tally.kind === 'notes') {
    after.notes = before.notes + tally.notes;
    if (tally.imageTokens) after.imageTokens = imageTokensOf(before) + tally.imageTokens;
  } else if (tally.kind === 'triage') {
    const triage = triageOf(before);
    after.triage = {
      posts: triage.posts + tally.posts,
      tokens: triage.tokens + usage.promptTokens + usage.completionTokens,
    };
  }
  const next: UsageLedger = { ...ledger, [day]: after };
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
