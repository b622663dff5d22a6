import type { Page } from '@playwright/test';
import {
  configureEvidence,
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  routeFixture,
  test,
  withGrantedHosts,
} from './fixtures';

// "Suggest a source" (issue #16): the reader gives the card an address, the background reads it
// like a linked page and the model rewrites the note with it as evidence; the card shows the
// revised note with the first version one click away. A source that cannot be used leaves the
// note as it was and says why in the form.

const STATUS_URL = 'https://mastodon.social/@mayachen/117687656200409703';
/** The reader's source, at a public hostname. */
const SOURCE = 'https://stats.health.example.org/reports/admissions-q3';
const SOURCE_TEXT = 'Adjusted for age, admissions rose 8% in the third quarter.';
const REVISED = {
  ...DEFAULT_NOTE,
  summary: 'Adjusted for age, admissions rose about 8%, not 40%.',
  claims: DEFAULT_NOTE.claims.map((claim) => ({ ...claim, basis: 'evidence', citations: ['E1'] })),
};

// The state after the reader allowed reading linked pages for the source's site (a headless
// browser cannot click the permission prompt). Linked pages themselves stay off, so the source
// is the note's only evidence: E1.
test.use({ extensionDir: withGrantedHosts(['https://stats.health.example.org/*']) });

test.beforeEach(async ({ context, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  await configureEvidence(serviceWorker, { links: false, wikipedia: false, selfCheck: false });
  await routeFixture(context, STATUS_URL, 'mastodon/status.html');
  await context.route(SOURCE, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>Admissions by age, Q3</title></head>
        <body><article><h1>Admissions by age, Q3</h1><p>${SOURCE_TEXT}</p></article></body></html>`,
    }),
  );
});

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

/** Opens the card of the post with the chart; its first note is DEFAULT_NOTE. */
async function openNote(page: Page): Promise<void> {
  await page.goto(STATUS_URL);
  const post = page.locator('[data-footnote-post]').filter({ hasText: 'Adjusted for age' });
  await post.getByRole('button', { name: /^Footnote/ }).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
}

async function suggest(page: Page, address: string): Promise<void> {
  const suggestButton = card(page).getByRole('button', { name: 'Suggest a source' });
  if (await suggestButton.isVisible()) await suggestButton.click();
  await card(page).getByLabel('Address of the source').fill(address);
  await card(page).getByRole('button', { name: 'Submit' }).click();
}

test('a suggested source rewrites the note; the first version is one click away', async ({
  page,
  modelServer,
}) => {
  await openNote(page);
  modelServer.enqueue({ kind: 'note', note: REVISED });
  await suggest(page, SOURCE);

  await expect(card(page).getByText(REVISED.summary)).toBeVisible();
  // The second request carried the source, read from its page, as evidence E1.
  const [first, second] = await modelServer.waitForCompletionRequests(2);
  expect(lastUserMessage(first!)).not.toContain('Evidence E1');
  const user = lastUserMessage(second!);
  expect(user).toMatch(/Evidence E1 \(a source the reader suggested\):\n<<<DATA:[0-9a-f]{24}\n/);
  expect(user).toContain(SOURCE_TEXT);
  await expect(card(page).getByRole('link', { name: 'Admissions by age, Q3', exact: true })).toHaveAttribute(
    'href',
    SOURCE,
  );

  await card(page).getByRole('button', { name: 'Revised with your source — see the first version' }).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expect(card(page).getByText(REVISED.summary)).toHaveCount(0);
  await expect(card(page).getByRole('link', { name: 'Admissions by age, Q3', exact: true })).toHaveCount(0);
  await card(page)
    .getByRole('button', { name: 'First version, before your source — back to the revised note' })
    .click();
  await expect(card(page).getByText(REVISED.summary)).toBeVisible();
});

test('while the note is rewritten, the card says so and keeps the note on screen', async ({
  page,
  modelServer,
}) => {
  await openNote(page);
  // The rewrite starts streaming, then hangs: it is still running when the card is checked.
  modelServer.enqueue({ kind: 'stall-after', chars: 30, note: REVISED });
  await suggest(page, SOURCE);
  await modelServer.waitForCompletionRequests(2);
  await expect(card(page).getByRole('status').filter({ hasText: 'Reading your source' })).toBeVisible();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expect(card(page).getByLabel('Address of the source')).toBeDisabled();
});

for (const [address, reason] of [
  ['http://127.0.0.1:9/admin', 'The address is on your own computer or network'],
  ['javascript:alert(document.domain)', 'Only web pages can be sources'],
] as const) {
  test(`a suggestion of ${address.split(':')[0]}: the form says why and the note stays`, async ({
    page,
    modelServer,
  }) => {
    await openNote(page);
    await suggest(page, address);

    await expect(card(page).getByRole('alert')).toContainText(
      `The note was not rewritten: Footnote could not use ${address} as a source: ${reason}`,
    );
    await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
    await expect(card(page).getByLabel('Address of the source')).toHaveValue(address);
    expect(modelServer.completionRequests()).toHaveLength(1);
  });
}
