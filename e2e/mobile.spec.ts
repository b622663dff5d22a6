import AxeBuilder from '@axe-core/playwright';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { expectNoViolations, summarize } from './axe-check';
import { configureModelServer, DEFAULT_NOTE, dispatchCommand, expect, routeFixture, test } from './fixtures';
import { expectFootnoteRunning } from './running';
import { answerThreads, panel, progress } from './thread-model';
import { badge, card } from './x-card';
import { gotoXHome } from './x-home-page';

/**
 * Footnote on a phone (touch, 390×844 CSS px, the pages' own meta viewport): a tap on a badge
 * opens the note as a bottom sheet, which its handle, its Close button and Escape close, giving
 * focus back to the badge; wider than 600 px the card floats beside the post again. And every
 * layout where axe's target-size rule flagged the 20 px badges now passes it.
 */

const POST = 'x:2126225507567988089';
const PHONE = { width: 390, height: 844 };
const MASTODON_STATUS = 'https://mastodon.social/@mayachen/117687664053592342';

/** Footnote's card host, whose layout (a sheet or not) card.css follows. */
const cardHost = (page: Page) => page.locator('footnote-card');
const sheetHandle = (page: Page) => cardHost(page).locator('.sheet-handle');

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const rect = await locator.boundingBox();
  if (!rect) throw new Error('not laid out');
  return rect;
}

/** The sheet: fixed to the bottom of the viewport, its full width, at most three quarters tall. */
async function expectBottomSheet(page: Page, host: Locator, maxShare: number): Promise<void> {
  const { width, height } = page.viewportSize()!;
  await expect(host).toHaveAttribute('data-sheet', '');
  await expect.poll(async () => box(host)).toMatchObject({ x: 0, width });
  const rect = await box(host);
  expect(rect.y + rect.height).toBeCloseTo(height, 0);
  expect(rect.height).toBeLessThanOrEqual(height * maxShare + 1);
}

/** A finger on the handle, moved `distance` px down in steps, then lifted (real touch input). */
async function dragHandleDown(page: Page, cdp: CDPSession, distance: number, lift = true): Promise<void> {
  const handle = await box(sheetHandle(page));
  const x = Math.round(handle.x + handle.width / 2);
  const y = Math.round(handle.y + handle.height / 2);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (const step of [0.25, 0.5, 0.75, 1]) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x, y: y + Math.round(distance * step) }],
    });
  }
  if (lift) await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const transformOf = (dialog: Locator) => dialog.evaluate((el) => (el as HTMLElement).style.transform);

test.describe('on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test.beforeEach(async ({ context, page, serviceWorker, modelServer }) => {
    await configureModelServer(serviceWorker, modelServer);
    await gotoXHome(context, page);
  });

  test('a tap opens the note as a bottom sheet, axe clean; dragging its handle down closes it and focus returns to the badge', async ({
    page,
  }, testInfo) => {
    await badge(page, POST).tap();
    const dialog = card(page);
    await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
    await expect(dialog).toBeFocused();
    await expect(dialog).toHaveAttribute('aria-busy', 'false');
    await expectBottomSheet(page, cardHost(page), 0.75);
    await expect(sheetHandle(page)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('bottom-sheet.png') });
    await expectNoViolations(new AxeBuilder({ page }).include('footnote-card'));

    const cdp = await page.context().newCDPSession(page);
    // A short drag: the sheet follows the finger, then settles back, still open.
    await dragHandleDown(page, cdp, 30, false);
    await expect.poll(() => transformOf(dialog)).toBe('translateY(30px)');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => transformOf(dialog)).toBe('');
    await expect(dialog).toBeVisible();

    // Past the threshold: closed, and focus is back on the badge that opened it.
    await dragHandleDown(page, cdp, 200);
    await expect(dialog).toBeHidden();
    await expect(badge(page, POST)).toBeFocused();
  });

  test('the sheet’s Close button and Escape close it too, giving focus back to the badge', async ({
    page,
  }) => {
    await badge(page, POST).tap();
    const dialog = card(page);
    await expect(dialog.getByText(DEFAULT_NOTE.summary)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).tap();
    await expect(dialog).toBeHidden();
    await expect(badge(page, POST)).toBeFocused();

    await badge(page, POST).tap();
    await expect(dialog).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(badge(page, POST)).toBeFocused();
  });

  test('turned sideways, wider than 600 px, the open sheet becomes the floating card beside the post', async ({
    page,
  }) => {
    await badge(page, POST).tap();
    await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
    await expectBottomSheet(page, cardHost(page), 0.75);

    await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
    await expect(cardHost(page)).not.toHaveAttribute('data-sheet');
    await expect(sheetHandle(page)).toBeHidden();
    const floating = await box(cardHost(page));
    expect(floating.width).toBeLessThan(PHONE.height);
    expect(floating.x).toBeGreaterThan(0);

    await page.setViewportSize(PHONE);
    await expectBottomSheet(page, cardHost(page), 0.75);
  });
});

