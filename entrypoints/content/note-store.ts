import { createStore } from 'zustand/vanilla';
import type { SuggestionState } from '@/components/card/card-contract';
import type { NoteError } from '@/utils/core/note-error';
import type { NoteState, NoteStatus } from '@/utils/core/note-state';
import type { Triage } from '@/utils/core/triage';

/**
 * Note states of this page's posts, by post key. Only posts the user asked about are here, and
 * cached notes of posts whose badge the pointer or focus rested on (NoteClient.peek).
 */
export interface NoteStore {
  notes: Record<string, NoteState>;
  /** The digest of the last "summarize visible" on this page. */
  digest: { text: string; final: boolean } | null;
  /** What triage said of posts the reader scrolled past (the site's triage switch on). */
  triage: Record<string, Triage>;
  /** Why triage is paused (rate limit, budget, no provider…); null while it runs. */
  triagePause: NoteError | null;
  /**
   * Sources the reader suggested for posts' notes, while they are read or after they failed. Kept
   * when their posts leave the page (one address each, for the few posts the reader asked about),
   * which spares the page-load bundle the code to drop them.
   */
  suggestions: Record<string, SuggestionState | undefined>;
}

export const noteStore = createStore<NoteStore>(() => ({
  notes: {},
  digest: null,
  triage: {},
  triagePause: null,
  suggestions: {},
}));

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

/** Without one, the suggestion is over: done (its note replaced the one shown) or withdrawn. */
export function setSuggestion(key: string, suggestion?: SuggestionState): void {
  noteStore.setState((s) => ({ suggestions: { ...s.suggestions, [key]: suggestion } }));
}

export function setDigest(digest: NoteStore['digest']): void {
  noteStore.setState({ digest });
}

export function setTriage(key: string, triage: Triage): void {
  noteStore.setState((s) => ({ triage: { ...s.triage, [key]: triage } }));
}

export function triageOf(key: string): Triage | undefined {
  return noteStore.getState().triage[key];
}

export function setTriagePause(error: NoteError | null): void {
  if (noteStore.getState().triagePause !== error) noteStore.setState({ triagePause: error });
}

/** Triage switched off: its verdicts and its pause go. */
export function clearTriage(): void {
  noteStore.setState({ triage: {}, triagePause: null });
}

/**
 * Drops the note state and triage of posts that left the page (after an SPA navigation, or
 * once triage remembers many posts of a long feed).
 */
export function keepNotesOf(keys: ReadonlySet<string>): void {
  noteStore.setState((s) => ({ notes: only(s.notes, keys), triage: only(s.triage, keys) }));
}

/** The posts whose note state or triage verdict differs between two states of the store. */
export function changedPosts(state: NoteStore, previous: NoteStore): Set<string> {
  const changed = new Set<string>();
  for (const byKey of ['notes', 'triage'] as const) {
    if (state[byKey] === previous[byKey]) continue;
    for (const key of Object.keys(state[byKey]))
      if (state[byKey][key] !== previous[byKey][key]) changed.add(key);
    for (const key of Object.keys(previous[byKey])) if (!(key in state[byKey])) changed.add(key);
  }
  return changed;
}

function only<T>(byKey: Record<string, T>, keys: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(byKey).filter(([key]) => keys.has(key)));
}
