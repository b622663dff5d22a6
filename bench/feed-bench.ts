/**
 * What Footnote's content script costs a page people scroll for hours (docs/ARCHITECTURE.md, Budgets): a
 * synthetic X feed of 2,000 posts appended in bursts of 20 with recycled cells, loaded in one
 * run without the extension, with it, and with a naive badger (whole-document query on every
 * mutation), alternating, several rounds. Reports ratios from the same run, never absolute
 * targets. Run: npm run build && npm run bench
 *
 * Three pages render the feed: `keyed` — React (production build) renders each post's full
 * markup into a virtualised list keyed by post, as x.com does: every post that scrolls in is new
 * DOM (bench/react-feed/); `react` — the same list reusing the oldest row for a new post (same
 * nodes, new content); `bare` — the e2e fixture's own script clones and patches rows with a few
 * DOM calls, a page that scripts almost nothing.
 *
 * Environment: FOOTNOTE_EXTENSION_DIR = the build to measure (default .output/chrome-mv3);
 * BENCH_BASELINE_DIR = another build (e.g. before a change) measured as a fourth variant in the
 * same run; BENCH_ROUNDS; BENCH_PAGES (default "keyed,react,bare"); BENCH_PROFILE=1 saves a CPU
 * profile of each sample with an extension.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { bundleReactFeed, launchBrowser, pageMetrics, ROOT } from './bench-browser';
import { mainThreadTime, pageMainThread, type TraceEvent } from './main-thread-time';

const EXTENSION = path.resolve(ROOT, process.env.FOOTNOTE_EXTENSION_DIR ?? '.output/chrome-mv3');
const BASELINE = process.env.BENCH_BASELINE_DIR ? path.resolve(ROOT, process.env.BENCH_BASELINE_DIR) : null;
const PROFILE = process.env.BENCH_PROFILE === '1';
const FEED_URL = 'https://x.com/home';
const TOTAL = 2_000;
const BURST = 20;
const MAX_CELLS = 40;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGES = (process.env.BENCH_PAGES ?? 'keyed,react,bare').split(',') as Page[];

/** How the page renders its feed (see the header). */
type Page = 'keyed' | 'react' | 'bare';

/** Footnote's own time per post (µs) each page may cost: new DOM per post costs more than reused rows. */
const PER_POST_GOAL_US: Record<Page, number> = { keyed: 50, react: 25, bare: 25 };

/** `baseline`: the build in BENCH_BASELINE_DIR, when given. */
type Variant = 'without' | 'with' | 'naive' | 'baseline';

interface Sample {
  round: number;
  page: Page;
  variant: Variant;
  /** All JavaScript on the page's main thread (the page's and any content script's), ms. */
  scriptMs: number;
  taskMs: number;
  /** After a forced garbage collection: what the page (and any content script) keeps. */
  heapMb: number;
  /** The extension's calls, their forced layout included, ms. */
  extensionMs: number;
  /** The extension's part of scriptMs. */
  extensionScriptMs: number;
  /** Garbage collection that happened to run inside the extension's calls (part of extensionMs). */
  extensionGcMs: number;
  longestExtensionTaskMs: number;
  badges: number;
}

interface PageScripts {
  fixture: string;
  /** bench/feed-driver.js: the bare feed and the naive badger. */
  driver: string;
  /** bench/react-feed/x-timeline.ts, bundled. */
  reactFeed: string;
}

