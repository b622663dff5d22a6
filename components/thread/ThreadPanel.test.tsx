// @vitest-environment jsdom
import { act } from 'react';
import { useReactRoot } from '@/test-support/react-root';
import { describe, expect, it, vi } from 'vitest';
import { noteError } from '@/utils/core/note-error';
import type { ThreadView } from '@/utils/core/thread';
import { sampleDigestMeta, sampleThreadView } from './sample-thread-view';
import { ThreadPanel, type ThreadPanelProps } from './ThreadPanel';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

const props = {
  onAction: vi.fn(),
  onFocusPost: vi.fn(async (_key: string) => true),
  onOpenOptions: vi.fn(),
  onCopy: vi.fn(async (_text: string) => {}),
  onClose: vi.fn(),
} satisfies Omit<ThreadPanelProps, 'view'>;

function show(view: ThreadView): void {
  render(<ThreadPanel view={view} {...props} />);
}
const panel = () => container().querySelector<HTMLElement>('[role="region"]')!;
/** The button with this accessible name (its aria-label, else its text). */
function button(name: string): HTMLButtonElement | null {
  return (
    [...container().querySelectorAll('button')].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
    ) ?? null
  );
}
const statuses = () => [...container().querySelectorAll('[role="status"]')].map((s) => s.textContent);
const click = async (target: HTMLElement | null) => {
  if (!target) throw new Error('Nothing to click');
  await act(async () => target.click());
};

describe('the thread panel', () => {
  it('is a region named for what it is, with the digest sections and links back named for their comments', () => {
    show(sampleThreadView());
    expect(panel().getAttribute('aria-label')).toBe('Footnote: summary of this discussion');
    const headings = [...container().querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).toEqual([
      'About',
      'Main positions',
      'Disputed claims',
      'Sourced contributions',
      'Open questions',
    ]);
    expect(container().textContent).toContain('The bridge is worth its cost. (held by most)');
    expect(container().textContent).toContain('Who holds each side: @alice says yes, @carol says no.');
    const alice = button("Go to @alice's comment")!;
    expect(alice.textContent).toBe('@alice');
    // Under the first position: @alice and @bob; a question citing nobody has no links.
    const firstPosition = container().querySelector('.thread-point')!;
    expect([...firstPosition.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual([
      "Go to @alice's comment",
      "Go to @bob's comment",
    ]);
    expect(statuses()).toContain('Summary ready.');
    expect(container().textContent).toContain('Based on the 3 comments shown.');
    expect(button('Summarize again')).not.toBeNull();
    expect(button('Cancel')).toBeNull();
    expect(container().textContent).not.toContain('Update');
  });

  it('goes to a comment, and offers its link when the comment is no longer on the page', async () => {
    show(sampleThreadView());
    await click(button("Go to @bob's comment"));
    expect(props.onFocusPost).toHaveBeenCalledWith('x:2');
    expect(container().querySelector('.thread-gone')).toBeNull();
    props.onFocusPost.mockResolvedValueOnce(false);
    await click(button("Go to @carol's comment"));
    const gone = container().querySelector('.thread-gone')!;
    expect(gone.getAttribute('role')).toBe('status');
    expect(gone.textContent).toContain("@carol's comment is no longer on the page.");
    expect(gone.querySelector('a')?.getAttribute('href')).toBe('https://x.com/carol/status/3');
  });

  it('shows progress while running, and Cancel', async () => {
    show(
      sampleThreadView({ status: 'running', progress: { done: 2, total: 8, merging: false }, meta: null }),
    );
    expect(statuses()).toContain('Chunk 3 of 8');
    expect(container().querySelector('.thread-digest')!.getAttribute('aria-busy')).toBe('true');
    expect(button('Summarize again')).toBeNull();
    await click(button('Cancel'));
    expect(props.onAction).toHaveBeenCalledWith('cancel');
    show(sampleThreadView({ status: 'running', progress: { done: 8, total: 8, merging: true }, meta: null }));
    expect(statuses()).toContain('Merging…');
  });

  it('says what it is based on, what was left out and skipped, and offers the update', async () => {
    const meta = sampleDigestMeta({ posts: 5000, leftOut: 120, skippedChunks: [3] });
    show(sampleThreadView({ meta, newPosts: 4 }));
    expect(container().querySelector('.thread-coverage')!.textContent).toBe(
      'Based on the 5000 comments shown. 120 more were not summarized. Chunk 3 was skipped: its answer could not be read.',
    );
    await click(button('Update (4 new comments)'));
    expect(props.onAction).toHaveBeenCalledWith('update');
    await click(button('Summarize again'));
    expect(props.onAction).toHaveBeenLastCalledWith('refresh');
  });

  it('shows an error as an alert with its action, and keeps what was summarized', async () => {
    const error = noteError('budget_exhausted', 'Today’s budget of 10000 tokens is used up.');
    show(sampleThreadView({ status: 'error', error, meta: null }));
    const alert = container().querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain("Today's token budget is used up.");
    await click(button('Open options'));
    expect(props.onOpenOptions).toHaveBeenCalled();
    expect(button("Go to @alice's comment")).not.toBeNull();
    show(sampleThreadView({ status: 'error', error: noteError('server', 'Bad gateway'), meta: null }));
    await click(button('Retry'));
    expect(props.onAction).toHaveBeenCalledWith('summarize');
  });

  it('copies the digest as Markdown, and says so', async () => {
    show(sampleThreadView());
    await click(button('Copy as Markdown'));
    expect(props.onCopy.mock.calls[0]![0]).toContain('[\\@alice](https://x.com/alice/status/1)');
    expect(statuses()).toContain('Summary copied to the clipboard.');
    props.onCopy.mockRejectedValueOnce(new Error('Not allowed'));
    await click(button('Copy as Markdown'));
    expect(statuses()).toContain('This page does not allow copying to the clipboard.');
  });

  it('says when there is nothing to summarize, with nothing to do but close', () => {
    show(sampleThreadView({ status: 'nothing', digest: null, meta: null, cited: {} }));
    expect(statuses()).toContain('Nothing to summarize: this page shows one post.');
    expect([...container().querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toEqual([
      'Close',
    ]);
  });

  it('closes with its Close button and with Escape', async () => {
    show(sampleThreadView());
    await click(button('Close'));
    act(() => {
      panel().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(props.onClose).toHaveBeenCalledTimes(2);
  });
});
