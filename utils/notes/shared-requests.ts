import { noteError } from '../core/note-error';
import { NoteFailure } from '../ai/provider-errors';

interface Shared<T, P> {
  promise: Promise<T>;
  controller: AbortController;
  listeners: Set<(partial: P) => void>;
  last: P | undefined;
  members: number;
}

/**
 * Identical requests in flight share one model call (two badges of the same post, a repost of
 * the same text): each member sees the partials and the result, and the call is aborted only
 * when every member has cancelled.
 */
export class SharedRequests<T, P> {
  private readonly running = new Map<string, Shared<T, P>>();

  join(
    key: string,
    start: (signal: AbortSignal, onPartial: (partial: P) => void) => Promise<T>,
    onPartial: (partial: P) => void,
    signal: AbortSignal,
  ): Promise<T> {
    const shared = this.running.get(key) ?? this.begin(key, start);
    shared.members++;
    shared.listeners.add(onPartial);
    if (shared.last !== undefined) onPartial(shared.last);

    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        shared.listeners.delete(onPartial);
        signal.removeEventListener('abort', cancel);
      };
      const cancel = () => {
        leave();
        if (--shared.members === 0) shared.controller.abort();
        reject(new NoteFailure(noteError('cancelled', 'The request was cancelled.')));
      };
      if (signal.aborted) return cancel();
      signal.addEventListener('abort', cancel, { once: true });
      shared.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (err: unknown) => {
          leave();
          reject(err);
        },
      );
    });
  }

  get size(): number {
    return this.running.size;
  }

  private begin(key: string, start: (signal: AbortSignal, onPartial: (partial: P) => void) => Promise<T>) {
    const shared: Shared<T, P> = {
      promise: Promise.resolve() as Promise<never>,
      controller: new AbortController(),
      listeners: new Set(),
      last: undefined,
      members: 0,
    };
    shared.promise = start(shared.controller.signal, (partial) => {
      shared.last = partial;
      for (const listener of shared.listeners) listener(partial);
    }).finally(() => this.running.delete(key));
    shared.promise.catch(() => {}); // members handle failures; an unobserved one is not a crash
    this.running.set(key, shared);
    return shared;
  }
}
