/**
 * A local stand-in for an OpenAI-compatible Chat Completions endpoint, for e2e and unit tests.
 *
 * It is a real HTTP server (Node standard library only) so the `openai` SDK and the browser's
 * network stack run exactly as in production: SSE streaming, error bodies, headers, sockets
 * that stall or break. Each completion request takes the next scripted behaviour (FIFO), else
 * the default one. Framework-free: usable from Playwright fixtures and from vitest alike.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
// Type-only: keeps the default note in step with the schema without a runtime dependency.
import type { Note } from '../utils/core/note-schema';

export const DEFAULT_API_KEY = 'sk-test-footnote';
export const DEFAULT_MODEL = 'footnote-test-model';

/** A valid note (utils/ai/note-schema.ts); what the server answers unless told otherwise. */
export const DEFAULT_NOTE: Note = {
  summary: 'A neutral summary of the post.',
  classification: 'needs_context',
  note: 'The post leaves out context that readers may find useful.',
  claims: [
    {
      claim: 'The post makes one checkable claim.',
      quote: 'one checkable claim',
      verdict: 'unverifiable',
      confidence: 0.5,
      basis: 'model_knowledge',
      explanation: 'No evidence was available to check it.',
      citations: [],
    },
  ],
  detail: '',
  injection_detected: false,
};

/** What the server does with one completion request. */
export type Behaviour =
  /** A normal answer. An object is JSON.stringified; a string is sent verbatim (malformed JSON). */
  | {
      kind: 'note';
      note: object | string;
      /** Pause between streamed content chunks. Default 0. */
      chunkDelayMs?: number;
      /** Characters per streamed content chunk. Default 12. */
      chunkSize?: number;
      /** Default 'stop'; 'length' emulates a truncated answer. */
      finishReason?: 'stop' | 'length' | 'content_filter';
    }
  /** An OpenAI-shaped error response (401, 404 model_not_found, 429 + Retry-After, 5xx ...). */
  | {
      kind: 'error';
      status: number;
      message?: string;
      code?: string | null;
      type?: string;
      param?: string | null;
      headers?: Record<string, string>;
    }
  /** Accept the request and never answer (no headers) until the client gives up. */
  | { kind: 'stall' }
  /** Send headers and the first `chars` content characters, then hang. */
  | { kind: 'stall-after'; chars: number; note?: object | string }
  /** Send the first `afterChars` content characters, then destroy the socket. */
  | { kind: 'cut'; afterChars: number; note?: object | string }
  /** A well-formed response whose `choices` is empty. */
  | { kind: 'empty-choices' }
  /**
   * A runaway endpoint: the start of a note (`{"summary":"`) and then `chunkSize`-character runs
   * of text that never end, until the client closes the connection (or `maxChars` were sent, a
   * safety stop for a client that never gives up; the response then ends unfinished). Honours
   * backpressure, so a slow client costs the server no memory.
   */
  | { kind: 'flood'; chunkSize?: number; maxChars?: number }
  /** Anything at all. */
  | { kind: 'raw'; status: number; headers?: Record<string, string>; body: string };

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. '/v1/chat/completions'. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** Date.now() when the request arrived. */
  time: number;
  /** Which behaviour answered it (completion requests only). */
  behaviour?: Behaviour['kind'];
  /** How the exchange ended: 'client-closed' means the client aborted before the end. */
  outcome: 'pending' | 'completed' | 'client-closed' | 'server-cut';
}

export type BehaviourSource = Behaviour | ((req: RecordedRequest) => Behaviour);

export interface ModelServerOptions {
  /** Keys accepted as `Authorization: Bearer <key>`; null accepts any request (like Ollama). */
  apiKeys?: string[] | null;
  /** Ids listed by GET /v1/models. */
  models?: string[];
  /**
   * 'cors' (default) answers preflights and sends Access-Control-* headers like hosted providers.
   * 'ollama' emulates Ollama without OLLAMA_ORIGINS: 403 with an empty body for any request whose
   * Origin is not a loopback http(s) origin (e.g. chrome-extension://...), no CORS headers.
   */
  originPolicy?: 'cors' | 'ollama';
}

const CHAT_PATH = '/v1/chat/completions';
/** Where a 'flood' stops if the client never does: 50 MB of text. */
const FLOOD_MAX_CHARS = 50_000_000;
const MODELS_PATH = '/v1/models';

/** Per-status defaults for error bodies, as the real API words them. */
const ERROR_DEFAULTS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: {
    type: 'invalid_request_error',
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported.',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'The model does not exist or you do not have access to it.',
  },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests. Please try again later.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  502: { type: 'server_error', code: null, message: 'Bad gateway.' },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

