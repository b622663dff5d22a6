import AxeBuilder from '@axe-core/playwright';
import { expectNoViolations } from './axe-check';
import { configureModelServer, DEFAULT_NOTE, expect, openExtensionPage, openPopup, test } from './fixtures';
import { badge, card } from './x-card';
import { gotoXHome } from './x-home-page';

/**
 * axe-core on everything Footnote draws — the in-page card (inside its open shadow root), the
 * popup and the options page — in light and dark, and the core flow with the keyboard only.
 * Every rule axe runs by default (WCAG 2.0–2.2 A/AA, including colour contrast, and its best
 * practices) must pass.
 */

const POST = 'x:2126225507567988089';
/** X's own page backgrounds for its three themes (it sets them on <body>). */
const X_BACKGROUNDS = { light: 'rgb(255, 255, 255)', dim: 'rgb(21, 32, 43)', dark: 'rgb(0, 0, 0)' } as const;

/** A note that fills every part of the card: injection warning, claims with verdicts, detail. */
const FULL_NOTE = {
  ...DEFAULT_NOTE,
  injection_detected: true,
  detail: 'The post names no source; the claim could not be matched with any evidence.',
  claims: [
    ...DEFAULT_NOTE.claims,
    { ...DEFAULT_NOTE.claims[0]!, claim: 'A second claim.', verdict: 'refuted', confidence: 0.9 },
    { ...DEFAULT_NOTE.claims[0]!, claim: 'A third claim.', verdict: 'supported', confidence: 0.8 },
  ],
};

test.beforeEach(async ({ context, page }) => {
  await gotoXHome(context, page);
});

for (const theme of ['light', 'dim', 'dark'] as const) {
  test(`the card has no axe violations on X's ${theme} theme`, async ({
    page,
    serviceWorker,
    modelServer,
  }) => {
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'light' : 'dark' });
    await page.evaluate((bg) => (document.body.style.backgroundColor = bg), X_BACKGROUNDS[theme]);
    await configureModelServer(serviceWorker, modelServer);
    modelServer.enqueue({ kind: 'note', note: FULL_NOTE });
    await badge(page, POST).click();
    await expect(card(page)).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator('footnote-card')).toHaveAttribute('data-theme', theme);
    await card(page).getByText('Show my work').click(); // the detail too
    // Opening it scrolled the card; from the top, axe sees every part (above the fold or below).
    await card(page).evaluate((el) => el.scrollTo(0, 0));

    const results = await expectNoViolations(new AxeBuilder({ page }).include('footnote-card'));
    // axe really looked inside the shadow root (its targets there are [host, inner] paths).
    const checked = [...results.passes, ...results.incomplete].flatMap((r) => r.nodes.map((n) => n.target));
    expect(checked.some((target) => Array.isArray(target[0]) && target[0][0] === 'footnote-card')).toBe(true);
    expect(results.passes.map((r) => r.id)).toContain('color-contrast');
  });
}

