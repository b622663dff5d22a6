// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Triage } from '@/utils/core/triage';
import { doneNote, FALSE_TRIAGE } from '@/test-support/sample-note';

const sendToBackground = vi.hoisted(() => vi.fn(async (_request: unknown) => ({ ok: true })));
vi.mock('@/utils/messaging/content-client', () => ({ sendToBackground }));
const { flaggedCount, reportFlaggedCount } = await import('./flagged-count');
const { clearTriage, keepNotesOf, noteStore, setNoteState, setTriage } = await import('./note-store');

const OPINION: Triage = { ...FALSE_TRIAGE, classification: 'opinion', worth_note: false };
const noteSaying = (classification: 'accurate' | 'misleading', injection_detected = false) => {
  const done = doneNote();
  return { ...done, note: { ...done.note, classification, injection_detected } };
};
const EMPTY = { notes: {}, triage: {} };

describe('flaggedCount: the posts the popup lists as flagged', () => {
  it('counts a flagged verdict and a flagged note, each post once', () => {
    expect(flaggedCount(EMPTY)).toBe(0);
    expect(
      flaggedCount({
        notes: { 'x:1': noteSaying('misleading'), 'x:2': noteSaying('misleading') },
        triage: { 'x:2': FALSE_TRIAGE, 'x:3': FALSE_TRIAGE },
      }),
    ).toBe(3);
  });

  it('counts text that tried to instruct the model, whatever its classification', () => {
    expect(flaggedCount({ notes: { 'x:1': noteSaying('accurate', true) }, triage: {} })).toBe(1);
    expect(flaggedCount({ notes: {}, triage: { 'x:1': { ...OPINION, injection_detected: true } } })).toBe(1);
  });

  it('leaves out accurate notes, opinions and notes not written yet', () => {
    expect(
      flaggedCount({
        notes: {
          'x:1': noteSaying('accurate'),
          'x:2': { status: 'loading' },
          'x:3': { status: 'streaming', partial: { classification: 'false' } },
        },
        triage: { 'x:4': OPINION },
      }),
    ).toBe(0);
  });

  it("keeps a post flagged by triage whose note found nothing wrong (as the popup's filter does)", () => {
    expect(flaggedCount({ notes: { 'x:1': noteSaying('accurate') }, triage: { 'x:1': FALSE_TRIAGE } })).toBe(
      1,
    );
  });
});

describe('reportFlaggedCount', () => {
  let session: AbortController;
  const sent = () => sendToBackground.mock.calls.map(([request]) => request);
  const frame = () => vi.advanceTimersToNextFrame();

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
    noteStore.setState({ notes: {}, triage: {}, triagePause: null });
    sendToBackground.mockClear();
    session = new AbortController();
    reportFlaggedCount(session.signal);
  });
  afterEach(() => {
    session.abort();
    vi.useRealTimers();
  });

  it('sends the count once a frame, not on every change', () => {
    setTriage('x:1', FALSE_TRIAGE);
    setTriage('x:2', OPINION);
    setTriage('x:3', FALSE_TRIAGE);
    expect(sent()).toEqual([]);
    frame();
    expect(sent()).toEqual([{ type: 'toolbar:flagged', count: 2 }]);
  });

  it('sends nothing while nothing is flagged, nor when the number stays the same', () => {
    setTriage('x:1', OPINION);
    setNoteState('x:2', noteSaying('accurate'));
    frame();
    expect(sent()).toEqual([]);

    setTriage('x:3', FALSE_TRIAGE);
    frame();
    setNoteState('x:3', { status: 'loading' }); // the post's note is asked for: still flagged
    frame();
    expect(sent()).toEqual([{ type: 'toolbar:flagged', count: 1 }]);
  });

  it('sends 0 when the flagged posts go: triage switched off, or the posts left the page', () => {
    setTriage('x:1', FALSE_TRIAGE);
    frame();
    clearTriage();
    frame();
    setNoteState('x:2', noteSaying('misleading'));
    frame();
    keepNotesOf(new Set(['x:1'])); // an in-app navigation: x:2 is no longer on the page
    frame();
    expect(sent().map((request) => (request as { count: number }).count)).toEqual([1, 0, 1, 0]);
  });

  it('sends 0 when the session ends, then nothing more', () => {
    setTriage('x:1', FALSE_TRIAGE);
    frame();
    setTriage('x:2', FALSE_TRIAGE);
    session.abort(); // before the frame: that count is never sent
    frame();
    setTriage('x:3', FALSE_TRIAGE);
    frame();
    expect(sent().map((request) => (request as { count: number }).count)).toEqual([1, 0]);
  });

  it('sends nothing at the end of a session that flagged nothing', () => {
    setTriage('x:1', OPINION);
    frame();
    session.abort();
    expect(sent()).toEqual([]);
  });
});
