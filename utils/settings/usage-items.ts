import type { UsageLedger } from './usage-ledger';
import { defineStoredItem } from './stored-item';

/** Tokens spent per local day (written by the background, shown by the popup). */
export const usageItem = defineStoredItem<UsageLedger>('local:usage', { fallback: {}, version: 1 });

/** 0 means no budget. */
export const dailyTokenBudgetItem = defineStoredItem<number>('local:dailyTokenBudget', {
  fallback: 0,
  version: 1,
});
