import type { BrowserContext, Page } from '@playwright/test';
import type { Behaviour, RecordedRequest } from './model-server';
import { configureModelServer, DEFAULT_NOTE, expect, lastUserMessage, routeFixture, test } from './fixtures';
import { badge, card, expectSettled } from './x-card';

// A YouTube video is a post (issue #17): on its watch page the badge beside the title writes a note
// from the title, the description and what is said in it. The content script reads the caption
// track the page's player data offers (automatic Portuguese captions here), the background
// outlines it in timestamped moments, and each moment's time plays the video from there.

const VIDEO_ID = 'Vd3oQ8sLm2A';
const WATCH_URL = `https://www.youtube.com/watch?v=${VIDEO_ID}`;
const VIDEO = `youtube:${VIDEO_ID}`;
const TIMEDTEXT = 'https://www.youtube.com/api/timedtext';

/** Automatic captions as YouTube's json3 serves them: a window event, then a line every 5 s. */
function captions(seconds: number): string {
  const events: object[] = [
    { tStartMs: 0, dDurationMs: seconds * 1000, id: 1, wpWinPosId: 1, wsWinStyleId: 1 },
  ];
  for (let t = 0; t < seconds; t += 5) {
    events.push({
      tStartMs: t * 1000,
      dDurationMs: 5000,
      wWinId: 1,
      segs: [{ utf8: `no segundo ${t} ` }, { utf8: 'a vacina', tOffsetMs: 800 }],
    });
    events.push({ tStartMs: t * 1000 + 4000, wWinId: 1, aAppend: 1, segs: [{ utf8: '\n' }] });
  }
  return JSON.stringify({ wireMagic: 'pb3', pens: [{}], wsWinStyles: [{}], wpWinPositions: [{}], events });
}

/** Serves the watch page, and the caption track with `body`; records the track addresses asked. */
async function serveVideo(context: BrowserContext, body: string): Promise<string[]> {
  const asked: string[] = [];
  await routeFixture(context, WATCH_URL, 'youtube/video.html');
  await context.route(
    (url) => url.href.startsWith(TIMEDTEXT),
    (route) => {
      asked.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'application/json; charset=UTF-8', body });
    },
  );
  return asked;
}

const isOutline = (req: RecordedRequest) => JSON.stringify(req.body).includes('footnote_video_outline');

/** Moments at the first and third times a part gives (those it has); a note request gets the usual note. */
function outlineOrNote(req: RecordedRequest): Behaviour {
  if (!isOutline(req)) return { kind: 'note', note: DEFAULT_NOTE };
  const times = [...lastUserMessage(req).matchAll(/⟦(\d+:\d{2})⟧/g)].map((m) => m[1]!);
  const points = ['O apresentador diz que a vacina foi testada.', 'O vídeo mostra um gráfico de casos.'];
  const at = [times[0], times[2]].filter((time) => time !== undefined);
  return { kind: 'note', note: { moments: at.map((time, i) => ({ at: time, point: points[i] })) } };
}

const videoTime = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLVideoElement>('#movie_player video')!.currentTime);

test.beforeEach(async ({ serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.setDefault(outlineOrNote);
});

test("the video's note has its moments, and a moment's time plays the video from there", async ({
  context,
  page,
  modelServer,
}) => {
  const asked = await serveVideo(context, captions(754));
  await page.goto(WATCH_URL);
  await badge(page, VIDEO).click();
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  await expectSettled(page);

  // The track the player data offers in the video's spoken language, asked for as json3.
  expect(asked).toHaveLength(1);
  const track = new URL(asked[0]!);
  expect(track.searchParams.get('fmt')).toBe('json3');
  expect(track.searchParams.get('lang')).toBe('pt');
  expect(track.searchParams.get('kind')).toBe('asr');

  const [outline, note] = modelServer.completionRequests();
  expect(isOutline(outline!)).toBe(true);
  expect(lastUserMessage(outline!)).toContain('⟦0:30⟧ no segundo 30 a vacina');
  expect(lastUserMessage(outline!)).toContain('Vacinas e autismo');
  expect(lastUserMessage(note!)).toContain('⟦1:00⟧ O vídeo mostra um gráfico de casos.');
  expect(lastUserMessage(note!)).toContain('speech recognition');

  const moments = card(page).getByRole('list').filter({ hasText: 'O apresentador diz' });
  await expect(card(page).getByRole('heading', { name: 'In this video' })).toBeVisible();
  await expect(moments.getByRole('listitem')).toHaveText([
    '0:00 O apresentador diz que a vacina foi testada.',
    '1:00 O vídeo mostra um gráfico de casos.',
  ]);
  await expect(card(page)).toContainText('captions YouTube made automatically');
  await card(page).getByRole('button', { name: 'Play the video from 1:00' }).click();
  await expect.poll(() => videoTime(page)).toBe(60);
  await card(page).screenshot({ path: test.info().outputPath('video-card.png') });
});

test('while the transcript is outlined the card says how far it is; closing it stops the work', async ({
  context,
  page,
  modelServer,
}) => {
  await serveVideo(context, captions(754));
  modelServer.enqueue({ kind: 'stall' });
  await page.goto(WATCH_URL);
  await badge(page, VIDEO).click();
  await expect(
    card(page).getByRole('status').filter({ hasText: 'Outlining the video: part 1 of 1' }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();
  await expect.poll(() => modelServer.completionRequests()[0]?.outcome).toBe('client-closed');
  expect(modelServer.completionRequests()).toHaveLength(1);
});

test('when YouTube does not give the captions, the card says how to include them, and the open transcript panel is read', async ({
  context,
  page,
  modelServer,
}) => {
  // YouTube answers 200 with no body when it wants a token only its player has.
  await serveVideo(context, '');
  await page.goto(WATCH_URL);
  await badge(page, VIDEO).click();
  await expectSettled(page);
  await expect(card(page)).toContainText("YouTube did not give Footnote this video's captions");
  expect(modelServer.completionRequests()).toHaveLength(1); // the note alone: nothing to outline
  expect(lastUserMessage(modelServer.completionRequests()[0]!)).toContain(
    "The video's transcript could not be read (not_shared)",
  );

  // The reader opens "Show transcript": the panel's lines are what is said.
  await page.evaluate(() =>
    document
      .querySelector('[target-id="PAmodern_transcript_view"]')!
      .setAttribute('visibility', 'ENGAGEMENT_PANEL_VISIBILITY_EXPANDED'),
  );
  await card(page).getByRole('button', { name: 'Regenerate' }).click();
  await expect(card(page).getByRole('heading', { name: 'In this video' })).toBeVisible();
  await expectSettled(page);
  const outline = modelServer.completionRequests().find(isOutline)!;
  expect(lastUserMessage(outline)).toContain('⟦0:00⟧');
  expect(lastUserMessage(outline)).toContain('depois aqueça o leite com o óleo');
  await expect(card(page)).toContainText(
    "Outlined from the page's transcript panel (it may be YouTube's automatic captions",
  );
});
