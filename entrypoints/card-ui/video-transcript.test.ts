// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TranscriptResult } from '@/utils/core/video';
import { readVideoTranscript } from './video-transcript';

const VIDEO = 'Xk3vN8a1QpE';
const EARLIER_VIDEO = 'Rq7dWm2LpXo';
const WATCH_URL = `https://www.youtube.com/watch?v=${VIDEO}`;
/** The tracks' signed addresses, as the page names them (srv3: the player's own format). */
const trackUrl = (lang: string, kind = '') =>
  `https://www.youtube.com/api/timedtext?v=${VIDEO}&lang=${lang}${kind}&fmt=srv3&signature=AB.CD`;

function playerResponse(videoId: string, tracks: Array<{ lang: string; asr?: boolean }>): object {
  return {
    videoDetails: { videoId, lengthSeconds: '615' },
    captions: {
      playerCaptionsTracklistRenderer: {
        captionTracks: tracks.map(({ lang, asr }) => ({
          baseUrl: trackUrl(lang, asr ? '&kind=asr' : ''),
          name: { simpleText: lang },
          languageCode: lang,
          ...(asr ? { kind: 'asr' } : {}),
        })),
        audioTracks: [{ captionTrackIndices: tracks.map((_, i) => i) }],
      },
    },
  };
}

/** A watch page as the server sends it, its player data in an inline script. */
function watchPage(response: object): string {
  return `<!doctype html><html><head><script src="/s/player/base.js"></script></head><body>
    <script nonce="n">var ytInitialData = {"contents": {}};</script>
    <script nonce="n">var ytInitialPlayerResponse = ${JSON.stringify(response)};var meta = document.createElement('meta');</script>
    <div id="player"></div></body></html>`;
}

const THIS_VIDEO = playerResponse(VIDEO, [{ lang: 'en' }, { lang: 'pt', asr: true }, { lang: 'pt-BR' }]);
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
/** The page loaded on this video. */
const loadedHere = () => parse(watchPage(THIS_VIDEO));
/** The page loaded on an earlier video, then navigated to this one within the app. */
const navigatedHere = () => parse(watchPage(playerResponse(EARLIER_VIDEO, [{ lang: 'fr' }])));

const JSON3 = JSON.stringify({
  events: [
    { tStartMs: 0, dDurationMs: 615000, id: 1, wpWinPosId: 1, wsWinStyleId: 1 },
    { tStartMs: 1200, dDurationMs: 3000, segs: [{ utf8: 'Olá a todos,' }, { utf8: '\nbem-vindos' }] },
    { tStartMs: 4300, dDurationMs: 2500, segs: [{ utf8: 'ao canal.' }] },
  ],
});

const TRANSCRIPT: TranscriptResult = {
  transcript: {
    source: 'captions',
    language: 'pt-BR',
    automatic: false,
    segments: [
      { startMs: 1200, text: 'Olá a todos, bem-vindos' },
      { startMs: 4300, text: 'ao canal.' },
    ],
    durationSeconds: 615,
  },
};

type Answer = Response | (() => Promise<Response>);

/** What each request of the running test was made with (checked after it). */
let lastInits: Array<RequestInit | undefined> = [];

/**
 * YouTube as the page reaches it: the watch page and the chosen track (the author's pt-BR one, as
 * json3); any other address is a 400 the result would show.
 */
function fakeYouTube(answers: { page?: Answer; track?: Answer }) {
  const requested: string[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    requested.push(url.pathname);
    lastInits.push(init);
    const answer = (a: Answer | undefined) =>
      typeof a === 'function' ? a() : (a ?? new Response('', { status: 500 }));
    if (url.href === WATCH_URL) return answer(answers.page);
    const isTrack =
      url.origin + url.pathname === 'https://www.youtube.com/api/timedtext' &&
      url.searchParams.get('v') === VIDEO &&
      url.searchParams.get('lang') === 'pt-BR' &&
      url.searchParams.get('signature') === 'AB.CD' &&
      url.searchParams.getAll('fmt').join() === 'json3';
    return isTrack ? answer(answers.track) : new Response('', { status: 400 });
  });
  return { fetchImpl: fetchImpl as typeof fetch, requested };
}

/** Every request went on the page's origin with its session, and can be cancelled. */
afterEach(() => {
  for (const init of lastInits) {
    expect(init?.credentials).toBe('same-origin');
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  }
  lastInits = [];
});

/** A request the network never answers: it ends only when its signal aborts. */
const hanging = (signal: () => AbortSignal) => () =>
  new Promise<Response>((_, reject) => {
    signal().addEventListener('abort', () => reject(signal().reason as Error), { once: true });
  });

const read = (doc: Document, fetchImpl: typeof fetch, signal = new AbortController().signal) =>
  readVideoTranscript(VIDEO, doc, signal, fetchImpl);

afterEach(() => {
  vi.useRealTimers();
});

/** The reader opened "Show transcript": the panel YouTube shows beside the video. */
function openTranscriptPanel(doc: Document): void {
  const panel = doc.createElement('ytd-engagement-panel-section-list-renderer');
  panel.setAttribute('target-id', 'engagement-panel-searchable-transcript');
  panel.setAttribute('visibility', 'ENGAGEMENT_PANEL_VISIBILITY_EXPANDED');
  for (const [time, words] of [
    ['0:01', 'Olá a todos'],
    ['0:04', 'ao canal'],
  ]) {
    const line = doc.createElement('ytd-transcript-segment-renderer');
    const timestamp = Object.assign(doc.createElement('div'), {
      className: 'segment-timestamp',
      textContent: time,
    });
    const text = Object.assign(doc.createElement('yt-formatted-string'), {
      className: 'segment-text',
      textContent: words,
    });
    line.append(timestamp, text);
    panel.append(line);
  }
  doc.body.append(panel);
}