/** The text of the last user message of a completion request ('' when there is none). */
export function lastUserMessage(req: RecordedRequest): string {
  const messages = (req.body as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages)) return '';
  const last = [...messages].reverse().find((m) => (m as { role?: unknown })?.role === 'user') as
    { content?: unknown } | undefined;
  const content = last?.content;
  if (typeof content === 'string') return content;
  // Content-part arrays: [{ type: 'text', text }, ...]
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        (part as { type?: unknown }).type === 'text' ? String((part as { text?: unknown }).text ?? '') : '',
      )
      .join('');
  }
  return '';
}

function contentOf(note: object | string): string {
  return typeof note === 'string' ? note : JSON.stringify(note);
}

/** Rough token count; the SDK only needs plausible integers. */
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

export class ModelServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Responses still in progress (streams, stalls): reset() and stop() end them. */
  private readonly open = new Set<ServerResponse>();
  private readonly events = new EventEmitter();
  private readonly initial: Required<ModelServerOptions>;
  private queue: Behaviour[] = [];
  private fallback: BehaviourSource = { kind: 'note', note: DEFAULT_NOTE };
  private recorded: RecordedRequest[] = [];
  private apiKeys: string[] | null;
  private models: string[];
  private originPolicy: 'cors' | 'ollama';
  private url = '';

  constructor(options: ModelServerOptions = {}) {
    this.initial = {
      apiKeys: options.apiKeys === undefined ? [DEFAULT_API_KEY] : options.apiKeys,
      models: options.models ?? [DEFAULT_MODEL],
      originPolicy: options.originPolicy ?? 'cors',
    };
    this.apiKeys = this.initial.apiKeys;
    this.models = this.initial.models;
    this.originPolicy = this.initial.originPolicy;
    this.server = createServer((req, res) => {
      // A throwing behaviour function must fail the request visibly, not leave it hanging.
      this.handle(req, res).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: String(error), type: 'server_error', param: null, code: null },
          }),
        );
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 at a free port. baseUrl ends with /v1, as SDK base URLs do. */
  async start(): Promise<{ baseUrl: string }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/v1`;
    return { baseUrl: this.url };
  }

  get baseUrl(): string {
    if (!this.url) throw new Error('ModelServer not started');
    return this.url;
  }

  /** Closes the server and every socket, stalled ones included. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next completion request gets this behaviour (FIFO, before the default). */
  enqueue(...behaviours: Behaviour[]): void {
    this.queue.push(...behaviours);
  }

  /** What completion requests get once the queue is empty. */
  setDefault(source: BehaviourSource): void {
    this.fallback = source;
  }

  setApiKeys(keys: string[] | null): void {
    this.apiKeys = keys;
  }

  setModels(ids: string[]): void {
    this.models = ids;
  }

  setOriginPolicy(policy: 'cors' | 'ollama'): void {
    this.originPolicy = policy;
  }

  /** Forget requests and scripting, restore the constructor's options, end open responses. */
  reset(): void {
    for (const res of this.open) res.socket?.destroy();
    this.open.clear();
    this.queue = [];
    this.fallback = { kind: 'note', note: DEFAULT_NOTE };
    this.recorded = [];
    this.apiKeys = this.initial.apiKeys;
    this.models = this.initial.models;
    this.originPolicy = this.initial.originPolicy;
  }

  /** Every request received since the last reset, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  completionRequests(): RecordedRequest[] {
    return this.recorded.filter((r) => r.method === 'POST' && r.path === CHAT_PATH);
  }

  /** Resolves once at least `count` completion requests have arrived. */
  async waitForCompletionRequests(count = 1, timeoutMs = 10_000): Promise<RecordedRequest[]> {
    const done = () => this.completionRequests().length >= count;
    if (!done()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.events.off('request', check);
          reject(
            new Error(
              `Expected ${count} completion request(s) within ${timeoutMs} ms, got ${this.completionRequests().length}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (!done()) return;
          clearTimeout(timer);
          this.events.off('request', check);
          resolve();
        };
        this.events.on('request', check);
      });
    }
    return this.completionRequests();
  }

  // ---------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers: req.headers,
      body: parseJson(rawBody),
      rawBody,
      time: Date.now(),
      outcome: 'pending',
    };
    this.recorded.push(record);
    this.open.add(res);
    res.on('close', () => {
      this.open.delete(res);
      if (record.outcome === 'pending') record.outcome = res.writableFinished ? 'completed' : 'client-closed';
    });
    this.events.emit('request', record);

    const origin = req.headers.origin;
    if (this.originPolicy === 'ollama' && origin && !isLoopbackOrigin(origin)) {
      res.writeHead(403).end();
      return;
    }
    // Ollama still answers CORS for the origins it allows.
    if (this.originPolicy === 'cors' || (origin && isLoopbackOrigin(origin))) {
      res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
      res.setHeader('Vary', 'Origin');
      res.setHeader(
        'Access-Control-Expose-Headers',
        'x-request-id, retry-after, retry-after-ms, openai-processing-ms',
      );
    }
    if (record.method === 'OPTIONS') {
      // Preflights carry no credentials: answer before the auth check, as real providers do.
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers':
          req.headers['access-control-request-headers'] ?? 'authorization, content-type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }

    if (!this.authorized(req)) {
      const auth = req.headers.authorization;
      this.sendError(res, {
        kind: 'error',
        status: 401,
        message: auth
          ? 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.'
          : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        code: auth ? 'invalid_api_key' : null,
      });
      return;
    }

    if (record.method === 'GET' && record.path === MODELS_PATH) {
      const created = Math.floor(Date.now() / 1000);
      this.sendJson(res, 200, {
        object: 'list',
        data: this.models.map((id) => ({ id, object: 'model', created, owned_by: 'footnote-test' })),
      });
      return;
    }

    if (record.method === 'POST' && record.path === CHAT_PATH) {
      await this.complete(record, res);
      return;
    }

    this.sendError(res, {
      kind: 'error',
      status: 404,
      message: `Invalid URL (${record.method} ${record.path})`,
      code: null,
    });
  }

  private authorized(req: IncomingMessage): boolean {
    if (this.apiKeys === null) return true;
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return !!match && this.apiKeys.includes(match[1] ?? '');
  }

  private async complete(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const body = record.body as
      | {
          model?: unknown;
          messages?: unknown;
          stream?: unknown;
          stream_options?: { include_usage?: unknown };
        }
      | undefined;
    // Validation comes first and consumes no scripted behaviour, like the real API's 400s.
    if (body === undefined) {
      this.sendError(res, {
        kind: 'error',
        status: 400,
        message: 'We could not parse the JSON body of your request.',
      });
      return;
    }
    if (typeof body.model !== 'string' || !body.model) {
      this.sendError(res, {
        kind: 'error',
        status: 400,
        message: 'you must provide a model parameter',
        param: 'model',
      });
      return;
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      this.sendError(res, {
        kind: 'error',
        status: 400,
        message: "Missing required parameter: 'messages'.",
        param: 'messages',
      });
      return;
    }

    const next = this.queue.shift() ?? this.fallback;
    const behaviour = typeof next === 'function' ? next(record) : next;
    record.behaviour = behaviour.kind;

    const reply = new Reply(
      res,
      body.model,
      body.stream === true,
      body.stream_options?.include_usage === true,
      body.messages,
    );
    switch (behaviour.kind) {
      case 'note':
        await reply.answer(
          contentOf(behaviour.note),
          behaviour.chunkSize ?? 12,
          behaviour.chunkDelayMs ?? 0,
          behaviour.finishReason ?? 'stop',
        );
        return;
      case 'error':
        this.sendError(res, behaviour);
        return;
      case 'stall':
        return; // Hold the socket open; the client (or stop/reset) ends it.
      case 'stall-after':
        reply.partial(contentOf(behaviour.note ?? DEFAULT_NOTE).slice(0, behaviour.chars));
        return;
      case 'cut':
        reply.partial(contentOf(behaviour.note ?? DEFAULT_NOTE).slice(0, behaviour.afterChars));
        record.outcome = 'server-cut';
        // Let the written bytes leave before the reset, so the client sees a torn body.
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      case 'empty-choices':
        reply.emptyChoices();
        return;
      case 'flood':
        await reply.flood(behaviour.chunkSize ?? 16_384, behaviour.maxChars ?? FLOOD_MAX_CHARS);
        return;
      case 'raw':
        res.writeHead(behaviour.status, behaviour.headers ?? {});
        res.end(behaviour.body);
        return;
    }
  }

  private sendError(res: ServerResponse, error: Extract<Behaviour, { kind: 'error' }>): void {
    const defaults = ERROR_DEFAULTS[error.status] ?? ERROR_DEFAULTS[500]!;
    for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
    this.sendJson(res, error.status, {
      error: {
        message: error.message ?? defaults.message,
        type: error.type ?? defaults.type,
        param: error.param ?? null,
        code: error.code === undefined ? defaults.code : error.code,
      },
    });
  }

  private sendJson(res: ServerResponse, status: number, payload: unknown): void {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'x-request-id': `req_${randomBytes(12).toString('hex')}`,
    });
    res.end(text);
  }
}

