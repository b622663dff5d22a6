import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasRealCaptures, REAL_CAPTURES } from '../../../test-support/adapter-test-helpers';
import {
  captionTrackUrl,
  chooseCaptionTrack,
  playerResponseIn,
  videoPlayerData,
  type VideoPlayerData,
} from './player-response';

const VIDEO = 'Xk3vN8a1QpE';
const timedtext = (query: string) => `https://www.youtube.com/api/timedtext?v=${VIDEO}&${query}`;

interface RawTrack {
  languageCode: string;
  kind?: string;
  baseUrl?: string;
}

/** Player data as YouTube shapes it, with only what is read here (and one field it ignores). */
function playerResponse(tracks: RawTrack[], defaultCaptionTrackIndex?: number): object {
  return {
    playabilityStatus: { status: 'OK' },
    videoDetails: { videoId: VIDEO, lengthSeconds: '615', title: 'A video' },
    captions: {
      playerCaptionsTracklistRenderer: {
        captionTracks: tracks.map((track) => ({
          baseUrl: timedtext(`lang=${track.languageCode}${track.kind ? `&kind=${track.kind}` : ''}`),
          name: { simpleText: track.languageCode },
          vssId: `.${track.languageCode}`,
          ...track,
        })),
        audioTracks: [{ captionTrackIndices: tracks.map((_, i) => i), defaultCaptionTrackIndex }],
        defaultAudioTrackIndex: 0,
      },
    },
  };
}

function playerData(tracks: RawTrack[], defaultCaptionTrackIndex?: number): VideoPlayerData {
  const data = videoPlayerData(playerResponse(tracks, defaultCaptionTrackIndex), VIDEO);
  if (data === null) throw new Error('not read');
  return data;
}

const chosenLanguage = (tracks: RawTrack[], defaultIndex?: number) =>
  chooseCaptionTrack(playerData(tracks, defaultIndex))?.language ?? null;

describe.runIf(hasRealCaptures())('on a real watch page as the server sends it', () => {
  // Read when a test runs: a skipped describe's body still runs, where the capture may be absent.
  let response: unknown;
  beforeAll(() => {
    const html = readFileSync(resolve(REAL_CAPTURES, 'youtube/watch-server-html-no-comments.html'), 'utf8');
    response = playerResponseIn(html);
  });

  it("reads the video's length and its 14 caption tracks, all the author's", () => {
    const data = videoPlayerData(response, 'hwMkbaS_M_c');
    expect(data?.durationSeconds).toBe(142);
    expect(data?.tracks).toHaveLength(14);
    expect(data?.tracks.every((track) => !track.automatic)).toBe(true);
    expect(data?.tracks[11]).toMatchObject({ language: 'pt', name: 'Portugués' });
  });

  it("chooses the track YouTube turns on by default (its audio track's: Spanish)", () => {
    const data = videoPlayerData(response, 'hwMkbaS_M_c')!;
    expect(data.defaultTrackIndex).toBe(2);
    const track = chooseCaptionTrack(data)!;
    expect(track).toMatchObject({ language: 'es', automatic: false, name: 'Español' });
    const url = new URL(captionTrackUrl(track));
    expect(url.searchParams.get('fmt')).toBe('json3');
    expect(url.searchParams.get('lang')).toBe('es');
    expect(url.searchParams.get('signature')).toBe(new URL(track.url).searchParams.get('signature'));
  });

  it("is not another video's data", () => {
    expect(videoPlayerData(response, VIDEO)).toBeNull();
  });
});

describe('finding ytInitialPlayerResponse in a script', () => {
  it('parses exactly the object, braces and quotes inside its strings included', () => {
    const script =
      'var a = {"x": 1}; var ytInitialPlayerResponse = {"title": "}{ \\"quoted\\" {", "quote": "\\"}", "path": "C:\\\\", ' +
      '"nested": {"list": [{"b": "}"}]}};var meta = {"y": 2};';
    expect(playerResponseIn(script)).toEqual({
      title: '}{ "quoted" {',
      quote: '"}',
      path: 'C:\\',
      nested: { list: [{ b: '}' }] },
    });
  });

  it('gives nothing for an object cut short, one that is not JSON, or none at all', () => {
    const full = `var ytInitialPlayerResponse = ${JSON.stringify(playerResponse([{ languageCode: 'en' }]))};`;
    expect(playerResponseIn(full)).not.toBeNull();
    expect(playerResponseIn(full.slice(0, full.length / 2))).toBeNull();
    expect(playerResponseIn('var ytInitialPlayerResponse = {videoDetails: {}};')).toBeNull();
    expect(playerResponseIn('var ytInitialPlayerResponse = null;')).toBeNull();
    expect(playerResponseIn('<html></html>')).toBeNull();
  });

  it('gives up on an object that does not close within 5 MB', () => {
    const object = (chars: number) => `var ytInitialPlayerResponse = {"a": "${'x'.repeat(chars)}"};`;
    expect(playerResponseIn(object(4_000_000))).not.toBeNull();
    expect(playerResponseIn(object(5_000_000))).toBeNull();
  });
});

