import type { TranscriptResult, TranscriptSegment } from '@/utils/core/video';
import { parseJson3 } from '@/utils/sites/youtube/caption-json3';
import {
  captionTrackUrl,
  chooseCaptionTrack,
  playerResponseIn,
  videoPlayerData,
  type VideoPlayerData,
} from '@/utils/sites/youtube/player-response';
import { readTranscriptPanel } from '@/utils/sites/youtube/transcript-panel';
import { fetchPageText } from './page-fetch';

/** Requests go where the page's player sends its own, with the reader's session. */
const YOUTUBE_ORIGIN = 'https://www.youtube.com';
const REQUEST_TIMEOUT_MS = 10_000;
/** A watch page is about 1 MB, a 4-hour video's automatic captions a few. */
const RESPONSE_MAX_BYTES = 8_000_000;

const FAILED: TranscriptResult = { missing: 'failed' };

/**
 * What is said in YouTube video `videoId`, read on its watch page `doc` for the note request: the
 * page's open transcript panel, else the caption track its player offers. Rejects with the
 * signal's reason on a cancel; every other failure is an answer (why there is no transcript).
 */
export async function readVideoTranscript(
  videoId: string,
  doc: Document,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<TranscriptResult> {
  signal.throwIfAborted();
  const inline = inlinePlayerData(doc, videoId);
  const panel = readTranscriptPanel(doc);
  if (panel.length > 0) {
    const durationSeconds = inline?.durationSeconds ?? null;
    return {
      transcript: { source: 'panel', language: null, automatic: false, segments: panel, durationSeconds },
    };
  }
  const request = (url: string) =>
    fetchPageText(url, { signal, fetchImpl, timeoutMs: REQUEST_TIMEOUT_MS, maxBytes: RESPONSE_MAX_BYTES });
  const player = inline ?? (await fetchedPlayerData(videoId, request));
  if (player === null) return FAILED;
  const track = chooseCaptionTrack(player);
  if (track === null) return { missing: 'no_captions' };
  const body = await request(captionTrackUrl(track));
  if (body === null) return FAILED;
  // YouTube answers 200 with nothing when it wants a proof-of-origin token only its player has
  // (jdepoix/youtube-transcript-api#592, obsidianmd/obsidian-clipper#946).
  if (body === '') return { missing: 'not_shared' };
  let segments: TranscriptSegment[];
  try {
    segments = parseJson3(body);
  } catch {
    return FAILED;
  }
  if (segments.length === 0) return { missing: 'not_shared' };
  const { language, automatic } = track;
  return {
    transcript: {
      source: 'captions',
      language,
      automatic,
      segments,
      durationSeconds: player.durationSeconds,
    },
  };
}

/** The page's inline player data, when it is this video's (the page was loaded on it). */
function inlinePlayerData(doc: Document, videoId: string): VideoPlayerData | null {
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    if (!text.includes('ytInitialPlayerResponse')) continue;
    const data = videoPlayerData(playerResponseIn(text), videoId);
    if (data !== null) return data;
  }
  return null;
}

/** YouTube navigates within the app without reloading, leaving stale inline data: the video's own page has it. */
async function fetchedPlayerData(
  videoId: string,
  request: (url: string) => Promise<string | null>,
): Promise<VideoPlayerData | null> {
  const url = new URL('/watch', YOUTUBE_ORIGIN);
  url.searchParams.set('v', videoId);
  const html = await request(url.href);
  return html === null ? null : videoPlayerData(playerResponseIn(html), videoId);
}