/** One completion response, streamed (SSE) or whole (JSON), shaped like the real API's. */
class Reply {
  private readonly id = `chatcmpl-${randomBytes(12).toString('base64url')}`;
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(
    private readonly res: ServerResponse,
    private readonly model: string,
    private readonly stream: boolean,
    private readonly includeUsage: boolean,
    private readonly messages: unknown[],
  ) {}

  async answer(content: string, chunkSize: number, delayMs: number, finishReason: string): Promise<void> {
    if (!this.stream) {
      this.json(content, finishReason);
      return;
    }
    this.startStream();
    this.chunk({ role: 'assistant', content: '', refusal: null }, null);
    for (let i = 0; i < content.length; i += Math.max(1, chunkSize)) {
      if (delayMs > 0) await sleep(delayMs);
      if (this.res.destroyed) return; // The client gave up; stop like the real API does.
      this.chunk({ content: content.slice(i, i + Math.max(1, chunkSize)) }, null);
    }
    this.chunk({}, finishReason);
    this.finishStream(content);
  }

  /** Headers plus the start of the content, and no end (for stalls and cuts). */
  partial(content: string): void {
    if (!this.stream) {
      // Announce the whole body's length but send it only up to the open content string:
      // the client waits for bytes that never come (or sees the socket torn, for 'cut').
      const text = JSON.stringify(this.completionBody(content, 'stop'));
      const quoted = JSON.stringify(content);
      this.res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      this.res.write(text.slice(0, text.indexOf(quoted) + quoted.length - 1));
      return;
    }
    this.startStream();
    this.chunk({ role: 'assistant', content: '', refusal: null }, null);
    if (content) this.chunk({ content }, null);
  }