describe("reading a video's transcript from the page's transcript panel", () => {
  const panelTranscript = (durationSeconds: number | null): TranscriptResult => ({
    transcript: {
      source: 'panel',
      language: null,
      automatic: false,
      segments: [
        { startMs: 1000, text: 'Olá a todos' },
        { startMs: 4000, text: 'ao canal' },
      ],
      durationSeconds,
    },
  });

  it("reads an open panel first, with no request, the length from the inline data if it is this video's", async () => {
    const youtube = fakeYouTube({ page: new Response(watchPage(THIS_VIDEO)), track: new Response(JSON3) });
    const loaded = loadedHere();
    openTranscriptPanel(loaded);
    expect(await read(loaded, youtube.fetchImpl)).toEqual(panelTranscript(615));
    const navigated = navigatedHere();
    openTranscriptPanel(navigated);
    expect(await read(navigated, youtube.fetchImpl)).toEqual(panelTranscript(null));
    expect(youtube.fetchImpl).not.toHaveBeenCalled();
  });
});

describe("reading a video's transcript from its caption track", () => {
  it("uses the page's inline player data when it is this video's, fetching only the track", async () => {
    const youtube = fakeYouTube({ track: new Response(JSON3) });
    expect(await read(loadedHere(), youtube.fetchImpl)).toEqual(TRANSCRIPT);
    expect(youtube.requested).toEqual(['/api/timedtext']);
  });

  it("fetches the video's watch page when the inline data is an earlier video's", async () => {
    const youtube = fakeYouTube({ page: new Response(watchPage(THIS_VIDEO)), track: new Response(JSON3) });
    expect(await read(navigatedHere(), youtube.fetchImpl)).toEqual(TRANSCRIPT);
    expect(youtube.requested).toEqual(['/watch', '/api/timedtext']);
  });

  it('says the video has no captions when its player offers no track', async () => {
    const youtube = fakeYouTube({});
    const doc = parse(watchPage(playerResponse(VIDEO, [])));
    expect(await read(doc, youtube.fetchImpl)).toEqual({ missing: 'no_captions' });
    expect(youtube.requested).toEqual([]);
  });

  it('says YouTube did not share the transcript when the track answers nothing', async () => {
    const empty = fakeYouTube({ track: new Response('') });
    expect(await read(loadedHere(), empty.fetchImpl)).toEqual({ missing: 'not_shared' });
    const noLines = fakeYouTube({ track: new Response('{"events":[{"tStartMs":0,"id":1}]}') });
    expect(await read(loadedHere(), noLines.fetchImpl)).toEqual({ missing: 'not_shared' });
  });

  it('fails on an HTTP error, a network error or an answer it cannot read', async () => {
    const failed = { missing: 'failed' };
    const notFound = fakeYouTube({ track: new Response('Not Found', { status: 404 }) });
    expect(await read(loadedHere(), notFound.fetchImpl)).toEqual(failed);
    const offline = fakeYouTube({ track: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await read(loadedHere(), offline.fetchImpl)).toEqual(failed);
    const xml = fakeYouTube({ track: new Response('<?xml version="1.0"?><timedtext/>') });
    expect(await read(loadedHere(), xml.fetchImpl)).toEqual(failed);
    const pageGone = fakeYouTube({ page: new Response('', { status: 404 }) });
    expect(await read(navigatedHere(), pageGone.fetchImpl)).toEqual(failed);
    const otherPage = fakeYouTube({ page: new Response(watchPage(playerResponse(EARLIER_VIDEO, []))) });
    expect(await read(navigatedHere(), otherPage.fetchImpl)).toEqual(failed);
  });

  it('fails on an answer past 8 MB, and stops reading it', async () => {
    let chunks = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks++;
        controller.enqueue(new Uint8Array(1_000_000).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const youtube = fakeYouTube({ track: new Response(endless) });
    expect(await read(loadedHere(), youtube.fetchImpl)).toEqual({ missing: 'failed' });
    expect(cancelled).toBe(true);
    expect(chunks).toBeLessThan(12);
  });

  it('fails when a request has not answered after 10 s', async () => {
    vi.useFakeTimers();
    let signal!: AbortSignal;
    const youtube = fakeYouTube({ track: hanging(() => signal) });
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
      signal = init!.signal!;
      return youtube.fetchImpl(input, init);
    }) as typeof fetch;
    let result: TranscriptResult | null = null;
    void read(loadedHere(), fetchImpl).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(result).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toEqual({ missing: 'failed' });
  });

  it('rejects with the reason when cancelled, before or during a request', async () => {
    const reason = new DOMException('The card closed.', 'AbortError');
    const cancel = new AbortController();
    let signal!: AbortSignal;
    const youtube = fakeYouTube({ track: hanging(() => signal) });
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
      signal = init!.signal!;
      const answer = youtube.fetchImpl(input, init);
      cancel.abort(reason);
      return answer;
    }) as typeof fetch;
    await expect(read(loadedHere(), fetchImpl, cancel.signal)).rejects.toBe(reason);
    await expect(read(loadedHere(), youtube.fetchImpl, cancel.signal)).rejects.toBe(reason);
  });
});
