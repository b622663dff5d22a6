/**
 * A GET the UI bundle makes on the page's own origin, as the page's scripts do (the reader's own
 * session: same-origin credentials). Bounded like the evidence fetches (utils/evidence/
 * bounded-fetch.ts), which go without credentials and so cannot serve here: a deadline, and the
 * body read as a stream that stops past a cap.
 */

export interface PageFetchOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  fetchImpl: typeof fetch;
}

/**
 * The body as UTF-8 text; null on a network error, an HTTP error, the deadline, or a body past
 * `maxBytes`. A cancel (`signal`) rejects with its reason.
 */
export async function fetchPageText(url: string, options: PageFetchOptions): Promise<string | null> {
  const { signal, timeoutMs, maxBytes, fetchImpl } = options;
  signal.throwIfAborted();
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('Deadline passed.', 'TimeoutError')),
    timeoutMs,
  );
  try {
    const response = await fetchImpl(url, {
      signal: AbortSignal.any([signal, deadline.signal]),
      credentials: 'same-origin',
    });
    signal.throwIfAborted();
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      return null;
    }
    const text = await textAtMost(response, maxBytes);
    signal.throwIfAborted();
    return text;
  } catch {
    // A network error, the deadline, or the body's stream failing; a cancel stays a cancel.
    signal.throwIfAborted();
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Null past `maxBytes`: stops reading there rather than download it all. */
async function textAtMost(response: Response, maxBytes: number): Promise<string | null> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let length = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    length += value.length;
    if (length > maxBytes) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}
