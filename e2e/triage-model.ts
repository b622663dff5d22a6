import type { Worker } from '@playwright/test';
import { DEFAULT_NOTE, type Behaviour, type ModelServer, type RecordedRequest } from './model-server';
import { TRIAGE_DWELL_MS, TRIAGE_FLUSH_MS } from '../entrypoints/content/triage-queue';
import { TRIAGE_SYSTEM_PROMPT } from '../utils/ai/triage-prompt';
import { lastUserMessage } from './fixtures';

/**
 * Feed triage against the local model server, for the e2e tests and the screenshots: which
 * requests are triage, what the model says of a batch, and the site's switch.
 */

/** What the model server says of each batch: the first post misleading, the second false, the rest opinion. */
export const MISLEADING_REASON = 'The chart starts at 90, not 0.';
export const FALSE_REASON = 'The bridge opened in 2021, not 1921.';
export const FLAGGED_NAMES = [
  `Footnote: may be misleading — ${MISLEADING_REASON}`,
  `Footnote: may be false — ${FALSE_REASON}`,
];
export const SWITCH_NAME = 'Check posts on this site as I scroll';
/** Long enough for every post in view to be queued and its batch to go, however slow the machine's timers. */
export const BATCH_WAIT_MS = TRIAGE_DWELL_MS + TRIAGE_FLUSH_MS + 1_000;

export const isTriage = (request: RecordedRequest) => {
  const messages = (request.body as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  return messages[0]?.content === TRIAGE_SYSTEM_PROMPT;
};
/** The refs of a triage request's posts, in order ("P1", "P2", …). */
export const refsOf = (request: RecordedRequest) =>
  [...lastUserMessage(request).matchAll(/^Post (P\d+):$/gm)].map((match) => match[1]!);
/** Each post's data block of a triage request, to compare requests by the posts they carry. */
export const postBlocks = (request: RecordedRequest) =>
  lastUserMessage(request)
    .split(/^Post P\d+:$/m)
    .slice(1)
    .map((block) => block.replace(/DATA:[0-9a-f]+/g, 'DATA'));

/** Answers triage requests as the model would (the first post misleading, the second false); notes as usual. */
export function answerTriage(server: ModelServer): void {
  server.setDefault((request): Behaviour => {
    if (!isTriage(request)) return { kind: 'note', note: DEFAULT_NOTE };
    const posts = refsOf(request).map((ref, i) => ({
      ref,
      classification: i === 0 ? 'misleading' : i === 1 ? 'false' : 'opinion',
      reason: i === 0 ? MISLEADING_REASON : i === 1 ? FALSE_REASON : '',
      worth_note: i < 2,
      injection_detected: false,
    }));
    return { kind: 'note', note: { posts } };
  });
}

export async function switchTriageOn(serviceWorker: Worker, site: string): Promise<void> {
  await serviceWorker.evaluate((id) => chrome.storage.local.set({ triageSites: [id] }), site);
}