  emptyChoices(): void {
    if (!this.stream) {
      this.res.writeHead(200, { 'Content-Type': 'application/json' });
      this.res.end(JSON.stringify({ ...this.completionBody('', 'stop'), choices: [] }));
      return;
    }
    this.startStream();
    this.write({ ...this.chunkBase(), choices: [] });
    this.finishStream('');
  }

  /** Streamed or whole, an answer that keeps coming until the client leaves (see 'flood'). */
  async flood(chunkSize: number, maxChars: number): Promise<void> {
    const opening = '{"summary":"';
    const run = 'a'.repeat(Math.max(1, chunkSize));
    if (this.stream) {
      this.startStream();
      this.chunk({ role: 'assistant', content: '', refusal: null }, null);
    } else {
      // No Content-Length: the body is chunked and its closing never comes.
      this.res.writeHead(200, { 'Content-Type': 'application/json' });
      const body = JSON.stringify(this.completionBody(opening, 'stop'));
      const quoted = JSON.stringify(opening);
      await this.send(body.slice(0, body.indexOf(quoted) + quoted.length - 1));
    }
    let closed = this.res.destroyed;
    this.res.once('close', () => (closed = true));
    let sent = 0;
    let text = this.stream ? opening : '';
    while (sent < maxChars && !closed) {
      text += run;
      sent += text.length;
      await this.send(this.stream ? this.chunkEvent({ content: text }, null) : text);
      text = '';
    }
    if (!closed) this.res.end();
  }

  /** Writes and waits until the socket took it (or closed): backpressure for endless answers. */
  private async send(data: string): Promise<void> {
    if (this.res.destroyed || this.res.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  private json(content: string, finishReason: string): void {
    const text = JSON.stringify(this.completionBody(content, finishReason));
    this.res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'x-request-id': `req_${randomBytes(12).toString('hex')}`,
    });
    this.res.end(text);
  }

  private completionBody(content: string, finishReason: string) {
    return {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: this.usage(content),
      service_tier: 'default',
      system_fingerprint: 'fp_footnote',
    };
  }

  private usage(content: string) {
    const prompt = tokens(JSON.stringify(this.messages));
    const completion = content ? tokens(content) : 0;
    return {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    };
  }

  private startStream(): void {
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'x-request-id': `req_${randomBytes(12).toString('hex')}`,
    });
    this.res.flushHeaders();
  }

  private chunkBase() {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      service_tier: 'default',
      system_fingerprint: 'fp_footnote',
    };
  }

  private chunk(delta: Record<string, unknown>, finishReason: string | null): void {
    if (!this.res.destroyed) this.res.write(this.chunkEvent(delta, finishReason));
  }

  /** One SSE event of a streamed answer. */
  private chunkEvent(delta: Record<string, unknown>, finishReason: string | null): string {
    return sseEvent({
      ...this.chunkBase(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      // With include_usage the real API puts `usage: null` on every chunk but the last.
      ...(this.includeUsage ? { usage: null } : {}),
    });
  }

  private finishStream(content: string): void {
    if (this.res.destroyed) return;
    if (this.includeUsage) this.write({ ...this.chunkBase(), choices: [], usage: this.usage(content) });
    this.res.end('data: [DONE]\n\n');
  }

  private write(event: unknown): void {
    if (!this.res.destroyed) this.res.write(sseEvent(event));
  }
}

function sseEvent(event: unknown): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
