/**
 * The benchmark's React pages: X's home timeline — a React app (production build) rendering
 * every post's full markup (the fixture's template, 126 elements) into a virtualised list of at
 * most `maxCells` rows, in one of two ways:
 * - `keyed` (what x.com does): each row is keyed by its post, so a post that scrolls in is a new
 *   subtree and the nodes of the post that left are thrown away;
 * - recycled: the oldest row's key is reused for a new post, so React moves that row to the end
 *   and updates its nodes in place (same nodes, new content).
 * Bundled by bench/feed-bench.ts and injected into the fixture page at https://x.com/home.
 */
import { createElement, memo } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { compileTemplate, type PostFields } from './compile-template';

interface Slot {
  key: number;
  post: number;
}

interface FeedOptions {
  total: number;
  burst: number;
  maxCells: number;
  /** Each row keyed by its post (new nodes per post) instead of a reused row. */
  keyed: boolean;
  /** A reader's pace: this long between bursts (default: the next frame, a fast scroll). */
  pauseMs?: number;
}

const EPOCH = 1288834974657n;
const FIRST_ID = 2200000000000000000n;
const timeFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });

function fieldsOf(post: number): PostFields {
  const id = FIRST_ID + BigInt(post);
  const date = new Date(Number((id >> 22n) + EPOCH));
  return {
    id: id.toString(),
    handle: `poster_${post}`,
    name: `Poster ${post}`,
    text: `Post number ${post} in the synthetic feed`,
    datetime: date.toISOString(),
    timeLabel: timeFormat.format(date),
  };
}

function mount(): (slots: Slot[]) => void {
  const list = document.querySelector<HTMLElement>('[aria-label="Timeline: Your Home Timeline"] > div');
  const template = document.querySelector<HTMLTemplateElement>('template[data-footnote-fixture="post"]');
  const row = template?.content.firstElementChild;
  const time = row?.querySelector('time');
  if (!list || !row || !time) throw new Error('react feed: the X fixture page is not loaded');
  const renderRow = compileTemplate(row, {
    id: '1900000000000000000',
    handle: 'late_poster_0',
    name: 'Late Poster 0',
    text: 'Late post number 0',
    datetime: time.getAttribute('datetime')!,
    timeLabel: time.textContent!,
  });
  const Row = memo(function Row({ post }: { post: number }) {
    return renderRow(fieldsOf(post));
  });
  const root = createRoot(list);
  return (slots) => {
    flushSync(() => root.render(slots.map((slot) => createElement(Row, { key: slot.key, post: slot.post }))));
    layout(list);
  };
}

/** Positions rows one under another from their measured heights (all read, then all written), as X's virtualiser does. */
function layout(list: HTMLElement): void {
  const rows = [...list.children] as HTMLElement[];
  const heights = rows.map((row) => row.getBoundingClientRect().height);
  let y = 0;
  rows.forEach((row, i) => {
    row.style.transform = `translateY(${y}px)`;
    y += heights[i]!;
  });
  list.style.minHeight = `${y}px`;
}

const render = mount();
render([]);

declare global {
  interface Window {
    runReactFeed(options: FeedOptions): Promise<void>;
  }
}

window.runReactFeed = async ({ total, burst, maxCells, keyed, pauseMs }) => {
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  let slots: Slot[] = [];
  let nextKey = 0;
  for (let post = 1; post <= total;) {
    for (let i = 0; i < burst && post <= total; i++, post++) {
      if (slots.length < maxCells) slots = [...slots, { key: nextKey++, post }];
      else slots = [...slots.slice(1), { key: keyed ? nextKey++ : slots[0]!.key, post }];
    }
    render(slots);
    window.scrollTo(0, document.body.scrollHeight);
    await frame();
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  await frame();
  await frame();
};
