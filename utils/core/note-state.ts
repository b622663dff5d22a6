import type { Note, PartialNote } from './note-schema';
import type { NoteError } from './note-error';
import type { NoteMeta } from './note-meta';
import type { VideoProgress } from './video';

/** A post's note as the page and popup see it, from "requested" to a result. */
export type NoteState =
  /** `progress` while a video's transcript is read and outlined, before any text. */
  | { status: 'loading'; progress?: VideoProgress }
  | { status: 'streaming'; partial: PartialNote }
  | { status: 'done'; note: Note; meta: NoteMeta }
  | { status: 'error'; error: NoteError }
  /** The post has no text, description, quote or link: no model call was made. */
  | { status: 'nothing' };

export type NoteStatus = NoteState['status'] | 'idle';
