import type { ThreadPost } from '../core/thread';
import { isLocalServer } from '../evidence/private-host';
import { isOnDevice } from '../settings/on-device-endpoint';

/**
 * How a thread is cut to fit a model (map-reduce): its comments in parts of a bounded prompt
 * size, in page order; then the parts' digests merged in stages, as many at once as fit the
 * same bound, until one is left.
 */

/** About four characters a token: the pipeline's own estimate when a provider reports none. */
const CHARS_PER_TOKEN = 4;
/** What a comment costs beyond its words: its "⟦C12 reply to C3⟧" header and line breaks. */
const COMMENT_OVERHEAD_TOKENS = 12;
/** What a digest costs in a merge beyond its JSON: its line and its block's markers. */
const DIGEST_OVERHEAD_TOKENS = 50;

/**
 * Prompt tokens of comments per part for hosted models: a 100-comment thread in one call, a
 * 1,000-comment one in about ten (npm run bench:thread). Far below their context windows: a
 * part's digest keeps at most six points per section, and a hundred-odd comments at a time
 * keep them faithful.
 */
export const HOSTED_PART_TOKENS = 16_000;
/**
 * Chrome's on-device model reads a few thousand tokens per session, its instructions and its
 * answer included (https://developer.chrome.com/docs/ai/prompt-api): small parts.
 */
const ON_DEVICE_PART_TOKENS = 2_000;

/**
 * A model server on the reader's machine or network (Ollama, LM Studio, llama.cpp) runs with a
 * 4,096-token context unless told otherwise, and cuts a longer prompt silently: a part, the
 * instructions and the answer must fit in that.
 */
const LOCAL_PART_TOKENS = 2_500;

/** The prompt tokens a part of the thread (or a merge) may take at this endpoint. */
export function partTokenBudget(endpoint: { baseUrl: string }): number {
  if (isOnDevice(endpoint)) return ON_DEVICE_PART_TOKENS;
  return isLocalServer(endpoint.baseUrl) ? LOCAL_PART_TOKENS : HOSTED_PART_TOKENS;
}

/** A comment's estimated prompt tokens: its text and author, plus its line and block. */
export function commentTokens(post: ThreadPost): number {
  const chars =
    post.text.length + post.author.name.length + post.author.handle.length + (post.time?.length ?? 0);
  return Math.ceil(chars / CHARS_PER_TOKEN) + COMMENT_OVERHEAD_TOKENS;
}

/** A digest's estimated prompt tokens in a merge request. */
export function digestTokens(digestJson: string): number {
  return Math.ceil(digestJson.length / CHARS_PER_TOKEN) + DIGEST_OVERHEAD_TOKENS;
}

/**
 * Cuts items, in order, into runs whose costs add up to at most `budget`; an item larger than
 * the budget alone makes a run of its own. Runs are [start, end) index pairs.
 */
export function splitByBudget(costs: readonly number[], budget: number): Array<[number, number]> {
  return pack(costs, budget, 1);
}

/**
 * One stage of merging: digests grouped in order within the budget, at least two a group so
 * every stage makes fewer (a last one left alone passes to the next stage as it is). A group
 * of two may exceed the budget: there is no smaller merge.
 */
export function mergeGroups(costs: readonly number[], budget: number): Array<[number, number]> {
  return pack(costs, budget, 2);
}

function pack(costs: readonly number[], budget: number, least: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = 0;
  let total = 0;
  costs.forEach((cost, i) => {
    if (i - start >= least && total + cost > budget) {
      runs.push([start, i]);
      start = i;
      total = 0;
    }
    total += cost;
  });
  if (costs.length > start) runs.push([start, costs.length]);
  return runs;
}
