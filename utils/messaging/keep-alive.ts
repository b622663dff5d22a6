import { browser } from 'wxt/browser';

/**
 * MV3 stops a service worker after ~30 s without extension events, even while a fetch to a
 * slow model is pending. Any extension API call resets that timer (Chrome 110+:
 * https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle),
 * so one cheap call every 20 s keeps the worker up while notes are being written, and only then.
 */
const INTERVAL_MS = 20_000;

let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Keeps the worker alive until the returned function is called. */
export function holdWorkerAlive(): () => void {
  holders++;
  timer ??= setInterval(() => void browser.runtime.getPlatformInfo(), INTERVAL_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
