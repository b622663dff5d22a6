import type { NoteError } from '@/utils/core/note-error';
import type { NoteState } from '@/utils/core/note-state';
import type { PlatformContext } from '@/utils/core/post';
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
  /** What the platform itself shows on the post (Post.platformContext): shown on top at once. */
  platformContext?: PlatformContext[];
  /** The post (or its quoted post) has a video: the card says its frames were not sent. */
  hasVideo?: boolean;
  /** Pinned cards take focus and stay open until closed. */
  pinned: boolean;
  /** A source the reader suggested for the note: being read and written with, or why it failed. */
  suggestion?: SuggestionState;
}

/** While `error` is null the note is being rewritten; the note shown stays until it is done. */
export interface SuggestionState {
  url: string;
  error: NoteError | null;
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
  /** Rewrites the note with a source the reader suggested (the address they typed). */
  suggestSource(url: string): void;
}

/**
 * What the card does on the page itself, given by the UI bundle (not the content script): plays
 * the page's video from a second (a moment of that video's note).
 */
export interface CardPage {
  seekVideo(videoId: string, seconds: number): void;
}

/**
 * What the UI bundle does for the card's host (entrypoints/content/card-host.ts). Only what must
 * run before the UI is there stays in the content script; reading the page's theme and placing
 * the card happen once it has loaded, so they are not in the page-load bundle.
 */
export interface CardUi {
  /** Renders (or with null, clears) the card into the shadow root. */
  render(root: ShadowRoot, model: CardModel | null, actions: CardActions): void;
  /** Gives a Footnote host's shadow root the UI's stylesheet (one sheet, shared by every host). */
  adoptStyles(root: ShadowRoot): void;
  /** The site's theme behind `anchor` (light, dim or dark): read when a host opens. */
  theme(anchor: Element): string;
  /** Puts a host on the page, where a fixed element stays fixed to the viewport. */
  attach(host: HTMLElement): void;
  /** Moves the card's host beside the post `anchor` belongs to (over it only when nothing fits). */
  place(host: HTMLElement, anchor: Element): void;
}

/** Where the card UI registers itself in the content script's isolated world. */
export const CARD_UI_GLOBAL = '__footnoteCardUi';