test('the card’s error state has no axe violations', async ({ page, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'error', status: 401 });
  await badge(page, POST).click();
  await expect(card(page).getByRole('alert')).toBeVisible();
  await expectNoViolations(new AxeBuilder({ page }).include('footnote-card'));
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the popup has no axe violations (${scheme})`, async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    await configureModelServer(serviceWorker, modelServer);
    await badge(page, POST).click();
    await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();
    await page.keyboard.press('Escape');

    const popup = await openPopup(context, serviceWorker);
    await popup.emulateMedia({ colorScheme: scheme });
    await expect(popup.getByRole('list').getByRole('listitem').first()).toBeVisible();
    await expect(popup.getByText(DEFAULT_NOTE.summary)).toBeVisible();
    // Legacy mode runs axe in the popup itself: the default mode finishes in a new tab, which
    // would take focus and close the popup.
    await expectNoViolations(new AxeBuilder({ page: popup }).setLegacyMode());
  });

  test(`the options page has no axe violations (${scheme})`, async ({
    context,
    page,
    extensionId,
    serviceWorker,
    modelServer,
  }) => {
    test.slow(); // axe on the whole settings page, twice
    await configureModelServer(serviceWorker, modelServer);
    await badge(page, POST).click();
    await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();

    const options = await openExtensionPage(context, extensionId, 'options.html');
    await options.emulateMedia({ colorScheme: scheme });
    const history = options.getByRole('region', { name: 'Notes history' });
    await expect(history.getByRole('listitem')).toHaveCount(1);
    await expectNoViolations(new AxeBuilder({ page: options }));

    // With an invalid field, and with the clear-cache confirmation open.
    await options.getByLabel('Daily token budget').fill('-1');
    await options.getByRole('button', { name: 'Save' }).click();
    await expect(options.getByText('Enter a whole number of tokens')).toBeVisible();
    await history.getByRole('button', { name: 'Clear cache' }).click();
    await expect(history.getByRole('group')).toBeVisible();
    await expectNoViolations(new AxeBuilder({ page: options }));
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the options page's setup guide has no axe violations (${scheme})`, async ({
    context,
    extensionId,
    modelServer,
  }) => {
    test.slow(); // three states, each checked by axe
    const options = await openExtensionPage(context, extensionId, 'options.html');
    await options.emulateMedia({ colorScheme: scheme });
    await expect(options.getByRole('radiogroup', { name: 'Provider' })).toBeVisible();
    // With an error at the key field, and the connection test's answer.
    await options.getByRole('button', { name: 'Done' }).click();
    await expect(options.getByText('This provider needs an API key.')).toBeVisible();
    await expectNoViolations(new AxeBuilder({ page: options }));

    // A custom endpoint (more fields) after a successful test, then the "ready" screen.
    await options.getByRole('radio', { name: 'Custom' }).check();
    await options.getByLabel('Base URL').fill(modelServer.baseUrl);
    await options.getByLabel('API key', { exact: true }).fill('sk-test-footnote');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.getByRole('status').filter({ hasText: 'Connection works' })).toBeVisible();
    await expectNoViolations(new AxeBuilder({ page: options }));
    await options.getByRole('button', { name: 'Done' }).click();
    await expect(options.getByRole('heading', { name: 'Footnote is ready' })).toBeVisible();
    await expectNoViolations(new AxeBuilder({ page: options }));
  });
}

test('keyboard only: Tab to a badge, Enter opens the card with focus in it, Tab through it, Esc returns', async ({
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({
    kind: 'note',
    note: { ...FULL_NOTE, injection_detected: false },
    chunkSize: 8,
    chunkDelayMs: 20,
  });
  await expect(badge(page, POST)).toHaveCount(1);

  // Tab from the top of the page until a Footnote badge has focus (the page's own links and
  // buttons come first, as on X).
  const focusedBadgeKey = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el?.matches('button.footnote-badge')
        ? el.closest('[data-footnote-post]')?.getAttribute('data-footnote-post')
        : null;
    });
  let key: string | null | undefined = null;
  for (let presses = 0; presses < 200 && !key; presses++) {
    await page.keyboard.press('Tab');
    key = await focusedBadgeKey();
  }
  expect(key, 'a badge is reachable with Tab').toBeTruthy();
  const focused = badge(page, key!);
  await expect(focused).toBeFocused();

  await page.keyboard.press('Enter');
  const dialog = card(page);
  await expect(dialog).toBeFocused();
  // The streamed note lands in a polite live region inside the dialog.
  await expect(dialog.locator('[aria-live="polite"]')).toContainText(DEFAULT_NOTE.summary);
  await expect(dialog).toHaveAttribute('aria-busy', 'false');

  // Tab walks the card's controls in order, inside the card.
  const activeInCard = () =>
    page.evaluate(() => {
      const host = document.querySelector('footnote-card');
      const el = host?.shadowRoot?.activeElement as HTMLElement | null | undefined;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : null;
    });
  const tabTo = async (expected: string) => {
    await page.keyboard.press('Tab');
    expect(await activeInCard()).toBe(expected);
  };
  await tabTo('Close');
  for (const _claim of FULL_NOTE.claims) await tabTo('Why this verdict?');
  await page.keyboard.press('Enter'); // opens the last claim's reasons
  await expect(dialog.getByText(/rests on the model's own knowledge/).last()).toBeVisible();
  // The post links to a page Footnote may not read yet: the sources say so, with the way to allow it.
  await tabTo('Open options');
  await tabTo('Show my work');
  await page.keyboard.press('Enter'); // opens the detail
  await expect(dialog.getByText(FULL_NOTE.detail)).toBeVisible();
  await tabTo('Copy as text');
  await tabTo('Open in popup');
  await tabTo('Regenerate');
  await page.keyboard.press('Shift+Tab');
  expect(await activeInCard()).toBe('Open in popup');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(focused).toBeFocused();
});
