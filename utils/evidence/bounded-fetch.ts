/**
 * Every evidence request goes through here: a deadline, a cap on the bytes read (a page can be
 * gigabytes; we stop reading, we do not download it all), no cookies, and the address the
 * response really came from after redirects.
 */
export interface BoundedFetchOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  headers?: Record<string, string>;
}

export interface BoundedResponse {
  /** The final URL after redirects. */
  url: string;
  status: number;
  /** Lower-cased media type without parameters ("text/html"), '' when absent. */
  mediaType: string;
  /** The body decoded as text (charset from Content-Type, else UTF-8), at most maxBytes of it. */
  text: string;
  /** The body was longer than maxBytes and was cut. */
  truncated: boolean;
}

export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchFailed';
  }
}

/**
 * GET `url`. Rejects with FetchFailed on a non-2xx status, a timeout or a network error;
 * `readBody(mediaType)` decides whether the body is worth reading at all (binaries are not).
 */
export async function fetchBounded(
  url: string,
  options: BoundedFetchOptions,
  readBody: (mediaType: string) => boolean = () => true,
): Promise<BoundedResponse> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      headers: options.headers,
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
    });
  } catch (err) {
    throw new FetchFailed(describeFetchError(err, url, options.timeoutMs));
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    throw new FetchFailed(`${url} answered HTTP ${response.status}.`, response.status);
  }
  const contentType = response.headers.get('content-type') ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const base = { url: response.url || url, status: response.status, mediaType };
  if (!readBody(mediaType) || !response.body) {
    void response.body?.cancel().catch(() => undefined);
    return { ...base, text: '', truncated: false };
  }
  try {
    const { bytes, truncated } = await readAtMost(response.body, options.maxBytes);
    return { ...base, text: decode(bytes, contentType), truncated };
  } catch (err) {
    throw new FetchFailed(describeFetchError(err, url, options.timeoutMs));
  }
}

/** GET and parse JSON (APIs: Wikipedia, Fact Check Tools, search). */
export async function fetchJson(url: string, options: BoundedFetchOptions): Promise<unknown> {
  const response = await fetchBounded(url, options);
  if (response.truncated) throw new FetchFailed(`${url} answered more than ${options.maxBytes} bytes.`);
  try {
    return JSON.parse(response.text);
  } catch {
    throw new FetchFailed(`${url} did not answer JSON.`);
  }
}

async function readAtMost(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - length;
    if (value.length > room) {
      chunks.push(value.subarray(0, room));
      length = maxBytes;
      truncated = true;
      void reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    length += value.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, truncated };
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes); // an unknown charset label
  }
}

function describeFetchError(err: unknown, url: string, timeoutMs: number): string {
  if (err instanceof DOMException && err.name === 'TimeoutError') {
    return `${url} did not answer within ${Math.round(timeoutMs / 1000)} s.`;
  }
  if (err instanceof DOMException && err.name === 'AbortError') return 'Cancelled.';
  return `${url} could not be reached (${err instanceof Error ? err.message : String(err)}).`;
}
