import type { Page } from '@playwright/test';
import { pngBytes } from '../test-support/png-bytes';
import {
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  routeFixture,
  test,
  type ModelServer,
} from './fixtures';

// A post's pictures through the note request (issue #17), in real Chromium: the quoted post's
// chart on X's timeline is fetched from its media host (routed here to a 2,400 × 1,350 PNG the
// test makes), downsized and re-encoded by the background, and sent as one image part. A model
// that refuses pictures gets their alt text instead, and is remembered as one.

const HOME = 'https://x.com/home';
const CHART = pngBytes(2_400, 1_350, (x, y) => [(x * 7) % 256, (y * 5) % 256, 120, 255]);

const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

/** The data: URLs of the image parts of the model server's `index`-th request. */
function imageParts(server: ModelServer, index: number): string[] {
  const body = JSON.stringify(server.completionRequests()[index]!.body);
  return [...body.matchAll(/"image_url":\{"url":"(data:[^"]+)"/g)].map((match) => match[1]!);
}

async function openCard(page: Page, text: string): Promise<void> {
  const post = page.locator('[data-footnote-post]').filter({ hasText: text }).first();
  await post
    .getByRole('button', { name: /^Footnote/ })
    .first()
    .click();
}

test.beforeEach(async ({ context, serviceWorker, modelServer }) => {
  await configureModelServer(serviceWorker, modelServer);
  await context.route('https://pbs.twimg.com/media/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: Buffer.from(CHART) }),
  );
  await routeFixture(context, HOME, 'x/home.html');
});

test("a quoted post's chart goes to the model as one JPEG at most 1,024 px wide", async ({
  page,
  modelServer,
}) => {
  await page.goto(HOME);
  await openCard(page, 'This is the thread everyone should read');
  await expect(card(page).getByText(DEFAULT_NOTE.summary)).toBeVisible();
  const [part, ...more] = imageParts(modelServer, 0);
  expect(more).toEqual([]);
  expect(part).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  const size = await page.evaluate(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    return [image.naturalWidth, image.naturalHeight];
  }, part!);
  expect(size).toEqual([1024, 576]);
  expect(lastUserMessage(modelServer.completionRequests()[0]!)).toContain(
    'Attached after this message, in this order: image 1 of the quoted post.',
  );
});

test('a model that refuses pictures gets their alt text, and is not sent pictures again', async ({
  page,
  modelServer,
}) => {
  modelServer.enqueue({
    kind: 'error',
    status: 400,
    message: 'Invalid content type. image_url is only supported by certain models.',
  });
  await page.goto(HOME);
  await openCard(page, 'This is the thread everyone should read');
  await expect(card(page).getByText(/This model reads no pictures/)).toBeVisible();
  expect([0, 1].map((i) => imageParts(modelServer, i).length)).toEqual([1, 0]);

  // Regenerate: the remembered answer means no picture is fetched or sent.
  await card(page).getByRole('button', { name: 'Regenerate' }).click();
  await expect.poll(() => modelServer.completionRequests().length).toBe(3);
  expect(imageParts(modelServer, 2)).toEqual([]);
  await expect(card(page).getByText(/This model reads no pictures/)).toBeVisible();
});
