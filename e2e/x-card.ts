/** The card and badges on the X fixture pages, by their stable hooks (docs/ARCHITECTURE.md, Stable hooks). */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The Footnote card (one per page). */
export const card = (page: Page): Locator => page.getByRole('dialog', { name: /^Footnote/ });

/** The card's error panel. */
export const cardAlert = (page: Page): Locator => card(page).getByRole('alert');

/** The badge of the post with this key (e.g. 'x:2126243242333455973'). */
export const badge = (page: Page, key: string): Locator =>
  page.locator(`[data-footnote-post="${key}"]`).getByRole('button', { name: /^Footnote/ });

/** Pins the post's card open (a click on its badge). */
export async function openCard(page: Page, key: string): Promise<void> {
  await badge(page, key).click();
  await expect(card(page)).toBeVisible();
}

/** Closes the card with Esc and waits until it is gone. */
export async function closeCard(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();
}

/** What the card says while a note is on its way (locales/en.yml, card.loading). */
const LOADING = 'Writing the note…';

/** The card finished: not busy, no loading skeleton, no "writing" line (no endless spinner). */
export async function expectSettled(page: Page): Promise<void> {
  await expect(card(page)).toHaveAttribute('aria-busy', 'false');
  await expect(card(page).getByRole('status', { name: LOADING })).toHaveCount(0);
  await expect(card(page).getByText(LOADING)).toHaveCount(0);
}
