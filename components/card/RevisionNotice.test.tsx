// @vitest-environment jsdom
import { act } from 'react';
import { useReactRoot } from '@/test-support/react-root';
import { describe, expect, it, vi } from 'vitest';
import { doneNote } from '@/test-support/sample-note';
import type { EvidenceItem } from '@/utils/core/evidence';
import type { NoteMeta } from '@/utils/core/note-meta';
import type { Note } from '@/utils/core/note-schema';
import { useShownVersion } from './RevisionNotice';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

const item = (id: string, title: string, kind: EvidenceItem['kind'] = 'link'): EvidenceItem => ({
  id,
  kind,
  url: `https://example.org/${id}`,
  title,
  publisher: 'example.org',
  review: null,
  late: false,
});

const first = doneNote('Before the source.');
const revised = doneNote('After the source.');
const revisedMeta: NoteMeta = {
  ...revised.meta,
  createdAt: 2,
  evidence: [item('E1', 'Linked page'), item('E2', 'City report', 'suggested')],
  evidenceNotices: [{ kind: 'web', code: 'failed', message: 'Search failed.' }],
  revision: {
    sourceUrl: 'https://example.org/E2',
    previous: { note: first.note, evidence: [item('E1', 'Linked page')], createdAt: 1 },
  },
};

/** Shows what the card would: the notice, the summary and the sources of the version shown. */
function Shown({ postKey, note, meta }: { postKey: string; note: Note; meta: NoteMeta }) {
  const shown = useShownVersion(postKey, note, meta);
  return (
    <div>
      {shown.notice}
      <p className="summary">{shown.note?.summary}</p>
      <p className="sources">{shown.meta?.evidence.map((e) => e.title).join(', ')}</p>
      <p className="notices">{shown.meta?.evidenceNotices?.length ?? 0}</p>
    </div>
  );
}

function show(postKey: string, note: Note, meta: NoteMeta) {
  render(<Shown postKey={postKey} note={note} meta={meta} />);
}
const text = (selector: string) => container().querySelector(selector)?.textContent;
const toggle = () => act(() => container().querySelector('button')!.click());

describe('a note revised with the reader’s source', () => {
  it('shows the revised note, with the first version (its note and its sources) one click away and back', () => {
    show('x:1', revised.note, revisedMeta);
    expect(text('button')).toBe('Revised with your source — see the first version');
    expect(text('.summary')).toBe('After the source.');
    expect(text('.sources')).toBe('Linked page, City report');

    toggle();
    expect(text('button')).toBe('First version, before your source — back to the revised note');
    expect(text('.summary')).toBe('Before the source.');
    expect(text('.sources')).toBe('Linked page');
    expect(text('.notices')).toBe('0'); // the revised note's notices are not the first version's

    toggle();
    expect(text('.summary')).toBe('After the source.');
  });

  it('shows another post, or a newer note, as itself first', () => {
    show('x:1', revised.note, revisedMeta);
    toggle();
    show('x:2', revised.note, revisedMeta);
    expect(text('.summary')).toBe('After the source.');
    show('x:1', revised.note, { ...revisedMeta, createdAt: 3 });
    expect(text('.summary')).toBe('After the source.');
  });

  it('adds nothing to a note that was not revised', () => {
    show('x:1', first.note, first.meta);
    expect(container().querySelector('button')).toBeNull();
    expect(text('.summary')).toBe('Before the source.');
  });
});
