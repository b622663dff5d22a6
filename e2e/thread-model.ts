import type { BrowserContext, Locator, Page, Worker } from '@playwright/test';
import { dispatchCommand, expect, routeFixture } from './fixtures';
import { expectFootnoteRunning } from './running';
import {
  DEFAULT_NOTE,
  lastUserMessage,
  type Behaviour,
  type ModelServer,
  type RecordedRequest,
} from './model-server';
import { THREAD_CHUNK_SYSTEM_PROMPT, THREAD_MERGE_SYSTEM_PROMPT } from '../utils/ai/thread-prompt';

/**
 * "Summarize this discussion" against the local model server, for the e2e tests and the
 * screenshots: which requests are a thread's parts (map) or merges (reduce, update), which
 * comments they carry, and what the model says of them: a digest citing some of the refs it was
 * given, and one it invents. Also the Hacker News item page it runs on, and the panel.
 */

export const ITEM_URL = 'https://news.ycombinator.com/item?id=50121877';

export async function openItem(context: BrowserContext, page: Page): Promise<void> {
  await routeFixture(context, ITEM_URL, 'hackernews/item.html');
  await page.goto(ITEM_URL);
  await expectFootnoteRunning(page, 'hackernews');
}

export function panel(page: Page): Locator {
  return page.getByRole('region', { name: /^Footnote/ });
}

/** The panel's progress line (the panel's first status; a second one speaks copy results). */
export function progress(page: Page): Locator {
  return panel(page).getByRole('status').first();
}

/** The summarize-thread shortcut, and the panel saying its digest is ready. */
export async function summarizeByShortcut(page: Page, serviceWorker: Worker): Promise<void> {
  await dispatchCommand(serviceWorker, 'summarize-thread');
  await expect(progress(page)).toHaveText('Summary ready.');
}

/** A ref no request carries: the background must drop it, so no link leads anywhere from it. */
export const INVENTED_REF = 'C9999';

/** The digest's texts, the same for every answer, so a test can find each point on the page. */
export const DIGEST_TEXT = {
  about: 'How people check statistics they see shared online.',
  positions: [
    'Look for the primary source first.',
    'Search the exact number in quotes.',
    'Automate the checks.',
  ],
  disputed: 'Whether Wikipedia counts as a primary source.',
  question: 'What to do when a chart names only a news agency?',
} as const;

const systemMessage = (request: RecordedRequest) =>
  (request.body as { messages?: Array<{ content?: unknown }> }).messages?.[0]?.content;

/** A map request: one part of the thread's comments (the whole thread when it is short). */
export const isChunk = (request: RecordedRequest) => systemMessage(request) === THREAD_CHUNK_SYSTEM_PROMPT;
/** A reduce request: parts' digests merged, or a kept digest updated with the new comments'. */
export const isMerge = (request: RecordedRequest) => systemMessage(request) === THREAD_MERGE_SYSTEM_PROMPT;

/** The comments a map request carries, by ref, in order ("C1", "C2", …). */
export const commentRefs = (request: RecordedRequest) =>
  [...lastUserMessage(request).matchAll(/⟦(C\d+)[^⟧]*⟧/g)].map((match) => match[1]!);

/** The refs the digests of a merge request cite, each once. */
const citedRefs = (request: RecordedRequest) => [
  ...new Set([...lastUserMessage(request).matchAll(/"(C\d+)"/g)].map((match) => match[1]!)),
];

/**
 * A digest citing `refs` (the first two, the third, the last) plus the invented one: the second
 * position cites the third ref and the invented one, the disputed claim only the invented one.
 */
export function threadAnswer(refs: readonly string[]): object {
  const [first, second, third] = refs;
  const last = refs.at(-1);
  const given = (...some: Array<string | undefined>) =>
    some.filter((ref): ref is string => ref !== undefined);
  return {
    about: DIGEST_TEXT.about,
    positions: [
      { point: DIGEST_TEXT.positions[0], support: 'most', refs: given(first, second) },
      { point: DIGEST_TEXT.positions[1], support: 'some', refs: [...given(third), INVENTED_REF] },
      { point: DIGEST_TEXT.positions[2], support: 'few', refs: given(last) },
    ],
    disputed: [{ claim: DIGEST_TEXT.disputed, sides: 'One comment says no.', refs: [INVENTED_REF] }],
    sourced: [],
    questions: [{ question: DIGEST_TEXT.question, refs: given(second) }],
  };
}

/** How the model server streams thread answers (a slow model: a pause between small chunks). */
export interface ThreadModelPace {
  chunkDelayMs?: number;
  chunkSize?: number;
}

/** Answers thread requests as the model would (threadAnswer of the refs given); notes as usual. */
export function answerThreads(server: ModelServer, pace: ThreadModelPace = {}): void {
  server.setDefault((request): Behaviour => {
    if (isChunk(request)) return { kind: 'note', note: threadAnswer(commentRefs(request)), ...pace };
    if (isMerge(request)) return { kind: 'note', note: threadAnswer(citedRefs(request)), ...pace };
    return { kind: 'note', note: DEFAULT_NOTE };
  });
}
