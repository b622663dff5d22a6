import type { Page } from '@playwright/test';

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
