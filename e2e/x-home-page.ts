/** Opening the X home fixture, and the worker-side state the tests set up around it. */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { routeFixture } from './fixtures';
import { X_HOME_URL } from './x-home';

/** Serves the X home fixture (x/home.html) at its real address and opens it in the tab. */
export async function gotoXHome(context: BrowserContext, page: Page): Promise<void> {
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
}

/**
 * Sets a daily token budget and records `used` tokens for today (in the worker's local day, as
 * the ledger does), next to any usage already recorded.
 */
export async function spendTodaysBudget(
  serviceWorker: Worker,
  { budget, used }: { budget: number; used: number },
): Promise<void> {
  await serviceWorker.evaluate(
    async ({ budget, used }) => {
      const d = new Date();
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const { usage } = await chrome.storage.local.get('usage');
      await chrome.storage.local.set({
        dailyTokenBudget: budget,
        usage: {
          ...(usage as object),
          [day]: { promptTokens: used - 1_000, completionTokens: 1_000, notes: 3, estimated: false },
        },
      });
    },
    { budget, used },
  );
}
