import type { UsageAccounting } from '../notes/note-engine-deps';
import { addUsage, dayOf, overBudget } from '../settings/usage-ledger';
import { dailyTokenBudgetItem, usageItem } from '../settings/usage-items';

/** Token use and the daily budget, in extension storage (the popup shows the same ledger). */
export const storedUsage: UsageAccounting = {
  exceeded: async (now) => {
    const [ledger, budget] = await Promise.all([usageItem.getValue(), dailyTokenBudgetItem.getValue()]);
    return overBudget(ledger, budget, now);
  },
  record: async (usage, notes, now) => {
    await usageItem.setValue(addUsage(await usageItem.getValue(), dayOf(now), usage, notes));
  },
};
