// Renders Footnote's icon, public/icon/footnote.svg, to the PNGs WXT lists in the manifest
// (public/icon/<size>.png). Run by hand after changing the SVG, then commit the PNGs: the build
// does not run it. Uses Playwright with Debian's Chromium (as the e2e tests do; no download).
//
//   node scripts/render-icons.mjs
import { chromium } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sizes Chrome and Firefox ask for: toolbar (16, 32), extensions page (48, 96), store (128). */
export const ICON_SIZES = [16, 32, 48, 96, 128];

const ICON_DIR = fileURLToPath(new URL('../public/icon/', import.meta.url));

const svg = await readFile(path.join(ICON_DIR, 'footnote.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of ICON_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    // The SVG as an image at exactly size × size CSS px, nothing around it.
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: true });
    await writeFile(path.join(ICON_DIR, `${size}.png`), png);
    console.log(`public/icon/${size}.png: ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
