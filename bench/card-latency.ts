/**
 * Hover-intent → painted card for a cached note (docs/ARCHITECTURE.md, Budgets: ≤ 16 ms), in real Chromium with
 * the built extension and the local model server: a note is written once, the page is
 * reloaded (the page forgets it; the background's cache keeps it), the card UI is loaded by
 * opening another post, then the cached post's card is opened N times. Measured in the page:
 * from the click (the moment hover intent fires) to the first animation frame in which the
 * card shows the note. Run: npm run build && npm run bench:card
 */
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_API_KEY, DEFAULT_MODEL, DEFAULT_NOTE, ModelServer } from '../e2e/model-server';
import { readFile } from 'node:fs/promises';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION = path.join(ROOT, '.output/chrome-mv3');
const HOME = 'https://x.com/home';
const CACHED = 'x:2126243242333455973';
const OTHER = 'x:2126237607100211984';
const RUNS = 15;

const server = new ModelServer();
const { baseUrl } = await server.start();
const dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-latency-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    `--disable-extensions-except=${EXTENSION}`,
    `--load-extension=${EXTENSION}`,
  ],
});
try {
  const fixture = await readFile(path.join(ROOT, 'utils/sites/x/fixtures/home.html'), 'utf8');
  await context.route(
    (url) => url.hostname === 'x.com',
    (route) => route.fulfill({ contentType: 'text/html', body: fixture }),
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    async ({ baseUrl, model, key }) => {
      await chrome.storage.local.set({ provider: { preset: 'custom', baseUrl, model } });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('footnote-secrets');
        open.onupgradeneeded = () => open.result.createObjectStore('secrets');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve) => {
        const tx = db.transaction('secrets', 'readwrite');
        tx.objectStore('secrets').put(key, 'apiKey');
        tx.oncomplete = () => resolve();
      });
    },
    { baseUrl, model: DEFAULT_MODEL, key: DEFAULT_API_KEY },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(HOME);
  const badge = (key: string) => page.locator(`[data-footnote-post="${key}"] button.footnote-badge`);
  const card = page.getByRole('dialog', { name: /^Footnote/ });
  await badge(CACHED).click();
  await card.getByText(DEFAULT_NOTE.note).waitFor();

  await page.reload();
  await badge(OTHER).click(); // loads the card UI, as any first open of the session does
  await card.getByText(DEFAULT_NOTE.note).waitFor();
  await page.keyboard.press('Escape');

  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ms = await page.evaluate(
      ({ key, text }) =>
        new Promise<number>((resolve) => {
          const button = document.querySelector<HTMLButtonElement>(
            `[data-footnote-post="${key}"] button.footnote-badge`,
          )!;
          const start = performance.now();
          button.click();
          const check = () => {
            const shadow = document.querySelector('footnote-card')?.shadowRoot;
            if (shadow?.textContent?.includes(text)) resolve(performance.now() - start);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      { key: CACHED, text: DEFAULT_NOTE.note },
    );
    samples.push(ms);
    await page.keyboard.press('Escape');
    await page.reload(); // the page forgets the note; only the background's cache has it
    await badge(OTHER).click();
    await card.getByText(DEFAULT_NOTE.note).waitFor();
    await page.keyboard.press('Escape');
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  const p95 = samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]!;
  console.log(
    `cached note, click → card painted with the note: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${RUNS} (goal ≤ 16 ms)`,
  );
  console.log(
    `model calls: ${server.completionRequests().length} (1 to write the note, 1 for the other post; the rest came from the cache)`,
  );
} finally {
  await context.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
