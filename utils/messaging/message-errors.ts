import type { NoteError } from '../core/note-error';

/** A message that got no answer: nobody listened, or nobody answered in time. */
export class NoAnswerError extends Error {}

/** An answer that is not what the protocol says this request is answered with. */
export class BadAnswerError extends Error {
  constructor(type: string) {
    super(`The answer to "${type}" is not one the protocol allows.`);
  }
}

/**
 * The request was refused (sent from a context it is not accepted from) or failed where it was
 * handled. Thrown by a handler to answer with this error; thrown by the client when the answer
 * carries one.
 */
export class MessageRefusedError extends Error {
  constructor(readonly error: NoteError) {
    super(error.message);
  }
}