test.describe('the thread digest on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('is a bottom sheet over the lower half, axe clean, closed by its Close button', async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }, testInfo) => {
    await configureModelServer(serviceWorker, modelServer);
    answerThreads(modelServer);
    // A page that fits the phone (the Hacker News fixture, without HN's stylesheet, is wider).
    await routeFixture(context, MASTODON_STATUS, 'mastodon/status.html');
    await page.goto(MASTODON_STATUS);
    await expectFootnoteRunning(page, 'mastodon');
    await dispatchCommand(serviceWorker, 'summarize-thread');
    await expect(progress(page)).toHaveText('Summary ready.');
    await expectBottomSheet(page, page.locator('footnote-thread'), 0.5);
    await page.screenshot({ path: testInfo.outputPath('thread-sheet.png') });
    await expectNoViolations(new AxeBuilder({ page }).include('footnote-thread'));

    await panel(page).getByRole('button', { name: 'Close' }).tap();
    await expect(panel(page)).toBeHidden();
  });
});

test('a wide viewport still gets the floating card', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await gotoXHome(context, page);
  await badge(page, POST).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expect(cardHost(page)).not.toHaveAttribute('data-sheet');
  await expect(sheetHandle(page)).toBeHidden();
  const floating = await box(cardHost(page));
  expect(floating.width).toBe(380); // the card's own width, not the viewport's
});

/** The layouts where axe's target-size rule flagged the 20 px badges (before issue #19). */
const TARGET_SIZE_LAYOUTS = [
  { url: 'https://x.com/home', fixture: 'x/home.html' },
  { url: 'https://bsky.app/', fixture: 'bluesky/feed.html' },
  {
    url: 'https://bsky.app/profile/climatedesk.bsky.social/post/3n3bv7m2xka2p',
    fixture: 'bluesky/thread.html',
  },
  {
    url: 'https://www.reddit.com/r/science/comments/1p8xk2a/new_study_finds_microplastics_in_90_of_sampled/',
    fixture: 'reddit/comments.html',
  },
  { url: 'https://www.youtube.com/watch?v=PGXcFGlofbQ', fixture: 'youtube/watch.html' },
];

for (const { url, fixture } of TARGET_SIZE_LAYOUTS) {
  test(`${fixture}: every badge is a 24×24 target (axe target-size)`, async ({ context, page }) => {
    await routeFixture(context, url, fixture);
    await page.goto(url);
    const badges = page.locator('button.footnote-badge');
    await expect.poll(() => badges.count()).toBeGreaterThan(0);
    const results = await new AxeBuilder({ page })
      .include('button.footnote-badge')
      .withRules(['target-size'])
      .analyze();
    expect(summarize(results)).toEqual([]);
    // axe judged badges (it leaves out those it finds no neighbours or layout for).
    expect(results.passes.flatMap((rule) => rule.nodes).length).toBeGreaterThan(0);
  });
}
