import { expect, type Page } from '@playwright/test';

// A probe (`__pwned(id)`) installed in a page before its scripts run: payloads that could run
// call it (e2e/payloads.ts), so "nothing executed" is an empty list of calls.

declare global {
  interface Window {
    __pwned(id: string): void;
    __pwnedCalls: string[];
  }
}

/** Records every probe call; pass to page.addInitScript. */
export function installProbe(): void {
  const calls: string[] = [];
  Object.defineProperty(window, '__pwnedCalls', { value: calls, configurable: false });
  Object.defineProperty(window, '__pwned', {
    value: (id: string) => void calls.push(String(id)),
    configurable: false,
  });
}

export const probeCalls = (page: Page) => page.evaluate(() => window.__pwnedCalls ?? ['<probe missing>']);

/**
 * Runs script in the page that calls the probe (an inline handler, as a payload would) and waits
 * until the probe recorded it: the positive control, and the sign that whatever the page had
 * queued before it had its turn. Then the probe must hold that call alone.
 */
export async function expectOnlyTheControlRan(page: Page, id = 'control'): Promise<void> {
  await page.evaluate((control) => {
    const img = document.createElement('img');
    img.setAttribute('onerror', `__pwned(${JSON.stringify(control)})`);
    img.src = 'data:,';
    document.body.append(img);
  }, id);
  await expect.poll(() => probeCalls(page)).toEqual([id]);
}

/**
 * Resolves once an image the page queues now has failed to load: images a render put in the page
 * before (a payload that became markup would) have had their load and error events by then. For
 * pages whose CSP forbids the inline control of expectOnlyTheControlRan (extension pages).
 */
export async function afterQueuedImages(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const img = new Image();
        img.addEventListener('error', () => resolve());
        img.src = 'data:,';
      }),
  );
}