describe("reading the video's player data", () => {
  it('drops tracks served elsewhere than the timedtext endpoint, and translations', () => {
    const data = playerData(
      [
        { languageCode: 'de', baseUrl: 'https://evil.example/api/timedtext?lang=de' },
        { languageCode: 'en', baseUrl: 'http://www.youtube.com/api/timedtext?lang=en' },
        { languageCode: 'fr', baseUrl: 'https://www.youtube.com/watch?lang=fr' },
        { languageCode: 'it', baseUrl: timedtext('lang=en&tlang=it') },
        { languageCode: 'es' },
      ],
      4,
    );
    expect(data.tracks.map((track) => track.language)).toEqual(['es']);
    expect(data.defaultTrackIndex).toBe(0);
  });

  it('drops a malformed track, not the others, and reads names given as runs', () => {
    const response = playerResponse([{ languageCode: 'en' }, { languageCode: 'fr' }]) as {
      captions: { playerCaptionsTracklistRenderer: { captionTracks: Array<Record<string, unknown>> } };
    };
    const [english, french] = response.captions.playerCaptionsTracklistRenderer.captionTracks;
    english!.languageCode = 42;
    french!.name = { runs: [{ text: 'French ' }, { text: '(auto)' }] };
    expect(videoPlayerData(response, VIDEO)?.tracks).toEqual([
      { url: timedtext('lang=fr'), language: 'fr', automatic: false, name: 'French (auto)' },
    ]);
  });

  it('has no tracks when the video has no captions, and no length when it does not say', () => {
    expect(videoPlayerData({ videoDetails: { videoId: VIDEO } }, VIDEO)).toEqual({
      durationSeconds: null,
      tracks: [],
      defaultTrackIndex: null,
    });
    expect(videoPlayerData({ playabilityStatus: {} }, VIDEO)).toBeNull();
  });
});

describe('choosing the track that holds what is said', () => {
  it("prefers the author's track in the spoken language (the automatic track's), by primary subtag", () => {
    expect(chosenLanguage([{ languageCode: 'pt', kind: 'asr' }, { languageCode: 'pt-BR' }])).toBe('pt-BR');
  });

  it('takes an exact match over a regional one', () => {
    const tracks = [{ languageCode: 'en-GB' }, { languageCode: 'en', kind: 'asr' }, { languageCode: 'en' }];
    const chosen = chooseCaptionTrack(playerData(tracks));
    expect(chosen).toMatchObject({ language: 'en', automatic: false });
  });

  it('takes the automatic track when the author gave none in its language', () => {
    expect(chooseCaptionTrack(playerData([{ languageCode: 'pt', kind: 'asr' }]))).toMatchObject({
      language: 'pt',
      automatic: true,
    });
    expect(chosenLanguage([{ languageCode: 'en' }, { languageCode: 'pt', kind: 'asr' }], 0)).toBe('pt');
  });

  it("without an automatic track: YouTube's default, else the first", () => {
    expect(chosenLanguage([{ languageCode: 'de' }, { languageCode: 'fr' }], 1)).toBe('fr');
    expect(chosenLanguage([{ languageCode: 'de' }, { languageCode: 'fr' }], 7)).toBe('de');
    expect(chosenLanguage([{ languageCode: 'de' }, { languageCode: 'fr' }])).toBe('de');
    expect(chosenLanguage([])).toBeNull();
  });
});

describe("a track's json3 address", () => {
  it('asks for json3 in place of any format named, keeping the rest', () => {
    const url = new URL(
      captionTrackUrl({
        url: timedtext('lang=en&fmt=srv3&sig=a%2Bb'),
        language: 'en',
        automatic: false,
        name: '',
      }),
    );
    expect(url.searchParams.getAll('fmt')).toEqual(['json3']);
    expect(url.searchParams.get('sig')).toBe('a+b');
    expect(url.searchParams.get('v')).toBe(VIDEO);
  });
});
