import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { RATING_LIST_MAX_BYTES } from '../evidence/source-ratings';
import { DEFAULT_EVIDENCE_SETTINGS, type EvidenceSettings } from '../settings/evidence-settings';
import { evidenceSettingsItem } from '../settings/evidence-settings-item';
import { ratingListCopyItem, ratingListStatusItem } from '../settings/rating-list-items';
import { CRED1 } from '../settings/rating-lists';
import {
  createRatingList,
  RATING_LIST_MAX_AGE_MS,
  RATING_LIST_RETRY_MS,
  type RatingListService,
} from './rating-list';

// A fake fetch (each test says what the list's server answers) and a fake clock.
const LIST_URL = 'https://lists.example.net/ratings.json';
const LIST = JSON.stringify({ 'rumours.example': { c: 'f', s: 0.05, n: 1 }, 'bad.example/path': { s: 0.1 } });
const NEWER_LIST = JSON.stringify({ 'rumours.example': { c: 'f', s: 0.04, n: 1 } });
const START = Date.UTC(2026, 5, 1);
const RATED = 'https://news.rumours.example/story';

const ON: EvidenceSettings = { ...DEFAULT_EVIDENCE_SETTINGS, sourceRatings: true, ratingListUrl: LIST_URL };

type Answer = string | { status: number } | Error | 'never';
let answers: Array<Answer | Promise<Answer>>;
let fetched: string[];
let clock: number;
let service: RatingListService;

async function fakeFetch(url: string, init: RequestInit): Promise<Response> {
  fetched.push(url);
  const answer = await (answers.shift() ?? new Error('no answer scripted'));
  if (answer === 'never')
    return new Promise((_, reject) =>
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
    );
  if (answer instanceof Error) throw new TypeError(answer.message);
  if (typeof answer === 'string') return new Response(answer, { status: 200 });
  return new Response('', { status: answer.status });
}

beforeEach(async () => {
  fakeBrowser.reset();
  answers = [];
  fetched = [];
  clock = START;
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  service = createRatingList({ now: () => clock, timeoutMs: 1 });
  await evidenceSettingsItem.setValue(ON);
});
afterEach(() => vi.unstubAllGlobals());

/** Resolves when the background next writes the list's status (the last step of every download). */
function nextStatus(): Promise<void> {
  return new Promise((resolve) => {
    const unwatch = ratingListStatusItem.watch(() => {
      unwatch();
      resolve();
    });
  });
}

/**
 * The lookup a note gets now, and the one it gets once the download this starts has finished:
 * the list's server answers only after "Update now" has joined that download.
 */
async function lookupAroundDownload(answer: Answer) {
  let open = () => {};
  answers.push(new Promise<void>((resolve) => (open = resolve)).then(() => answer));
  const count = fetched.length;
  const before = await service.lookup(ON);
  await vi.waitFor(() => expect(fetched, 'the lookup started a download').toHaveLength(count + 1));
  const finished = service.refreshNow();
  open();
  await finished;
  return { before, after: await service.lookup(ON) };
}

/** A first good download, then the clock moved on by `elapsed`. */
async function withGoodCopy(elapsed: number) {
  answers.push(LIST);
  expect(await service.refreshNow()).toMatchObject({ entries: 1, skipped: 1, error: null });
  const version = (await service.lookup(ON))?.version;
  clock += elapsed;
  return version;
}

describe('lookup', () => {
  it('is null and downloads nothing while source ratings are off', async () => {
    expect(await service.lookup({ ...ON, sourceRatings: false })).toBeNull();
    expect(fetched).toEqual([]);
  });

  it('answers at once without a copy, downloads the list, then rates with it', async () => {
    const { before, after } = await lookupAroundDownload(LIST);
    expect(before).toBeNull();
    expect(after?.rate(RATED)).toMatchObject({
      domain: 'rumours.example',
      level: 'low',
      list: 'lists.example.net',
    });
    expect(fetched).toHaveLength(1);
    expect(await ratingListStatusItem.getValue()).toEqual({
      url: LIST_URL,
      updatedAt: START,
      entries: 1,
      skipped: 1,
      error: null,
    });
  });

  it('downloads CRED-1 when no address is given', async () => {
    answers.push(LIST);
    await service.lookup({ ...ON, ratingListUrl: '' });
    expect(fetched).toEqual([CRED1.url]);
  });

  it('downloads again once the copy is a week old, not before', async () => {
    const version = await withGoodCopy(RATING_LIST_MAX_AGE_MS - 1);
    await service.lookup(ON);
    expect(fetched).toHaveLength(1);
    clock += 1;
    const { before, after } = await lookupAroundDownload(NEWER_LIST);
    expect(before?.version).toBe(version); // the old copy, while the new one loads
    expect(after?.version).not.toBe(version);
    expect(fetched).toHaveLength(2);
  });

  it('does not use a copy of another list', async () => {
    await withGoodCopy(0);
    answers.push({ status: 404 });
    expect(await service.lookup({ ...ON, ratingListUrl: '' })).toBeNull();
    expect(fetched.at(-1)).toBe(CRED1.url);
  });

  it('treats a stored copy that no longer parses as none, and downloads the list again', async () => {
    await ratingListCopyItem.setValue({ url: LIST_URL, fetchedAt: START, text: '{"broken' });
    const { before, after } = await lookupAroundDownload(LIST);
    expect(before).toBeNull();
    expect(after?.rate(RATED)).not.toBeNull();
  });
});

