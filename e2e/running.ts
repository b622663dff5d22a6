/**
 * Positive signs that Footnote had its chance on a page, for the checks that something did NOT
 * happen (no badge, no mark, no card closing, no script running): they wait for these first, so
 * on a slow machine "nothing" means "Footnote looked and did nothing", not "it had not started".
 */
import type { BrowserContext, Page } from '@playwright/test';
import { READY_ATTRIBUTE } from '../entrypoints/content/ready-mark';
import { expect, routeFixture } from './fixtures';

/** Footnote runs on the page for `site`: the posts it showed at start are marked and badged. */
export async function expectFootnoteRunning(page: Page, site: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute(READY_ATTRIBUTE, site);
}

/** Footnote does not run on the page (stopped there, or never started). */
export async function expectFootnoteNotRunning(page: Page): Promise<void> {
  await expect(page.locator('html')).not.toHaveAttribute(READY_ATTRIBUTE, /.*/);
}

/**
 * For a page where Footnote should not run at all: this build does inject and start its content
 * scripts right now, as it runs on `url` (a routed fixture, site `site`) in a tab opened after
 * that page loaded. The tab is closed again.
 */
export async function expectFootnoteRunsElsewhere(
  context: BrowserContext,
  { url, fixture, site }: { url: string; fixture: string; site: string },
): Promise<void> {
  await routeFixture(context, url, fixture);
  const elsewhere = await context.newPage();
  await elsewhere.goto(url);
  await expectFootnoteRunning(elsewhere, site);
  await elsewhere.close();
}

/**
 * Resolves once a page timer due in `ms` has fired. Timers of the page and of the content script
 * share the page's event loop, so any the content script set earlier for a shorter delay (the
 * card's close grace, the hover intent) has fired by then, however slow the machine.
 */
export async function afterPageTimers(page: Page, ms: number): Promise<void> {
  await page.evaluate((delay) => new Promise<void>((resolve) => setTimeout(resolve, delay)), ms);
}

/**
 * Resolves after the page's next animation frame. What the page changed before this call was seen
 * by the content script's MutationObserver at once, and its batch was queued for this same frame
 * ahead of this callback: by the time it runs, that batch was processed.
 */
export async function afterNextFrame(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}
