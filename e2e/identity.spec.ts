import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import {
  configureModelServer,
  DEFAULT_NOTE,
  EXTENSION_DIR,
  expect,
  routeFixture,
  test,
  type Behaviour,
} from './fixtures';
import { expectFootnoteRunning } from './running';
import { isTriage, MISLEADING_REASON, refsOf, switchTriageOn } from './triage-model';
import { X_HOME_URL } from './x-home';

/**
 * Footnote's identity in real Chromium: its icon in the manifest at every size the stores and
 * toolbars ask for, and the toolbar button's badge counting the page's flagged posts.
 */

const ICON_SIZES = [16, 32, 48, 96, 128];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's dimensions, from its IHDR chunk (always the first, right after the signature). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface BuiltManifest {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
}

test('the manifest lists the icon at every size, and the toolbar button uses it', () => {
  const manifest = JSON.parse(
    readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'),
  ) as BuiltManifest;
  expect(Object.keys(manifest.icons ?? {}).map(Number)).toEqual(ICON_SIZES);
  expect(manifest.action?.default_icon).toEqual({ 16: 'icon/16.png', 32: 'icon/32.png' });
  const listed = { ...manifest.icons, ...manifest.action?.default_icon };
  for (const [size, file] of Object.entries(listed)) {
    expect(pngSize(path.join(EXTENSION_DIR, file))).toEqual({ width: Number(size), height: Number(size) });
  }
});

test('the toolbar icon at 16 and 32 px on light and dark toolbars (screenshot)', async ({
  page,
}, testInfo) => {
  // Headless Chromium draws no toolbar: the built PNGs go on strips of Chrome's light and dark
  // toolbar colours, at their own size and magnified four times, pixel for pixel.
  const dataUrl = (size: number) =>
    `data:image/png;base64,${readFileSync(path.join(EXTENSION_DIR, `icon/${size}.png`)).toString('base64')}`;
  const icons = (scale: number) =>
    [16, 32]
      .map(
        (size) =>
          `<img src="${dataUrl(size)}" width="${size * scale}" height="${size * scale}" alt="${size} px">`,
      )
      .join('');
  const strip = (name: string, colour: string) =>
    `<div class="strip" style="background:${colour}" aria-label="${name}">${icons(1)}${icons(4)}</div>`;
  await page.setViewportSize({ width: 420, height: 300 });
  await page.setContent(
    `<style>body{margin:0}.strip{display:flex;align-items:center;gap:12px;padding:12px}` +
      `img{image-rendering:pixelated}</style>` +
      strip('light toolbar', '#f1f3f4') +
      strip('dark toolbar', '#35363a'),
  );
  for (const img of await page.locator('img').all())
    expect(
      await img.evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth)),
    ).toBeGreaterThan(0);
  const file = testInfo.outputPath('toolbar-icon-light-dark.png');
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach('toolbar icon on light and dark toolbars', { path: file, contentType: 'image/png' });
});

/** The toolbar button's badge text, title and colour on the tab showing `url`'s site. */
async function toolbarBadge(serviceWorker: Worker, tabId: number) {
  return serviceWorker.evaluate(async (tabId) => {
    const [text, title, colour] = await Promise.all([
      chrome.action.getBadgeText({ tabId }),
      chrome.action.getTitle({ tabId }),
      chrome.action.getBadgeBackgroundColor({ tabId }),
    ]);
    return { text, title, colour };
  }, tabId);
}

async function tabIdOf(serviceWorker: Worker, url: string): Promise<number> {
  const id = await serviceWorker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, url);
  expect(id).toBeDefined();
  return id!;
}

const flagged = (page: Page) => page.locator('button.footnote-badge[data-flag]');

test('the toolbar badge counts the flagged posts of the page, and clears when they go', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  test.setTimeout(90_000); // three triage batches, a second in view and a flush each
  await configureModelServer(serviceWorker, modelServer);
  // The model flags one post, the first of its first batch; every other post is an opinion.
  let flaggedOne = false;
  modelServer.setDefault((request): Behaviour => {
    if (!isTriage(request)) return { kind: 'note', note: DEFAULT_NOTE };
    const posts = refsOf(request).map((ref, i) => {
      const flag = !flaggedOne && i === 0;
      return {
        ref,
        classification: flag ? 'misleading' : 'opinion',
        reason: flag ? MISLEADING_REASON : '',
        worth_note: flag,
        injection_detected: false,
      };
    });
    flaggedOne = true;
    return { kind: 'note', note: { posts } };
  });
  await switchTriageOn(serviceWorker, 'x');
  await routeFixture(context, X_HOME_URL, 'x/home.html');
  await page.goto(X_HOME_URL);
  await expectFootnoteRunning(page, 'x');
  const tabId = await tabIdOf(serviceWorker, 'https://x.com/*');

  await expect(flagged(page)).toHaveCount(1, { timeout: 15_000 });
  await expect
    .poll(() => toolbarBadge(serviceWorker, tabId))
    .toEqual({
      text: '1',
      title: 'Footnote: 1 post on this page may be misleading',
      colour: [0x8f, 0x52, 0x00, 255],
    });

  // Triage switched off: the verdict goes, and the count with it.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ triageSites: [] }));
  await expect(flagged(page)).toHaveCount(0);
  await expect.poll(() => toolbarBadge(serviceWorker, tabId)).toMatchObject({ text: '', title: 'Footnote' });

  // On again: the background's cached verdict comes back.
  await switchTriageOn(serviceWorker, 'x');
  await expect(flagged(page)).toHaveCount(1, { timeout: 15_000 });
  await expect
    .poll(() => serviceWorker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId))
    .toBe('1');

  // An in-app navigation after the flagged post left the page: it no longer counts.
  await flagged(page).evaluate((badge) => {
    badge.closest('[data-testid="cellInnerDiv"]')!.remove();
    history.pushState({}, '', '/explore');
  });
  await expect
    .poll(() => serviceWorker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId))
    .toBe('');

  // Back on the timeline, then off to another site: the badge is the page's, not the tab's.
  await page.goto(X_HOME_URL);
  await expect(flagged(page)).toHaveCount(1, { timeout: 15_000 });
  await expect
    .poll(() => serviceWorker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId))
    .toBe('1');
  await context.route('https://example.com/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Elsewhere</title><p>No posts here.</p>' }),
  );
  await page.goto('https://example.com/');
  await expect.poll(() => toolbarBadge(serviceWorker, tabId)).toMatchObject({ text: '', title: 'Footnote' });
});