describe('a failed download keeps the last good copy and says why', () => {
  it.each([
    ['missing (HTTP 404)', { status: 404 }, 'unreachable', /answered HTTP 404/],
    ['unreachable', new Error('getaddrinfo ENOTFOUND'), 'unreachable', /could not be reached/],
    ['never answering', 'never', 'unreachable', /did not answer within/],
    ['corrupt', '{"rumours.example": {"s": 0.1', 'invalid', /not JSON/],
    ['in another format', '[["rumours.example", 0.1]]', 'invalid', /not a JSON object/],
    ['huge', `{"pad":"${'x'.repeat(RATING_LIST_MAX_BYTES)}"}`, 'too_large', /larger than/],
  ] as const)('%s', async (_name, answer, code, detail) => {
    const version = await withGoodCopy(RATING_LIST_MAX_AGE_MS);
    answers.push(answer);
    const status = await service.refreshNow();
    expect(status).toMatchObject({ url: LIST_URL, updatedAt: START, entries: 1, error: { code, at: clock } });
    expect(status?.error?.detail).toMatch(detail);
    const lookup = await service.lookup(ON);
    expect(lookup?.version).toBe(version);
    expect(lookup?.rate(RATED)?.score).toBe(0.05);
    expect(await ratingListStatusItem.getValue()).toEqual(status);
  });

  it('without any copy, notes get no lookup and the status says no download worked', async () => {
    expect(await lookupAroundDownload({ status: 404 })).toEqual({ before: null, after: null });
    expect(await ratingListStatusItem.getValue()).toMatchObject({
      updatedAt: null,
      entries: 0,
      error: { code: 'unreachable' },
    });
  });

  it('is retried automatically after an hour, and at once on "Update now"', async () => {
    await lookupAroundDownload({ status: 503 });
    clock += RATING_LIST_RETRY_MS - 1;
    await service.lookup(ON);
    expect(fetched).toHaveLength(1);
    answers.push(LIST);
    expect(await service.refreshNow()).toMatchObject({ entries: 1, error: null });
    expect(fetched).toHaveLength(2);

    await ratingListCopyItem.removeValue();
    answers.push({ status: 503 });
    await service.refreshNow();
    clock += RATING_LIST_RETRY_MS;
    expect((await lookupAroundDownload(LIST)).after).not.toBeNull();
    expect(fetched).toHaveLength(4);
  });
});

describe('refreshNow', () => {
  it('shares a download already running instead of starting another', async () => {
    answers.push(LIST);
    const first = service.refreshNow();
    const second = service.refreshNow();
    expect(await first).toEqual(await second);
    expect(fetched).toHaveLength(1);
  });

  it('downloads nothing while source ratings are off', async () => {
    await evidenceSettingsItem.setValue({ ...ON, sourceRatings: false });
    expect(await service.refreshNow()).toBeNull();
    expect(fetched).toEqual([]);
  });
});

describe('a list replaced while it downloads', () => {
  it('keeps the newer list: the older download ends without storing anything', async () => {
    let answerOld!: (answer: Answer) => void;
    answers.push(new Promise<Answer>((resolve) => (answerOld = resolve)), NEWER_LIST);
    const old = service.refreshNow();
    await evidenceSettingsItem.setValue({ ...ON, ratingListUrl: '' });
    await service.refreshNow();
    answerOld(LIST);
    await old;
    expect(fetched).toEqual([LIST_URL, CRED1.url]);
    expect((await ratingListCopyItem.getValue())?.url).toBe(CRED1.url);
    expect((await ratingListStatusItem.getValue())?.url).toBe(CRED1.url);
  });
});

describe('watch', () => {
  it('downloads at background start, and again when the reader picks another list', async () => {
    answers.push(LIST, LIST);
    let written = nextStatus();
    service.watch();
    await written;
    expect(fetched).toEqual([LIST_URL]);
    written = nextStatus();
    await evidenceSettingsItem.setValue({ ...ON, ratingListUrl: '' });
    await written;
    expect(fetched).toEqual([LIST_URL, CRED1.url]);
  });
});
