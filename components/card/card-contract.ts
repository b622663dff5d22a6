import type { NoteState } from '@/utils/core/note-state';
import type { Triage } from '@/utils/core/triage';

/**
 * The contract between the content script and the lazily injected card UI bundle
 * (entrypoints/card-ui). The content script owns state and behaviour; the card renders.
 */
export interface CardModel {
  postKey: string;
  authorName: string;
  handle: string;
  state: NoteState;
  /** What triage said of the post, when it was triaged: shown until the note is written. */
  triage?: Triage;
  /** Pinned cards take focus and stay open until closed. */
  pinned: boolean;
}

export interface CardActions {
  close(): void;
  retry(): void;
  regenerate(): void;
  openOptions(): void;
  /** Puts the note's text on the clipboard; rejects when the page does not allow it. */
  copy(text: string): Promise<void>;
  /** Shows the post's note in the toolbar popup. */
  openInPopup(): void;
}

export interface CardUi {
  /** Renders (or with null, clears) the card into the shadow root. */
  render(root: ShadowRoot, model: CardModel | null, actions: CardActions): void;
  /** The stylesheet text for the shadow root. */
  css: string;
}

/** Where the card UI registers itself in the content script's isolated world. */
export const CARD_UI_GLOBAL = '__footnoteCardUi';
