import { describe, expect, it } from 'vitest';
import type { Note } from '../../utils/core/note-schema';
import type { Triage } from '../../utils/core/triage';
import { samplePostListItem as post } from '../../entrypoints/popup/sample-post-list-item';
import { filterCounts, filterPosts, isFlagged } from './post-filter';

const note = (overrides: Partial<Note> = {}): Note => ({
  summary: 'S',
  classification: 'accurate',
  note: '',
  claims: [],
  detail: '',
  injection_detected: false,
  ...overrides,
});

describe('post filter', () => {
  const accurate = post({ key: 'x:1', status: 'done', note: note() });
  const misleading = post({ key: 'x:2', status: 'done', note: note({ classification: 'misleading' }) });
  const needsContext = post({ key: 'x:3', status: 'done', note: note({ classification: 'needs_context' }) });
  const falseNote = post({ key: 'x:4', status: 'done', note: note({ classification: 'false' }) });
  const injection = post({
    key: 'x:5',
    status: 'done',
    note: note({ classification: 'opinion', injection_detected: true }),
  });
  const idle = post({ key: 'x:6' });
  const streaming = post({ key: 'x:7', status: 'streaming' });
  const failed = post({ key: 'x:8', status: 'error' });
  const triage = (overrides: Partial<Triage> = {}): Triage => ({
    classification: 'misleading',
    reason: 'R',
    worth_note: true,
    injection_detected: false,
    ...overrides,
  });
  const triagedFalse = post({ key: 'x:9', triage: triage({ classification: 'false' }) });
  const triagedOpinion = post({ key: 'x:10', triage: triage({ classification: 'opinion' }) });
  const all = [
    accurate,
    misleading,
    needsContext,
    falseNote,
    injection,
    idle,
    streaming,
    failed,
    triagedFalse,
    triagedOpinion,
  ];

  it('"flagged" is misleading, false, needs context, or an injection attempt, by the note or the triage', () => {
    expect(filterPosts(all, 'flagged').map((p) => p.key)).toEqual(['x:2', 'x:3', 'x:4', 'x:5', 'x:9']);
    expect(isFlagged(post({ status: 'done', note: note({ classification: 'unverifiable' }) }))).toBe(false);
    expect(
      isFlagged(post({ triage: triage({ classification: 'accurate', injection_detected: true }) })),
    ).toBe(true);
  });

  it('"has note" is every finished note; "all" is everything', () => {
    expect(filterPosts(all, 'note').map((p) => p.key)).toEqual(['x:1', 'x:2', 'x:3', 'x:4', 'x:5']);
    expect(filterPosts(all, 'all')).toEqual(all);
  });

  it('counts each filter', () => {
    expect(filterCounts(all)).toEqual({ all: 10, note: 5, flagged: 5 });
    expect(filterCounts([])).toEqual({ all: 0, note: 0, flagged: 0 });
  });
});
