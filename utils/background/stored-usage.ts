import type { UsageAccounting } from '../notes/note-engine-deps';
import { addUsage, dayOf, overBudget } from '../settings/usage-ledger';
import { dailyTokenBudgetItem, usageItem } from '../settings/usage-items';

/**
 * Writes of the ledger, one after another: each reads the ledger and writes it back, so two at
 * once (a note and a triage call ending together) would lose one's tokens.
 */
let writes: Promise<void> = Promise.resolve();

/** Token use and the daily budget, in extension storage (the popup shows the same ledger). */
export const storedUsage: UsageAccounting = {
  exceeded: async (now) => {
    const [ledger, budget] = await Promise.all([usageItem.getValue(), dailyTokenBudgetItem.getValue()]);
    return overBudget(ledger, budget, now);
  },
  record: (usage, tally, now) => {
    const write = writes.then(async () => {
      await usageItem.setValue(addUsage(await usageItem.getValue(), dayOf(now), usage, tally));
    });
    writes = write.catch(() => undefined); // a failed write does not stop the next
    return write;
  },
};
