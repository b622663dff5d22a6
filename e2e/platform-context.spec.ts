import type { Page } from '@playwright/test';
import { configureModelServer, DEFAULT_NOTE, expect, lastUserMessage, routeFixture, test } from './fixtures';
import { badge, card, expectSettled } from './x-card';

// The platform's own context first (issue #16): an X post with a Community Note shows the note on
// top of the card, marked as X's, from the moment the card opens; and the model is given it as
// evidence E0, inside a data block like any other untrusted evidence.

const STATUS_URL = 'https://x.com/healthwatchnews/status/2126312950664302915';
const NOTED = 'x:2126312950664302915';
const REPLY = 'x:2126318467211673822';
const NOTE_START = 'The study cited counts hospital visits in the week after vaccination';
const NOTE_SOURCE = 'https://www.cdc.gov/flu/vaccines-work/effectiveness-studies.html';
const HEADING = 'Shown by X, not by Footnote';

const banner = (page: Page) => card(page).getByRole('region', { name: HEADING });

test.beforeEach(async ({ context, page, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, STATUS_URL, 'x/community-note.html');
  await page.goto(STATUS_URL);
});

test('the card shows the Community Note first, while the note is written, and the model gets it as E0', async ({
  page,
  modelServer,
}) => {
  modelServer.enqueue({ kind: 'stall' });
  await badge(page, NOTED).click();

  // Page data: on top of the card at once, while the request is still unanswered.
  await expect(banner(page)).toBeVisible();
  await expect(card(page)).toHaveAttribute('aria-busy', 'true');
  await expect(banner(page).getByText('Community Note', { exact: true })).toBeVisible();
  await expect(banner(page)).toContainText(NOTE_START);
  await expect(banner(page)).not.toContainText('Readers added context'); // the box's chrome
  await expect(banner(page)).not.toContainText('Rate it');
  await expect(card(page).locator('.card-body > :first-child')).toHaveClass('platform-context');

  const [request] = await modelServer.waitForCompletionRequests(1);
  const user = lastUserMessage(request!);
  expect(user).toMatch(
    /Evidence E0 \(context the platform itself shows on the post.*\):\n<<<DATA:[0-9a-f]{24}\n/,
  );
  const e0 = user.slice(user.indexOf('Evidence E0'));
  expect(e0).toContain(`Community Note: ${NOTE_START}`);
  expect(e0).toContain(NOTE_SOURCE);
  expect(e0).not.toContain('Do you find this helpful?');
});

test('the note, once written, comes after the platform context; a post without one gets none', async ({
  page,
  modelServer,
}) => {
  await badge(page, NOTED).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expectSettled(page);
  await expect(card(page).locator('.card-body > :first-child')).toHaveClass('platform-context');
  await expect(banner(page)).toContainText(NOTE_START);
  await card(page).screenshot({ path: test.info().outputPath('card-with-community-note.png') });

  await page.keyboard.press('Escape');
  await badge(page, REPLY).click();
  // A positive sign first: the reply's own note is painted.
  await expect(card(page)).toHaveAttribute('aria-label', /@anasouza_rj/);
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expect(card(page).getByRole('region', { name: HEADING })).toHaveCount(0);
  const requests = modelServer.completionRequests();
  expect(requests).toHaveLength(2);
  expect(lastUserMessage(requests[1]!)).not.toContain('Evidence E0');
});
