import { describe, expect, it } from 'vitest';
import { buildThreadChunkMessages } from '../ai/thread-prompt';
import { THREAD_POSTS_MAX, THREAD_TEXT_MAX, type ThreadPost } from '../core/thread';
import { ON_DEVICE_BASE_URL } from '../settings/on-device-endpoint';
import { commentTokens, mergeGroups, partTokenBudget, splitByBudget } from './thread-chunks';

const HOSTED = partTokenBudget({ baseUrl: 'https://api.openai.com/v1' });
const ON_DEVICE = partTokenBudget({ baseUrl: ON_DEVICE_BASE_URL });

function post(n: number, text: string): ThreadPost {
  return {
    key: `reddit:t1_${n}`,
    parentKey: n > 1 ? `reddit:t1_${n - 1}` : null,
    url: `https://www.reddit.com/r/x/comments/1/t/${n}/`,
    author: { name: `u/user${n}`, handle: `user${n}` },
    time: '2026-11-27T10:00:00.000Z',
    text,
  };
}

/** Comments of a realistic spread of lengths: a line, a paragraph, now and then a long one. */
function thread(count: number): ThreadPost[] {
  const lengths = [40, 180, 320, 90, 700, 60, 1_500, 250];
  return Array.from({ length: count }, (_, i) =>
    post(i + 1, 'word '.repeat(lengths[i % lengths.length]! / 5)),
  );
}

function chunksOf(posts: ThreadPost[], budget: number): ThreadPost[][] {
  return splitByBudget(posts.map(commentTokens), budget).map(([start, end]) => posts.slice(start, end));
}

describe('thread chunks', () => {
  it('gives Chrome’s on-device model and local model servers far smaller parts than hosted models', () => {
    expect(ON_DEVICE).toBeLessThan(HOSTED / 4);
    const local = partTokenBudget({ baseUrl: 'http://localhost:11434/v1' });
    expect(local).toBeLessThan(HOSTED / 4);
    expect(partTokenBudget({ baseUrl: 'http://192.168.1.20:1234/v1' })).toBe(local);
    expect(partTokenBudget({ baseUrl: 'https://openrouter.ai/api/v1' })).toBe(HOSTED);
    expect(partTokenBudget({ baseUrl: 'not a url' })).toBe(HOSTED);
  });

  it('keeps page order, every comment once, each part within the budget', () => {
    const posts = thread(1_000);
    const chunks = chunksOf(posts, HOSTED);
    expect(chunks.flat()).toEqual(posts);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.reduce((sum, p) => sum + commentTokens(p), 0)).toBeLessThanOrEqual(HOSTED);
    }
    // Parts are filled: two neighbours would not fit together.
    for (let i = 1; i < chunks.length; i++) {
      const both = [...chunks[i - 1]!, ...chunks[i]!].reduce((sum, p) => sum + commentTokens(p), 0);
      expect(both).toBeGreaterThan(HOSTED);
    }
    expect(chunksOf(thread(1_000), ON_DEVICE).length).toBeGreaterThan(chunks.length * 4);
  });

  it('estimates a part’s prompt from above: the real user message fits the budget plus its preamble', () => {
    const posts = thread(400);
    const [first] = chunksOf(posts, ON_DEVICE);
    const comments = first!.map((p, i) => ({ ref: `C${i + 1}`, parentRef: i ? `C${i}` : null, post: p }));
    const basics = {
      answerLanguage: 'en',
      today: '2026-11-28',
      nonce: 'a1b2c3d4e5f6a1b2c3d4e5f6',
      title: 'A title',
    };
    const user = (list: typeof comments) =>
      buildThreadChunkMessages({ ...basics, comments: list, part: 1, parts: 9, threadSize: 400 })[1]!.content;
    const commentsOnly = user(comments).length - user([]).length;
    expect(commentsOnly / 4).toBeLessThanOrEqual(first!.reduce((sum, p) => sum + commentTokens(p), 0));
  });

  it('puts a comment bigger than a part alone in its own part', () => {
    const huge = post(2, 'x'.repeat(THREAD_TEXT_MAX));
    const posts = [post(1, 'short'), huge, post(3, 'short too')];
    const budget = commentTokens(huge) - 1;
    expect(chunksOf(posts, budget)).toEqual([[posts[0]], [huge], [posts[2]]]);
    expect(chunksOf([huge], 10)).toEqual([[huge]]);
    expect(chunksOf([], HOSTED)).toEqual([]);
  });

  it('splits a 5,000-comment page into a bounded number of bounded parts', () => {
    const posts = thread(THREAD_POSTS_MAX);
    const chunks = chunksOf(posts, HOSTED);
    const tokens = posts.reduce((sum, p) => sum + commentTokens(p), 0);
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(tokens / HOSTED) * 2);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(THREAD_POSTS_MAX / 10);
  });

  it('merges in stages: at least two digests a merge, each stage fewer, down to one', () => {
    expect(mergeGroups([100, 100, 100, 100, 100], 250)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
    expect(mergeGroups([900, 900], 250)).toEqual([[0, 2]]); // two are the smallest merge
    expect(mergeGroups([10, 10, 10], 1_000)).toEqual([[0, 3]]);
    // Any number of digests comes down to one, at least halving at every stage.
    let count = 300;
    let stages = 0;
    while (count > 1) {
      const next = mergeGroups(Array<number>(count).fill(700), 2_000).length;
      expect(next).toBeLessThanOrEqual(Math.ceil(count / 2));
      count = next;
      stages++;
    }
    expect(stages).toBe(Math.ceil(Math.log2(300)));
  });
});
