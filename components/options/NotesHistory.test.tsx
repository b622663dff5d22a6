// @vitest-environment jsdom
import { useReactRoot } from '@/test-support/react-root';
import { doneNote } from '@/test-support/sample-note';
import { describe, expect, it, vi } from 'vitest';
import { NotesHistory } from './NotesHistory';
import type { HistoryEntry } from './types';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

function entry(id: string, images?: HistoryEntry['meta']['images']): HistoryEntry {
  const { note, meta } = doneNote();
  return {
    post: { key: `x:${id}`, url: `https://x.com/a/status/${id}`, authorName: 'A', handle: 'a', text: 'Post' },
    note,
    meta: { ...meta, createdAt: Number(id), images },
  };
}

describe('the notes history', () => {
  it('says what a note’s pictures cost, on the notes that sent any', () => {
    const sent = { of: 'post' as const, index: 1, width: 1024, height: 768, bytes: 90_000 };
    render(
      <NotesHistory
        history={{
          kind: 'ready',
          notes: [
            entry('3', {
              sent: [sent, { ...sent, index: 2 }],
              skipped: [],
              textOnly: false,
              estimatedTokens: 1_170,
            }),
            entry('2', { sent: [], skipped: [], textOnly: true, estimatedTokens: 0 }),
            entry('1'),
          ],
        }}
        clearStep="idle"
        notice={{ kind: 'none' }}
        focus={null}
        onExport={() => {}}
        onAskClear={() => {}}
        onCancelClear={() => {}}
        onConfirmClear={() => {}}
      />,
    );
    const costs = [...container().querySelectorAll('.history-item')].map(
      (item) => item.querySelector('.history-images')?.textContent ?? null,
    );
    expect(costs).toEqual(['≈1,170 image tokens', null, null]);
  });
});
