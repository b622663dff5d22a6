import { describe, expect, it } from 'vitest';
import type { Note } from '@/utils/core/note-schema';
import type { EvidenceItem } from '@/utils/core/evidence';
import { noteAsText } from './note-text';

const t = (key: string, subs: string[] = []) => (subs.length ? `${key}(${subs.join(',')})` : key);

const note: Note = {
  summary: 'A claim about rain.',
  classification: 'misleading',
  note: 'Rainfall was average.',
  claims: [
    {
      claim: 'It rained 300 mm.',
      quote: 'choveu 300 mm',
      verdict: 'refuted',
      confidence: 0.84,
      basis: 'evidence',
      explanation: 'The weather service says 80 mm.',
      citations: ['E1'],
      support: [{ evidence: 'E1', text: 'Rainfall was 80 mm, about average.' }],
    },
  ],
  detail: '',
  injection_detected: false,
};

const evidence: EvidenceItem[] = [
  {
    id: 'E1',
    kind: 'link',
    url: 'https://example.org/rain',
    title: 'Rain report',
    publisher: 'example.org',
    review: null,
    late: false,
  },
];

describe('noteAsText', () => {
  it('has every section of the card, citations, and the sources with their URLs', () => {
    expect(noteAsText({ handle: 'ana', note, evidence }, t)).toBe(
      [
        'card.label(@ana)',
        '',
        'card.summary: A claim about rain.',
        'card.classification: classification.misleading',
        '',
        'card.readersAddedContext: Rainfall was average.',
        '',
        'card.claims:',
        '- "choveu 300 mm" — verdict.refuted (84%) [E1]',
        '  The weather service says 80 mm.',
        '  card.spanSays(E1) "Rainfall was 80 mm, about average."',
        '',
        'card.sources:',
        '[E1] Rain report — example.org — https://example.org/rain',
      ].join('\n'),
    );
  });

  it('leaves out what the note does not have', () => {
    const bare = { ...note, note: '', claims: [] };
    expect(noteAsText({ handle: 'ana', note: bare, evidence: [] }, t)).toBe(
      'card.label(@ana)\n\ncard.summary: A claim about rain.\ncard.classification: classification.misleading',
    );
  });

  it("lists a video's moments with their times after the classification", () => {
    const bare = { ...note, note: '', claims: [] };
    const moments = [
      { at: 0, text: 'The host opens.' },
      { at: 3723, text: 'A chart of cases.' },
    ];
    expect(noteAsText({ handle: 'ana', note: bare, evidence: [], moments }, t)).toBe(
      [
        'card.label(@ana)',
        '',
        'card.summary: A claim about rain.',
        'card.classification: classification.misleading',
        '',
        'video.card.moments:',
        '0:00 The host opens.',
        '1:02:03 A chart of cases.',
      ].join('\n'),
    );
  });
});
