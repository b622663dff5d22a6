import { createStore } from 'zustand/vanilla';
import type { NoteState, NoteStatus } from '@/utils/core/note-state';

/**
 * Note states of this page's posts, by post key. Only posts the user asked about are here, and
 * cached notes of posts whose badge the pointer or focus rested on (NoteClient.peek).
 */
export interface NoteStore {
  notes: Record<string, NoteState>;
  /** The digest of the last "summarize visible" on this page. */
  digest: { text: string; final: boolean } | null;
}

export const noteStore = createStore<NoteStore>(() => ({ notes: {}, digest: null }));

export function setNoteState(key: string, state: NoteState): void {
  noteStore.setState((s) => ({ notes: { ...s.notes, [key]: state } }));
}

export function noteStatus(key: string): NoteStatus {
  return noteStore.getState().notes[key]?.status ?? 'idle';
}

export function clearNoteState(key: string): void {
  noteStore.setState((s) => {
    if (!Object.hasOwn(s.notes, key)) return s; // nothing to clear: no change to tell subscribers
    const { [key]: _dropped, ...rest } = s.notes;
    return { notes: rest };
  });
}

export function setDigest(digest: NoteStore['digest']): void {
  noteStore.setState({ digest });
}

/** Drops the note state of posts that left the page (after an SPA navigation). */
export function keepNotesOf(keys: ReadonlySet<string>): void {
  noteStore.setState((s) => ({
    notes: Object.fromEntries(Object.entries(s.notes).filter(([key]) => keys.has(key))),
  }));
}
