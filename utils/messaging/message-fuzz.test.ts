/**
 * Issue 7, hardening: thousands of random and malformed messages against the protocol schemas
 * (every message is validated where it is received) and against the note-port
 * server with a fake port. safeParse must never throw, must reject everything that is not a
 * well-formed message, and nothing may reach Object.prototype or the note engine.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST_TEXT_MAX, type Post } from '../core/post';
import { BATCH_MAX } from '../ai/batch-size';
import { doneNote } from '../../test-support/sample-note';
import type { PauseSink, TriageItem } from '../notes/note-engine';
import {
  CONTENT_SCRIPT_REQUESTS,
  NOTE_PORT_NAME,
  notePortOutSchema,
  requestType,
  TAB_REQUESTS,
  type Parser,
  type RequestDefs,
  type RequestMap,
} from './protocol';
import { EXTENSION_PAGE_REQUESTS } from './extension-page-protocol';
import { popupPortMessageSchema } from './popup-protocol';
import { notePortInSchema } from './note-port-requests';

// ---- a small fake of wxt/browser: just what note-port-server.ts and sender.ts touch ----
const fake = vi.hoisted(() => ({
  connectListeners: [] as Array<(port: unknown) => void>,
}));
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'footnote-test-id',
      getURL: (path: string) => `chrome-extension://footnote-test-id${path}`,
      getPlatformInfo: () => Promise.resolve({}),
      onConnect: { addListener: (listener: (port: unknown) => void) => fake.connectListeners.push(listener) },
    },
  },
}));

const { serveNotePorts } = await import('./note-port-server');

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const ALPHABET = 'abcxyz:_-<>/"\'\\ \u0000\u202e\u200b{}[]$é漢😀';
function randomString(r: Rng, max = 40): string {
  return Array.from({ length: r.int(max) }, () => r.pick([...ALPHABET])).join('');
}

/** Any JSON-ish value, with odd numbers, long strings and nesting. */
function randomValue(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 4 ? 7 : 10);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r.pick([0, -1, 1e308, -0, NaN, Infinity, 2 ** 53 + 1, 0.5]);
    case 3:
      return r.next() < 0.5;
    case 4:
    case 5:
      return randomString(r);
    case 6:
      return r.pick([[], {}, '', 'x'.repeat(70_000), Symbol('s'), () => 1, 10n]);
    case 7:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = r.int(6); i > 0; i--)
        obj[r.pick(['type', 'requestId', 'post', 'items', randomString(r, 8)])] = randomValue(r, depth + 1);
      return obj;
    }
  }
}

/** Message types that are valid with nothing but their `type`: random extras cannot break them. */
const TYPE_ONLY = new Set(['card-ui:load', 'options:open', 'notes:history', 'notes:clear']);

const VALID_POST: Post = {
  site: 'x',
  id: '2126225507567988089',
  url: 'https://x.com/bia_souza/status/2126225507567988089',
  author: { name: 'Beatriz Souza', handle: 'bia_souza' },
  time: '2026-11-27T08:03:59.000Z',
  text: 'Bom dia!',
  lang: 'pt',
  truncated: false,
  links: [],
  media: { imageAlts: [], hasVideo: false },
  quoted: null,
  parent: null,
  replyTo: [],
};
const validRequest = () => ({ type: 'note:request', requestId: 'r1', post: structuredClone(VALID_POST) });
const validBatch = () => ({
  type: 'batch:request',
  batchId: 'b1',
  items: [{ requestId: 'r1', post: structuredClone(VALID_POST) }],
});
const validTriage = () => ({
  type: 'triage:request',
  batchId: 't1',
  items: [
    { requestId: 'r1', post: structuredClone(VALID_POST) },
    { requestId: 'r2', post: { ...structuredClone(VALID_POST), id: '2' } },
  ],
});

const HUGE = 'A'.repeat(5 * 1024 * 1024); // a 5 MB "post"

