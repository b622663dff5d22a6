import type { StoreApi } from 'zustand/vanilla';

/*
 * Timers and subscriptions tied to a session's AbortSignal: when Footnote stops on a page (one
 * abort()), nothing it started runs again. Each returns its cancel, for an earlier end; a timer
 * that ran or was cancelled leaves no listener on the signal.
 */

/** Runs `run` after `ms`, unless cancelled or the signal aborts first. */
export function later(signal: AbortSignal, ms: number, run: () => void): () => void {
  return until(signal, (fire) => clearTimeout.bind(null, setTimeout(fire, ms)), run);
}

/** Runs `run` in the next animation frame, unless cancelled or the signal aborts first. */
export function nextFrame(signal: AbortSignal, run: () => void): () => void {
  return until(signal, (fire) => cancelAnimationFrame.bind(null, requestAnimationFrame(fire)), run);
}

/** store.subscribe until the signal aborts. */
export function subscribeUntil<S>(
  signal: AbortSignal,
  store: StoreApi<S>,
  listener: (state: S, previous: S) => void,
): void {
  if (!signal.aborted) signal.addEventListener('abort', store.subscribe(listener), { once: true });
}

/** Starts something that calls `fire` once; returns its cancel, which the signal's abort calls too. */
function until(signal: AbortSignal, start: (fire: () => void) => () => void, run: () => void): () => void {
  if (signal.aborted) return () => {};
  const cancel = () => {
    signal.removeEventListener('abort', cancel);
    stop();
  };
  const stop = start(() => {
    signal.removeEventListener('abort', cancel);
    run();
  });
  signal.addEventListener('abort', cancel);
  return cancel;
}

/** A controller that aborts with `signal` too: a part of a session that can also stop on its own. */
export function childController(signal: AbortSignal): AbortController {
  const child = new AbortController();
  if (signal.aborted) child.abort();
  // Removed when the child stops first, so switching the part on and off leaves nothing behind.
  else signal.addEventListener('abort', () => child.abort(), { once: true, signal: child.signal });
  return child;
}