async function sample(round: number, page: Page, variant: Variant, scripts: PageScripts): Promise<Sample> {
  const extension = variant === 'with' ? EXTENSION : variant === 'baseline' ? BASELINE : null;
  const browser = await launchBrowser(extension);
  const { context } = browser;
  try {
    await context.route(
      (url) => url.hostname !== 'x.com',
      (route) => route.abort(),
    );
    await context.route(FEED_URL, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: scripts.fixture }),
    );
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(FEED_URL);
    if (variant === 'with' || variant === 'baseline') await tab.waitForTimeout(500); // the content script runs at document_idle
    await tab.addScriptTag({ content: scripts.driver });
    if (page !== 'bare') await tab.addScriptTag({ content: scripts.reactFeed });
    if (variant === 'naive')
      await tab.evaluate(() => (window as unknown as { installNaiveBadger(): void }).installNaiveBadger());

    const cdp = await context.newCDPSession(tab);
    await cdp.send('Performance.enable');
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    const traced = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
    if (PROFILE && variant !== 'without') {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const before = await pageMetrics(cdp);
    await tab.evaluate(
      ({ page, options }) => {
        const feed = window as unknown as Record<'runFeed' | 'runReactFeed', (o: object) => Promise<void>>;
        return page === 'bare' ? feed.runFeed(options) : feed.runReactFeed(options);
      },
      { page, options: { total: TOTAL, burst: BURST, maxCells: MAX_CELLS, keyed: page === 'keyed' } },
    );
    await tab.waitForTimeout(300); // let the last badges land
    await cdp.send('HeapProfiler.collectGarbage'); // the heap kept, not garbage not yet collected
    const after = await pageMetrics(cdp);
    if (PROFILE && variant !== 'without') {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(path.join(ROOT, 'bench/results'), { recursive: true });
      await writeFile(
        path.join(ROOT, 'bench/results', `profile-${page}-${variant}-${Date.now()}.cpuprofile`),
        JSON.stringify(profile),
      );
    }
    await cdp.send('Tracing.end');
    await traced;

    const thread = pageMainThread(events);
    if (!thread) throw new Error('bench: the trace has no main thread for the feed page');
    const time = mainThreadTime(events, thread, 'chrome-extension://');
    return {
      round,
      page,
      variant,
      scriptMs: time.scriptingMs,
      taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
      heapMb: after.JSHeapUsedSize / 1024 / 1024,
      extensionMs: time.calls.reduce((a, b) => a + b, 0),
      extensionScriptMs: time.callsScriptingMs,
      extensionGcMs: time.callsGcMs,
      longestExtensionTaskMs: Math.max(0, ...time.calls),
      badges: await tab.locator('button.footnote-badge, button.naive-badge').count(),
    };
  } finally {
    await browser.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Figure = keyof Omit<Sample, 'variant' | 'page' | 'round'>;

/**
 * Page scripting with / without, three ways, because on this 2-core VM one page's scripting
 * varies ±30% between launches (the same feed: 985–1,317 ms) — more than the 5% being measured:
 * - `pairedRatio`: per round, with ÷ the without launched just before it; median and range;
 * - `sameRunRatio`: within each "with" sample, all scripting ÷ (all scripting − Footnote's part):
 *   exact for Footnote's own work, blind to any slowdown of the page's own scripts;
 * - `ratioOfMedians`: what the issue names, kept for comparison.
 */
function summarise(page: Page, samples: Sample[]) {
  const of = (variant: Variant) => samples.filter((s) => s.page === page && s.variant === variant);
  const values = (variant: Variant, key: Figure) => of(variant).map((s) => s[key]);
  const med = (variant: Variant, key: Figure) => median(values(variant, key));
  const spread = (ratios: number[]) => ({
    median: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
  });
  const paired = (variant: Variant, key: Figure) =>
    spread(
      of(variant).flatMap((s) => {
        const without = of('without').find((w) => w.round === s.round);
        return without ? [s[key] / without[key]] : [];
      }),
    );
  const figures = (variant: 'with' | 'baseline') => ({
    scripting: {
      pairedRatio: paired(variant, 'scriptMs'),
      sameRunRatio: spread(of(variant).map((s) => s.scriptMs / (s.scriptMs - s.extensionScriptMs))),
      ratioOfMedians: med(variant, 'scriptMs') / med('without', 'scriptMs'),
    },
    taskRatio: paired(variant, 'taskMs'),
    extensionMs: med(variant, 'extensionMs'),
    extensionMsPerPost: med(variant, 'extensionMs') / TOTAL,
    extensionMsBest: Math.min(...values(variant, 'extensionMs')),
    extensionGcMs: med(variant, 'extensionGcMs'),
    longestExtensionTaskMs: med(variant, 'longestExtensionTaskMs'),
    heapMb: med(variant, 'heapMb'),
  });
  return {
    page,
    pageScriptMs: spread(values('without', 'scriptMs')),
    heapMbWithout: med('without', 'heapMb'),
    with: figures('with'),
    naive: { pairedRatio: paired('naive', 'scriptMs'), taskRatio: paired('naive', 'taskMs') },
    ...(BASELINE ? { baseline: { dir: path.relative(ROOT, BASELINE), ...figures('baseline') } } : {}),
  };
}

type Spread = { median: number; min: number; max: number };
const ratio = (r: Spread) => `${r.median.toFixed(3)}x (${r.min.toFixed(3)}–${r.max.toFixed(3)})`;

function report(summary: ReturnType<typeof summarise>): string {
  const footnote = (name: string, b: ReturnType<typeof summarise>['with']) =>
    [
      `  ${name}: page scripting (goal <= 1.05x) paired ${ratio(b.scripting.pairedRatio)}, same run ${ratio(b.scripting.sameRunRatio)}, ratio of medians ${b.scripting.ratioOfMedians.toFixed(3)}x; all tasks paired ${ratio(b.taskRatio)}`,
      `    own main-thread time ${b.extensionMs.toFixed(1)} ms = ${(b.extensionMsPerPost * 1000).toFixed(1)} µs per post (goal <= ${PER_POST_GOAL_US[summary.page]} µs); best round ${b.extensionMsBest.toFixed(1)} ms; of which garbage collection ${b.extensionGcMs.toFixed(1)} ms`,
      `    longest task in its code ${b.longestExtensionTaskMs.toFixed(2)} ms (goal < 10 ms); JS heap ${b.heapMb.toFixed(1)} MB, ${(b.heapMb - summary.heapMbWithout).toFixed(1)} MB above the page without it (goal <= 1 MB)`,
    ].join('\n');
  const own = summary.pageScriptMs;
  return [
    `${summary.page} page — its own scripting ${own.median.toFixed(0)} ms (${own.min.toFixed(0)}–${own.max.toFixed(0)}) for ${TOTAL} posts:`,
    footnote('Footnote', summary.with),
    `  naive badger: page scripting paired ${ratio(summary.naive.pairedRatio)}, all tasks ${ratio(summary.naive.taskRatio)}`,
    ...(summary.baseline ? [footnote(`baseline build (${summary.baseline.dir})`, summary.baseline)] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const scripts: PageScripts = {
    fixture: await readFile(path.join(ROOT, 'utils/sites/x/fixtures/home.html'), 'utf8'),
    driver: await readFile(path.join(ROOT, 'bench/feed-driver.js'), 'utf8'),
    reactFeed: PAGES.some((page) => page !== 'bare') ? await bundleReactFeed() : '',
  };
  const variants: Variant[] = BASELINE
    ? ['without', 'with', 'naive', 'baseline']
    : ['without', 'with', 'naive'];
  const samples: Sample[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const page of PAGES) {
      for (const variant of variants) {
        const s = await sample(round, page, variant, scripts);
        samples.push(s);
        console.error(
          `round ${round} ${page.padEnd(5)} ${variant.padEnd(8)} script ${s.scriptMs.toFixed(0)} ms, task ${s.taskMs.toFixed(0)} ms, extension ${s.extensionMs.toFixed(1)} ms (GC ${s.extensionGcMs.toFixed(1)}), badges ${s.badges}`,
        );
      }
    }
  }
  const date = new Date().toISOString();
  const summaries = PAGES.map((page) => summarise(page, samples));
  await mkdir(path.join(ROOT, 'bench/results'), { recursive: true });
  const out = path.join(ROOT, 'bench/results', `feed-${date.slice(0, 19).replaceAll(':', '')}.json`);
  const feed = { posts: TOTAL, burst: BURST, maxCells: MAX_CELLS, rounds: ROUNDS };
  await writeFile(out, JSON.stringify({ date, feed, summaries, samples }, null, 2));
  console.log([...summaries.map(report), `details: ${path.relative(ROOT, out)}`].join('\n'));
}

await main();
