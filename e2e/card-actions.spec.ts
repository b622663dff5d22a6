import { configureModelServer, DEFAULT_NOTE, expect, openPopup, routeFixture, test } from './fixtures';
import { badge, card, openCard } from './x-card';
import { X_HOME_PT_POST as POST, X_HOME_URL as HOME } from './x-home';

// The card's own actions (issue #6): copy as text, open in popup, "why this verdict?".

test.beforeEach(async ({ context, page, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, HOME, 'x/home.html');
  await page.goto(HOME);
  await openCard(page, POST);
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
});

test('copy as text puts the whole note on the clipboard and says so', async ({ context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://x.com' });
  await card(page).getByRole('button', { name: 'Copy as text' }).click();
  await expect(
    card(page).getByRole('status').filter({ hasText: 'Note copied to the clipboard.' }),
  ).toHaveCount(1);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`Summary: ${DEFAULT_NOTE.summary}`);
  expect(copied).toContain(`Readers added context: ${DEFAULT_NOTE.note}`);
  expect(copied).toContain(`"${DEFAULT_NOTE.claims[0]!.quote}" — Unverifiable (50%)`);
});

test('open in popup opens the toolbar popup with this post first and marked', async ({
  context,
  page,
  serviceWorker,
}) => {
  const popup = await openPopup(context, serviceWorker, () =>
    card(page).getByRole('button', { name: 'Open in popup' }).click(),
  );
  const first = popup.getByRole('list').first().getByRole('listitem').first();
  await expect(first).toHaveAttribute('aria-current', 'true');
  await expect(first).toContainText(DEFAULT_NOTE.summary);
});

test('"why this verdict?" says what the verdict rests on', async ({ page }) => {
  await card(page).getByText('Why this verdict?').click();
  // DEFAULT_NOTE's claim rests on the model's own knowledge, which the card says plainly.
  await expect(
    card(page).getByText(/rests on the model's own knowledge, not on sources Footnote fetched/),
  ).toBeVisible();
  await expect(badge(page, POST)).toHaveAttribute('data-state', 'done');
});