/**
 * Malformed variants of well-formed port messages: each breaks one rule the schema states, so
 * every one of them must be rejected.
 */
function malformedPortMessages(r: Rng): unknown[] {
  const post = (patch: (p: Record<string, unknown>) => void) => {
    const message = validRequest();
    patch(message.post as unknown as Record<string, unknown>);
    return message;
  };
  return [
    post((p) => (p.text = HUGE)),
    post((p) => (p.text = 'x'.repeat(POST_TEXT_MAX + 1))),
    post((p) => ((p.quoted as unknown) = { ...VALID_POST, id: null, text: HUGE })),
    post((p) => (p.author = { name: 'n'.repeat(501), handle: 'h' })),
    post((p) => (p.links = Array.from({ length: 51 }, (_, i) => `https://a.test/${i}`))),
    post((p) => (p.links = ['u'.repeat(2_001)])),
    post((p) => (p.media = { imageAlts: Array.from({ length: 21 }, () => 'alt'), hasVideo: false })),
    post((p) => (p.replyTo = Array.from({ length: 51 }, () => 'h'))),
    post((p) => (p.site = r.pick(['twitter', 'X', '', '__proto__']))),
    post((p) => (p.id = '')),
    post((p) => (p.lang = 'l'.repeat(36))),
    post((p) => delete p[r.pick(Object.keys(VALID_POST))]),
    post((p) => {
      // A value of another kind than the field's (a string for a boolean, null for a list …).
      const key = r.pick(['text', 'truncated', 'links', 'media', 'author', 'replyTo', 'url']);
      p[key] = r.pick([7, 'str', null, [], true, {}].filter((v) => kindOf(v) !== kindOf(p[key])));
    }),
    post((p) => {
      // Deep nesting where a string belongs.
      let deep: unknown = 'x';
      for (let i = 0; i < 10_000; i++) deep = [deep];
      p.text = deep;
    }),
    { ...validRequest(), requestId: '' },
    { ...validRequest(), requestId: 'r'.repeat(101) },
    { ...validRequest(), requestId: r.int(1000) },
    { ...validRequest(), refresh: 'yes' },
    { ...validRequest(), post: undefined },
    { ...validRequest(), type: r.pick(['note:Request', 'note:request ', 'note', '', 'batch:digest']) },
    { type: 'note:cancel' },
    { type: 'note:cancel', requestId: '' },
    { ...validBatch(), items: [] },
    {
      ...validBatch(),
      items: Array.from({ length: BATCH_MAX + 1 }, (_, i) => ({ requestId: `r${i}`, post: VALID_POST })),
    },
    { ...validBatch(), items: [{ requestId: 'r1', post: { ...VALID_POST, text: HUGE } }] },
    { ...validBatch(), batchId: undefined },
    { ...validTriage(), items: [] },
    {
      ...validTriage(),
      items: Array.from({ length: BATCH_MAX + 1 }, (_, i) => ({ requestId: `r${i}`, post: VALID_POST })),
    },
    { ...validTriage(), items: [{ requestId: 'r1', post: { ...VALID_POST, text: HUGE } }] },
    { ...validTriage(), items: [{ requestId: '', post: VALID_POST }] },
    { ...validTriage(), items: [{ requestId: 'r1' }] },
    { ...validTriage(), batchId: r.pick([undefined, '', 'b'.repeat(101), 7]) },
    { ...validTriage(), type: r.pick(['triage:Request', 'triage', 'triage:done', 'triage:paused']) },
    JSON.parse(`{"__proto__": {"polluted": true}, "type": "note:request", "requestId": "r1"}`),
    JSON.parse(`{"constructor": {"prototype": {"polluted": true}}, "type": "note:cancel"}`),
  ];
}

