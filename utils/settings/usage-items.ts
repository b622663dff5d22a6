import type { UsageLedger } from './usage-ledger';
import { defineStoredItem } from './stored-item';

/**
 * Tokens spent per local day (written by the background, shown by the popup). Still version 1:
 * the per-day `triage` tally came later as an optional field, so a stored ledger from before is
 * already a valid one (it reads as no triage that day) and there is nothing to migrate.
 */
export const usageItem = defineStoredItem<UsageLedger>('local:usage', { fallback: {}, version: 1 });

/** 0 means no budget. */
export const dailyTokenBudgetItem = defineStoredItem<number>('local:dailyTokenBudget', {
  fallback: 0,
  version: 1,
});
