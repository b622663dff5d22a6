import type { BrowserContext, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configureModelServer, DEFAULT_NOTE, expect, lastUserMessage, test } from './fixtures';

// Pages saved from the live sites by other projects (../shared/real beside the clone, read in
// place), served at their real URLs with their scripts stripped: the built extension finds every
// post a person counts, gives each a badge, and a badge opened from the keyboard (some captures
// keep a cookie banner over the page) sends that post's text and shows its note.

const REAL = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../shared/real');

interface Capture {
  file: string;
  url: string;
  /** Posts a person counts on the page. */
  posts: number;
  /** One post: its key and a line of its text as the model must receive it. */
  sample: { key: string; text: string };
  /** The language the request must carry where the page marks none (detected in the browser). */
  language?: string;
}

const CAPTURES: Capture[] = [
  {
    file: 'x/profile-kikobeats.html',
    url: 'https://x.com/kikobeats',
    posts: 3,
    sample: { key: 'x:1935738866390253649', text: "It's online https://vercel.vercel.vercel.app" },
  },
  {
    file: 'x/post-forbes-link.html',
    url: 'https://x.com/Forbes/status/2016058596782670275',
    posts: 1,
    sample: { key: 'x:2016058596782670275', text: 'Is Wellness The New Happy Hour?' },
  },
  {
    file: 'x/article-logged-in-kepano.html',
    url: 'https://x.com/arscontexta/status/2013045749580259680',
    posts: 1,
    sample: { key: 'x:2013045749580259680', text: 'obsidian + claude code 101\n' },
    language: 'en',
  },
  {
    file: 'x/status-with-replies-2023-realdonaldtrump.html',
    url: 'https://twitter.com/realDonaldTrump/status/1222907250383245320',
    posts: 7,
    sample: { key: 'x:1222907250383245320', text: 'Schiff blasted for not focusing on California homeless.' },
  },
  {
    file: 'x/status-with-replies-2023-k4rliky.html',
    url: 'https://twitter.com/k4rliky/status/934482867480121345',
    posts: 6,
    sample: { key: 'x:934490729832964099', text: 'Estabas por ahí y no me he enterado?' },
  },
  {
    file: 'bluesky/thread-glendunlap.html',
    url: 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t',
    posts: 52,
    sample: {
      key: 'bluesky:glendunlap.bsky.social/3mdegyw3ves2t',
      text: 'Owliver decided to fly to another branch and check things out.',
    },
    language: 'en',
  },
  {
    file: 'bluesky/profile-stephenking.html',
    url: 'https://bsky.app/profile/stephenking.bsky.social',
    posts: 28,
    sample: {
      key: 'bluesky:stephenking.bsky.social/3md4rhnginc2m',
      text: 'You know who”stayed a little back” in VIetnam? DJT.',
    },
  },
  {
    file: 'hn/item-36817231-comments.html',
    url: 'https://news.ycombinator.com/item?id=36817231',
    posts: 101,
    sample: { key: 'hackernews:36818709', text: 'Autocorrect strikes again :)' },
  },
  {
    file: 'hn/front-page-2023.html',
    url: 'https://news.ycombinator.com/',
    posts: 30,
    sample: { key: 'hackernews:37933633', text: "You're not lacking creativity, you're overwhelmed" },
  },
  {
    file: 'linkedin/company-guest.html',
    url: 'https://www.linkedin.com/company/audiense',
    posts: 10,
    sample: {
      key: 'linkedin:7248246460041809920',
      text: 'From Twitter tool to audience intelligence platform',
    },
  },
];

/** The capture as the site served it, minus its scripts (JSON-LD is page data and stays). */
async function routeCapture(context: BrowserContext, capture: Capture): Promise<void> {
  const html = await readFile(path.join(REAL, capture.file), 'utf8');
  const body = html.replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>/gi, '');
  const href = new URL(capture.url).href;
  await context.route(
    (url) => url.href === href,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

const marked = (page: Page) => page.locator('[data-footnote-post]');

test.describe('real captures', () => {
  test.skip(
    !existsSync(REAL) && !process.env.CI,
    `The real captures are not beside the clone (${REAL}); CI always has them.`,
  );

  for (const capture of CAPTURES) {
    test(`${capture.file}: ${capture.posts} posts, each badged; a badge opens its note`, async ({
      context,
      page,
      serviceWorker,
      modelServer,
    }) => {
      await configureModelServer(serviceWorker, modelServer);
      await routeCapture(context, capture);
      await page.goto(capture.url);
      await expect(marked(page)).toHaveCount(capture.posts);
      // Every post has its badge without any scrolling, the ones screens below included.
      await expect
        .poll(() =>
          marked(page).evaluateAll(
            (roots) => roots.filter((root) => root.querySelector('button.footnote-badge') === null).length,
          ),
        )
        .toBe(0);

      const post = page.locator(`[data-footnote-post="${capture.sample.key}"]`);
      const badge = post.getByRole('button', { name: /^Footnote/ }).first();
      await badge.focus();
      await page.keyboard.press('Enter');
      await expect(
        page.getByRole('dialog', { name: /^Footnote/ }).getByText(DEFAULT_NOTE.summary),
      ).toBeVisible();
      const requests = modelServer.completionRequests();
      expect(requests).toHaveLength(1);
      const prompt = lastUserMessage(requests[0]!);
      expect(prompt).toContain(capture.sample.text);
      if (capture.language) expect(prompt).toContain(`language: ${capture.language}`);
    });
  }
});
