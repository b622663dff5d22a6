/**
 * What feed triage costs (issue #15): the recycled React feed of 1,000 posts scrolled at a
 * reader's pace with triage on for X, against the local model server, in real Chromium with the
 * built extension. Reports the model requests made, the tokens triage spent per 100 posts against
 * one full note (goal ≤ 15% of a note per post), Footnote's own main-thread time per post (goal
 * ≤ 50 µs, as without triage) and its longest task. Run: npm run build && npm run bench:triage
 *
 * Environment: FOOTNOTE_EXTENSION_DIR = the build to measure (default .output/chrome-mv3);
 * TRIAGE_PAUSE_MS = time between bursts of 20 posts (default 1200: posts at the bottom of the
 * screen stay visible past triage's one second).
 */
import type { Worker } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_NOTE, ModelServer, type RecordedRequest } from '../e2e/model-server';
import { bundleReactFeed, launchBrowser, ROOT, useModelServer } from './bench-browser';
import { mainThreadTime, pageMainThread, type TraceEvent } from './main-thread-time';

const EXTENSION = path.resolve(ROOT, process.env.FOOTNOTE_EXTENSION_DIR ?? '.output/chrome-mv3');
const FEED_URL = 'https://x.com/home';
const TOTAL = 1_000;
const BURST = 20;
const MAX_CELLS = 40;
const PAUSE_MS = Number(process.env.TRIAGE_PAUSE_MS ?? 1200);
/** Triage sends its batch every few seconds: long enough for the last one to be answered. */
const SETTLE_MS = 8_000;

interface DayUsage {
  promptTokens: number;
  completionTokens: number;
  notes: number;
  triage?: { posts: number; tokens: number };
}

/** The user message of a chat request (where the posts are). */
function userText(request: RecordedRequest): string {
  const body = request.body as { messages?: Array<{ role: string; content: unknown }> } | undefined;
  return JSON.stringify(body?.messages?.filter((m) => m.role === 'user') ?? []);
}

/** A triage request's schema and prompt name `worth_note`; a note request's do not. */
const isTriage = (request: RecordedRequest) => request.rawBody.includes('worth_note');

/** Answers every triage request with a verdict for each post ref it holds; a note otherwise. */
function answer(request: RecordedRequest) {
  if (!isTriage(request)) return { kind: 'note' as const, note: DEFAULT_NOTE };
  const refs = [...new Set(userText(request).match(/\bP\d+\b/g) ?? [])];
  const posts = refs.map((ref, i) => ({
    ref,
    classification: i % 5 === 0 ? 'misleading' : 'accurate',
    reason: i % 5 === 0 ? 'The figure quoted is from another year.' : '',
    worth_note: i % 5 === 0,
    injection_detected: false,
  }));
  return { kind: 'note' as const, note: { posts } };
}

/** Today's entry of the extension's usage ledger (as the popup reads it). */
async function todaysUsage(worker: Worker): Promise<DayUsage> {
  return worker.evaluate(async () => {
    const { usage } = (await chrome.storage.local.get('usage')) as { usage?: Record<string, DayUsage> };
    const d = new Date();
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return usage?.[day] ?? { promptTokens: 0, completionTokens: 0, notes: 0 };
  });
}

const server = new ModelServer();
const { baseUrl } = await server.start();
server.setDefault(answer);
const browser = await launchBrowser(EXTENSION);
const { context } = browser;
try {
  const fixture = await readFile(path.join(ROOT, 'utils/sites/x/fixtures/home.html'), 'utf8');
  await context.route(
    (url) => url.hostname !== 'x.com' && !url.href.startsWith(baseUrl),
    (route) => route.abort(),
  );
  await context.route(FEED_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: fixture }),
  );
  const worker = await useModelServer(context, baseUrl);
  await worker.evaluate(() => chrome.storage.local.set({ triageSites: ['x'] }));

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(FEED_URL);
  await page.locator('html[data-footnote-ready="x"]').waitFor({ state: 'attached' });
  await page.addScriptTag({ content: await readFile(path.join(ROOT, 'bench/feed-driver.js'), 'utf8') });
  await page.addScriptTag({ content: await bundleReactFeed() });

  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const traced = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(
    (options) => (window as unknown as { runReactFeed(o: object): Promise<void> }).runReactFeed(options),
    { total: TOTAL, burst: BURST, maxCells: MAX_CELLS, keyed: false, pauseMs: PAUSE_MS },
  );
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('Tracing.end');
  await traced;

  const triageRequests = server.completionRequests().filter(isTriage);
  const triaged = await todaysUsage(worker);
  const flagged = await page.locator('button.footnote-badge[aria-label*="—"]').count();

  // One full note, for what triage is compared with.
  const before = await todaysUsage(worker);
  await page.locator('button.footnote-badge').first().click();
  await page
    .getByRole('dialog', { name: /^Footnote/ })
    .getByText(DEFAULT_NOTE.note)
    .waitFor();
  await page.waitForTimeout(500); // the usage record follows the note
  const after = await todaysUsage(worker);
  const noteTokens =
    after.promptTokens + after.completionTokens - (before.promptTokens + before.completionTokens);

  const thread = pageMainThread(events);
  if (!thread) throw new Error('bench: the trace has no main thread for the feed page');
  const time = mainThreadTime(events, thread, 'chrome-extension://');
  const ownMs = time.calls.reduce((a, b) => a + b, 0);
  const posts = triaged.triage?.posts ?? 0;
  const tokens = triaged.triage?.tokens ?? 0;
  const perPost = posts ? tokens / posts : 0;
  console.log(
    [
      `triage on a recycled feed of ${TOTAL} posts (bursts of ${BURST} every ${PAUSE_MS} ms):`,
      `  model requests for triage: ${triageRequests.length}; posts triaged: ${posts}; flagged badges on the page at the end: ${flagged}`,
      `  triage tokens: ${tokens} = ${Math.round(perPost * 100)} per 100 posts; one full note: ${noteTokens} tokens; triage per post = ${((perPost / noteTokens) * 100).toFixed(1)}% of a note (goal <= 15%)`,
      `  Footnote's own main-thread time ${ownMs.toFixed(1)} ms = ${((ownMs / TOTAL) * 1000).toFixed(1)} µs per post (goal <= 50 µs), of which garbage collection ${time.callsGcMs.toFixed(1)} ms; longest task in its code ${Math.max(0, ...time.calls).toFixed(2)} ms (goal < 50 ms)`,
    ].join('\n'),
  );
} finally {
  await browser.close();
  await server.stop();
}
