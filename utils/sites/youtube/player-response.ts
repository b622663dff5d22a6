/**
 * The player data a YouTube watch page carries (`ytInitialPlayerResponse`): the video's length and
 * the caption tracks its player offers, and which of them holds what is said (issue #17). Pure:
 * strings in, plain data out; never evaluates the page's script.
 */
import * as z from 'zod/mini';

const PLAYER_RESPONSE_START = /\bytInitialPlayerResponse\s*=\s*\{/;

/** The object is about 100 KB on today's pages; past this it is not that object. */
const PLAYER_RESPONSE_MAX_CHARS = 5_000_000;

/** Where the caption tracks a page names must be: the player's own timedtext endpoint. */
const TIMEDTEXT_ORIGIN = 'https://www.youtube.com';
const TIMEDTEXT_PATH = '/api/timedtext';

export interface CaptionTrack {
  /** `https://www.youtube.com/api/timedtext?…`, as the page gives it (signed: its query is kept). */
  url: string;
  /** BCP-47 code ("pt-BR"). */
  language: string;
  /** YouTube's speech recognition (`kind: 'asr'`), not the author's. */
  automatic: boolean;
  /** As the page names it, in the page's language ("Español (Latinoamérica)"). */
  name: string;
}

export interface VideoPlayerData {
  /** The video's length; null when the page does not say (or says 0, as a live stream does). */
  durationSeconds: number | null;
  tracks: CaptionTrack[];
  /** The track YouTube turns on by default (its audio track's), as an index into `tracks`. */
  defaultTrackIndex: number | null;
}

/**
 * The JSON object assigned to `ytInitialPlayerResponse` in a page's HTML or a script's text, or
 * null when there is none, it is cut short, or it is not JSON.
 */
export function playerResponseIn(text: string): unknown | null {
  const match = PLAYER_RESPONSE_START.exec(text);
  if (match === null) return null;
  const start = match.index + match[0].length - 1;
  const end = jsonObjectEnd(text, start);
  if (end === null) return null;
  try {
    return JSON.parse(text.slice(start, end)) as unknown;
  } catch {
    return null;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Just past the brace closing the object opened at `start`, skipping braces inside JSON strings;
 * null when it does not close within the bound.
 */
function jsonObjectEnd(text: string, start: number): number | null {
  const limit = Math.min(text.length, start + PLAYER_RESPONSE_MAX_CHARS);
  let depth = 0;
  let inString = false;
  for (let i = start; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE) depth++;
    else if (code === CLOSE_BRACE && --depth === 0) return i + 1;
  }
  return null;
}

/** YouTube's text objects: `{ simpleText }` or `{ runs: [{ text }] }`. */
const textSchema = z.union([
  z.object({ simpleText: z.string() }),
  z.object({ runs: z.array(z.object({ text: z.string() })) }),
]);

const captionTrackSchema = z.object({
  baseUrl: z.string(),
  languageCode: z.string().check(z.minLength(1), z.maxLength(35)),
  kind: z.catch(z.optional(z.string()), undefined),
  name: z.catch(z.optional(textSchema), undefined),
});

/** Fields that do not fit are read as absent; a track that does not fit is dropped by itself. */
const playerResponseSchema = z.object({
  videoDetails: z.object({
    videoId: z.string(),
    lengthSeconds: z.catch(z.optional(z.string()), undefined),
  }),
  captions: z.catch(
    z.optional(
      z.object({
        playerCaptionsTracklistRenderer: z.object({
          captionTracks: z.catch(z.array(z.unknown()), []),
          audioTracks: z.catch(
            z.array(z.object({ defaultCaptionTrackIndex: z.catch(z.optional(z.number()), undefined) })),
            [],
          ),
          defaultAudioTrackIndex: z.catch(z.number(), 0),
        }),
      }),
    ),
    undefined,
  ),
});

/**
 * What the player data says of video `videoId`; null when it is not that video's (after in-app
 * navigation a page's inline data is an earlier video's) or not player data at all.
 */
export function videoPlayerData(response: unknown, videoId: string): VideoPlayerData | null {
  const parsed = playerResponseSchema.safeParse(response);
  if (!parsed.success || parsed.data.videoDetails.videoId !== videoId) return null;
  const tracklist = parsed.data.captions?.playerCaptionsTracklistRenderer;
  const tracks: CaptionTrack[] = [];
  let defaultTrackIndex: number | null = null;
  const defaultIndex = tracklist?.audioTracks[tracklist.defaultAudioTrackIndex]?.defaultCaptionTrackIndex;
  tracklist?.captionTracks.forEach((raw, index) => {
    const track = captionTrack(raw);
    if (track === null) return;
    if (index === defaultIndex) defaultTrackIndex = tracks.length;
    tracks.push(track);
  });
  return {
    durationSeconds: durationSeconds(parsed.data.videoDetails.lengthSeconds),
    tracks,
    defaultTrackIndex,
  };
}

function captionTrack(raw: unknown): CaptionTrack | null {
  const parsed = captionTrackSchema.safeParse(raw);
  if (!parsed.success || !isTimedtextUrl(parsed.data.baseUrl)) return null;
  const { baseUrl, languageCode, kind, name } = parsed.data;
  return {
    url: baseUrl,
    language: languageCode,
    automatic: kind === 'asr',
    name:
      name === undefined
        ? ''
        : 'simpleText' in name
          ? name.simpleText
          : name.runs.map((run) => run.text).join(''),
  };
}

/** Only the player's own endpoint, and never a translation (`tlang`) of a track. */
function isTimedtextUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.origin === TIMEDTEXT_ORIGIN && url.pathname === TIMEDTEXT_PATH && !url.searchParams.has('tlang');
}

function durationSeconds(lengthSeconds: string | undefined): number | null {
  const seconds = Number(lengthSeconds);
  return /^\d+$/.test(lengthSeconds ?? '') && seconds > 0 ? seconds : null;
}

/**
 * The track that holds what is said in the video. Its spoken language is that of the automatic
 * track when there is one: the author's track in that language if any, else the automatic one.
 * Without an automatic track: the one YouTube turns on by default, else the first.
 */
export function chooseCaptionTrack(data: VideoPlayerData): CaptionTrack | null {
  const automatic = data.tracks.find((track) => track.automatic);
  if (automatic === undefined) {
    const byDefault = data.defaultTrackIndex === null ? undefined : data.tracks[data.defaultTrackIndex];
    return byDefault ?? data.tracks[0] ?? null;
  }
  const manual = data.tracks.filter((track) => !track.automatic);
  return (
    manual.find((track) => track.language.toLowerCase() === automatic.language.toLowerCase()) ??
    manual.find((track) => primarySubtag(track.language) === primarySubtag(automatic.language)) ??
    automatic
  );
}

/** "pt-BR" → "pt". */
function primarySubtag(language: string): string {
  return (language.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** The track's address asking for YouTube's JSON captions (json3), whatever format it named. */
export function captionTrackUrl(track: CaptionTrack): string {
  const url = new URL(track.url);
  url.searchParams.set('fmt', 'json3');
  return url.href;
}
