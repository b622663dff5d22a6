import { isFlagged } from '@/components/popup/post-filter';
import { sendToBackground } from '@/utils/messaging/content-client';
import { nextFrame, subscribeUntil } from './abortable';
import { noteStore, type NoteStore } from './note-store';
import { shownNote } from './post-list';

/**
 * How many of the page's posts are flagged: the posts the popup's "Flagged" filter lists (their
 * note or their triage verdict says false, misleading or needs context, or they tried to instruct
 * the model), each once however many copies of it the page shows. The posts are those noteStore
 * holds, which an in-app navigation trims to the posts still on the page.
 */
export function flaggedCount({ notes, triage }: Pick<NoteStore, 'notes' | 'triage'>): number {
  let count = 0;
  for (const key of new Set([...Object.keys(notes), ...Object.keys(triage)]))
    if (isFlagged(shownNote(notes[key], triage[key]))) count++;
  return count;
}

/**
 * Keeps the toolbar button's badge on this tab at the page's flagged count
 * (utils/background/action-badge.ts): counted at most once a frame after noteStore changed (a
 * triage batch's verdicts arrive one message each, a note streams), sent only when the number
 * changed, and 0 when the session ends. Nothing is sent while no post is flagged.
 */
export function reportFlaggedCount(signal: AbortSignal): void {
  let sent = 0;
  let due = false;
  const send = (count: number) => {
    if (count === sent) return;
    sent = count;
    sendToBackground({ type: 'toolbar:flagged', count }).catch(ignore);
  };
  subscribeUntil(signal, noteStore, () => {
    if (due) return;
    due = true;
    nextFrame(signal, () => {
      due = false;
      send(flaggedCount(noteStore.getState()));
    });
  });
  signal.addEventListener('abort', () => send(0), { once: true });
}

/** The badge is a hint: a background that cannot be reached (the extension updated) leaves it. */
function ignore(): void {}
