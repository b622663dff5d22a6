import { isPrivateHost } from './private-host';

/**
 * Every evidence request (and a post's pictures) goes through here: a deadline, a cap on the bytes read (a page can be
 * gigabytes; we stop reading, we do not download it all), no cookies, the address the response
 * really came from after redirects, and no answer from a redirect into the reader's own network.
 */
export interface BoundedFetchOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  headers?: Record<string, string>;
  /** GET unless said; POST is for search APIs that take a JSON body (Tavily). */
  method?: 'GET' | 'POST';
  body?: string;
}

export interface BoundedResponse {
  /** The final URL after redirects. */
  url: string;
  status: number;
  /** Lower-cased media type without parameters ("text/html"), '' when absent. */
  mediaType: string;
  /** The response headers (a PDF's Content-Disposition names it). */
  headers: Headers;
  /**
   * The body decoded as text, at most maxBytes of it: charset from Content-Type, else (HTML) from
   * a <meta> in the first 1024 bytes, else UTF-8.
   */
  text: string;
  /** The body was longer than maxBytes and was cut. */
  truncated: boolean;
}

/** What fetchBoundedBytes answers: the body undecoded (a picture), at most maxBytes of it. */
export interface BoundedBytes extends Omit<BoundedResponse, 'text'> {
  bytes: Uint8Array;
}

export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The deadline passed (not a cancel, not a network error). */
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'FetchFailed';
  }
}

/**
 * Requests `url` (GET unless `options.method` says). Rejects with FetchFailed on a non-2xx status,
 * a timeout or a network error; `readBody(mediaType)` decides whether the body is worth reading
 * at all (binaries are not).
 */
export async function fetchBounded(
  url: string,
  options: BoundedFetchOptions,
  readBody: (mediaType: string) => boolean = () => true,
): Promise<BoundedResponse> {
  const { bytes, ...response } = await fetchBoundedBytes(url, options, readBody);
  const contentType = response.headers.get('content-type') ?? '';
  return { ...response, text: decode(bytes, contentType, response.mediaType, response.truncated) };
}

/** As fetchBounded, with the body as bytes (empty when `readBody` declined it). */
export async function fetchBoundedBytes(
  url: string,
  options: BoundedFetchOptions,
  readBody: (mediaType: string) => boolean = () => true,
): Promise<BoundedBytes> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  const describe = (err: unknown): string => {
    if (options.signal.aborted) return 'Cancelled.';
    if (timeout.aborted) return `${url} did not answer within ${formatDuration(options.timeoutMs)}.`;
    return `${url} could not be reached (${err instanceof Error ? err.message : String(err)}).`;
  };
  const failed = (err: unknown) =>
    new FetchFailed(describe(err), undefined, timeout.aborted && !options.signal.aborted);
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      method: options.method ?? 'GET',
      body: options.body,
      headers: options.headers,
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
    });
  } catch (err) {
    throw failed(err);
  }
  if (redirectedIntoPrivateNetwork(url, response.url)) {
    void response.body?.cancel().catch(() => undefined);
    throw new FetchFailed(
      `${url} redirects to ${new URL(response.url).host}, on your own computer or network: Footnote does not follow it.`,
    );
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    throw new FetchFailed(`${url} answered HTTP ${response.status}.`, response.status);
  }
  const contentType = response.headers.get('content-type') ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const base = { url: response.url || url, status: response.status, mediaType, headers: response.headers };
  if (!readBody(mediaType) || !response.body) {
    void response.body?.cancel().catch(() => undefined);
    return { ...base, bytes: new Uint8Array(0), truncated: false };
  }
  try {
    return { ...base, ...(await readAtMost(response.body, options.maxBytes)) };
  } catch (err) {
    throw failed(err);
  }
}

/** Requests and parses JSON (APIs: Wikipedia, Fact Check Tools, search). */
export async function fetchJson(url: string, options: BoundedFetchOptions): Promise<unknown> {
  const response = await fetchBounded(url, options);
  if (response.truncated) throw new FetchFailed(`${url} answered more than ${options.maxBytes} bytes.`);
  try {
    return JSON.parse(response.text);
  } catch {
    throw new FetchFailed(`${url} did not answer JSON.`);
  }
}

/**
 * The browser blocks such a hop where Footnote has host access (utils/background/
 * private-network-guard.ts); elsewhere the request may have gone, but its answer is not used. A
 * service the reader runs on their own network may still redirect within its own origin.
 */
function redirectedIntoPrivateNetwork(requested: string, final: string): boolean {
  if (!final) return false;
  const to = new URL(final);
  return to.origin !== new URL(requested).origin && isPrivateHost(to.hostname);
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

/** A cut body may end inside a character: streaming mode drops that partial sequence. */
function decode(bytes: Uint8Array, contentType: string, mediaType: string, truncated: boolean): string {
  const charset = charsetIn(contentType) ?? (HTML_TYPES.has(mediaType) ? metaCharset(bytes) : undefined);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8'); // an unknown charset label
  }
  return decoder.decode(bytes, { stream: truncated });
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

function charsetIn(text: string): string | undefined {
  return /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text)?.[1];
}

/** `<meta charset=…>` or `<meta http-equiv=… content="…; charset=…">`, as browsers prescan. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = charsetIn(tag);
    if (charset) return charset;
  }
  return undefined;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