/** A channel's requests as one parser: the message's type picks its schema, as the receivers do. */
function requestsOf<D extends RequestDefs>(map: RequestMap<D>): Parser<unknown> {
  return {
    safeParse(raw) {
      const type = requestType(map, raw);
      return type === null ? { success: false } : map[type].request.safeParse(raw);
    },
  };
}
const extensionPageRequests = requestsOf(EXTENSION_PAGE_REQUESTS);
const contentScriptRequests = requestsOf(CONTENT_SCRIPT_REQUESTS);
const tabRequests = requestsOf(TAB_REQUESTS);

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function expectPrototypesClean() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
}

const SCHEMAS: Record<string, Parser<unknown>> = {
  extensionPageRequests,
  contentScriptRequests,
  notePortInSchema,
  tabRequests,
  notePortOutSchema,
  popupPortMessageSchema,
};
const RANDOM_PER_SCHEMA = 5_000;

describe('protocol schemas under fuzzing', () => {
  afterEach(expectPrototypesClean);

  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: ${RANDOM_PER_SCHEMA} random values never throw, and none is accepted`, () => {
      const r = rng(0xf007 + name.length);
      let accepted = 0;
      for (let i = 0; i < RANDOM_PER_SCHEMA; i++) {
        const value = randomValue(r);
        let result: { success: boolean } | undefined;
        expect(() => (result = schema.safeParse(value))).not.toThrow();
        const type = (value as { type?: unknown } | null)?.type;
        // Random objects may carry a random `type` key; only the type-only messages could pass.
        if (result!.success && !(typeof type === 'string' && TYPE_ONLY.has(type))) accepted++;
      }
      expect(accepted).toBe(0);
    }, 60_000);
  }

  it('notePortInSchema rejects every malformed request (5 MB text, caps, wrong types, deep nesting, proto keys)', () => {
    const r = rng(7);
    let tried = 0;
    for (let round = 0; round < 40; round++) {
      for (const [i, message] of malformedPortMessages(r).entries()) {
        const result = notePortInSchema.safeParse(message);
        expect(result.success, `malformed variant #${i}, round ${round}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(1_000);
    // The well-formed ones it was derived from pass (the oracle is not vacuous).
    expect(notePortInSchema.safeParse(validRequest()).success).toBe(true);
    expect(notePortInSchema.safeParse(validBatch()).success).toBe(true);
    expect(notePortInSchema.safeParse(validTriage()).success).toBe(true);
  }, 60_000);

  it('the other schemas reject their malformed variants', () => {
    const bad: Array<[Parser<unknown>, unknown]> = [
      [extensionPageRequests, { type: 'sites:enable', origin: 'https://'.padEnd(301, 'a') }],
      [extensionPageRequests, { type: 'sites:disable' }],
      [extensionPageRequests, { type: 'provider:test', draft: { apiKey: 'k'.repeat(2_001) } }],
      [extensionPageRequests, { type: 'provider:test' }],
      [extensionPageRequests, { type: 'note:request' }],
      [extensionPageRequests, { type: 'card-ui:load' }], // a content script's request
      [contentScriptRequests, { type: 'popup:open', key: 'k'.repeat(601) }],
      [contentScriptRequests, { type: 'notes:clear' }], // an extension page's request
      [contentScriptRequests, { type: '__proto__' }],
      [tabRequests, { type: 'command', command: 'rm -rf' }],
      [tabRequests, { type: 'posts:open', key: 'k'.repeat(601) }],
      [tabRequests, { type: 'posts:open' }],
      [popupPortMessageSchema, { type: 'post', post: { key: 'x:1', status: 'weird' } }],
      [notePortOutSchema, { type: 'note:done', requestId: 'r1', note: { summary: 1 } }],
      [notePortOutSchema, { type: 'note:error', requestId: 'r1', error: { code: 'pwned', message: '' } }],
      [notePortOutSchema, { type: 'note:partial', requestId: 'r1', note: { claims: 'x' } }],
      [notePortOutSchema, { type: 'batch:digest', batchId: 'b', digest: HUGE }], // no `final`
      [notePortOutSchema, { type: 'triage:done', requestId: 'r1', triage: { classification: 'false' } }],
      [
        notePortOutSchema,
        {
          type: 'triage:done',
          requestId: 'r1',
          triage: {
            classification: 'false',
            reason: 'x'.repeat(161),
            worth_note: true,
            injection_detected: false,
          },
        },
      ],
      [notePortOutSchema, { type: 'triage:skipped' }],
      [notePortOutSchema, { type: 'triage:paused', batchId: 't1', error: { code: 'pwned', message: '' } }],
    ];
    for (const [schema, message] of bad) expect(schema.safeParse(message).success).toBe(false);
  });

  it('a valid message with __proto__ and constructor keys parses without polluting anything', () => {
    const message = JSON.parse(
      `{"type":"note:request","requestId":"r1","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"post":${JSON.stringify({ ...VALID_POST, __proto__x: 1 }).replace('"__proto__x"', '"__proto__"')}}`,
    ) as unknown;
    const result = notePortInSchema.safeParse(message);
    expect(result.success).toBe(true);
    const data = result.data as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data.polluted).toBeUndefined();
    expect(Object.hasOwn(data, 'constructor')).toBe(false);
    expect((data.post as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('note-port server with a fake port', () => {
  const engine = {
    requestNote: vi.fn(() => Promise.resolve()),
    requestBatch: vi.fn(() => Promise.resolve()),
    peekNote: vi.fn((_post: Post): Promise<unknown> => Promise.resolve(null)),
    requestTriage: vi.fn((_items: TriageItem[], _onPaused: PauseSink, _signal: AbortSignal): Promise<void> =>
      Promise.resolve(),
    ),
  };

  function connect(sender: unknown) {
    const messageListeners: Array<(raw: unknown) => void> = [];
    const disconnectListeners: Array<() => void> = [];
    const port = {
      name: NOTE_PORT_NAME,
      sender,
      postMessage: vi.fn(),
      disconnect: vi.fn(),
      onMessage: { addListener: (fn: (raw: unknown) => void) => messageListeners.push(fn) },
      onDisconnect: { addListener: (fn: () => void) => disconnectListeners.push(fn) },
    };
    for (const listener of fake.connectListeners) listener(port);
    return {
      port,
      send: (raw: unknown) => messageListeners.forEach((fn) => fn(raw)),
      listening: () => messageListeners.length,
      /** The page went away. */
      close: () => disconnectListeners.forEach((fn) => fn()),
    };
  }
  const CONTENT_SCRIPT = { id: 'footnote-test-id', tab: { id: 7 }, frameId: 0, url: 'https://x.com/home' };

  beforeEach(() => {
    fake.connectListeners.length = 0;
    engine.requestNote.mockClear();
    engine.requestBatch.mockClear();
    engine.peekNote.mockClear();
    engine.requestTriage.mockReset();
    engine.requestTriage.mockImplementation(() => Promise.resolve());
    serveNotePorts(engine as unknown as Parameters<typeof serveNotePorts>[0]);
  });
  afterEach(expectPrototypesClean);

  it('5,000 random and malformed messages on a content-script port: no throw, no engine call', () => {
    const { send } = connect(CONTENT_SCRIPT);
    const r = rng(42);
    const malformed = Array.from({ length: 5 }, () => malformedPortMessages(r)).flat();
    let sent = 0;
    for (let i = 0; i < 5_000; i++) {
      const message = i % 5 === 0 ? r.pick(malformed) : randomValue(r);
      expect(() => send(message)).not.toThrow();
      sent++;
    }
    expect(sent).toBe(5_000);
    expect(engine.requestNote).not.toHaveBeenCalled();
    expect(engine.requestBatch).not.toHaveBeenCalled();
    expect(engine.peekNote).not.toHaveBeenCalled();
    expect(engine.requestTriage).not.toHaveBeenCalled();
    // Positive control: well-formed requests do reach the engine.
    send(validRequest());
    expect(engine.requestNote).toHaveBeenCalledTimes(1);
    send(validTriage());
    expect(engine.requestTriage).toHaveBeenCalledTimes(1);
  }, 60_000);

  it('ports from pages, other extensions or our own extension pages are disconnected unheard', () => {
    for (const sender of [
      undefined,
      { url: 'https://x.com/home', tab: { id: 7 } }, // no extension id: a web page
      { id: 'another-extension', tab: { id: 7 }, url: 'https://x.com/home' },
      { id: 'footnote-test-id', url: 'chrome-extension://footnote-test-id/popup.html' }, // no tab
    ]) {
      const { port, send, listening } = connect(sender);
      expect(port.disconnect).toHaveBeenCalled();
      expect(listening()).toBe(0);
      send(validRequest());
    }
    expect(engine.requestNote).not.toHaveBeenCalled();
  });

  it('answers a peek from the cache alone: note:done when it holds the note, else note:miss', async () => {
    const { port, send } = connect(CONTENT_SCRIPT);
    const found = doneNote();
    engine.peekNote.mockImplementation(async (post) =>
      post.id === VALID_POST.id ? { note: found.note, meta: found.meta } : null,
    );
    send({ type: 'note:peek', requestId: 'p1', post: VALID_POST });
    send({ type: 'note:peek', requestId: 'p2', post: { ...VALID_POST, id: '2' } });
    await new Promise((resolve) => setTimeout(resolve)); // the engine's answers
    expect(port.postMessage.mock.calls.map(([message]) => message)).toEqual([
      { type: 'note:done', requestId: 'p1', note: found.note, meta: found.meta },
      { type: 'note:miss', requestId: 'p2' },
    ]);
    expect(engine.requestNote).not.toHaveBeenCalled();
  });

  it('serves a triage batch: triage:done or triage:skipped per item, or one triage:paused', () => {
    const { port, send } = connect(CONTENT_SCRIPT);
    const verdict = {
      classification: 'misleading',
      reason: 'Old photo.',
      worth_note: true,
      injection_detected: false,
    } as const;
    engine.requestTriage.mockImplementation(async (items, onPaused) => {
      const [first, second] = items;
      expect(first?.post).toEqual(VALID_POST);
      first?.sink.done(verdict);
      second?.sink.skipped();
      onPaused({
        code: 'rate_limited',
        message: 'Slow down.',
        action: 'retry',
        status: 429,
        retryAfterMs: 7_000,
      });
    });
    send(validTriage());
    // The fake engine answers at once, so the messages are out when send() returns.
    const sent = port.postMessage.mock.calls.map(([message]) => message as unknown);
    expect(sent).toEqual([
      { type: 'triage:done', requestId: 'r1', triage: verdict },
      { type: 'triage:skipped', requestId: 'r2' },
      {
        type: 'triage:paused',
        batchId: 't1',
        error: {
          code: 'rate_limited',
          message: 'Slow down.',
          action: 'retry',
          status: 429,
          retryAfterMs: 7_000,
        },
      },
    ]);
    for (const message of sent) expect(notePortOutSchema.safeParse(message).success).toBe(true);
    expect(engine.requestNote).not.toHaveBeenCalled();
    expect(engine.requestBatch).not.toHaveBeenCalled();
  });

  it('cancels a triage batch when its port disconnects, or on note:cancel with its batchId', () => {
    const signals: AbortSignal[] = [];
    engine.requestTriage.mockImplementation(
      (_items, _onPaused, signal) =>
        new Promise<void>((resolve) => {
          signals.push(signal);
          signal.addEventListener('abort', () => resolve());
        }),
    );
    const page = connect(CONTENT_SCRIPT);
    page.send(validTriage());
    page.send({ ...validTriage(), batchId: 't2' });
    page.send({ type: 'note:cancel', requestId: 't2' });
    expect(signals.map((s) => s.aborted)).toEqual([false, true]);
    page.close();
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });
});
