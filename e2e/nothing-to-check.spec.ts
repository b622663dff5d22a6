import { configureModelServer, DEFAULT_NOTE, expect, routeFixture, test } from './fixtures';

// "Nothing to fact-check" is an answer (issue #16): an opinion gets a neutral summary and says
// so plainly, with no claims section and no warning chip, even when the model wrote claims.

const STATUS_URL = 'https://mastodon.social/@mayachen/117687656200409703';

test('an opinion post gets its summary and "Nothing to fact-check", nothing alarming', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await routeFixture(context, STATUS_URL, 'mastodon/status.html');
  modelServer.enqueue({
    kind: 'note',
    note: {
      ...DEFAULT_NOTE,
      summary: 'The author says charts without age adjustment annoy them.',
      classification: 'opinion',
      note: 'Some readers may disagree.',
    },
  });
  await page.goto(STATUS_URL);
  const post = page.locator('[data-footnote-post]').filter({ hasText: 'Adjusted for age' });
  await post.getByRole('button', { name: /^Footnote/ }).click();
  const card = page.getByRole('dialog', { name: /^Footnote/ });
  await expect(card.getByText('The author says charts without age adjustment annoy them.')).toBeVisible();
  await expect(card.getByText('Nothing to fact-check', { exact: true })).toBeVisible();
  await expect(card.getByText(/there is no factual claim to check/)).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Claims' })).toHaveCount(0);
  await expect(card.getByRole('heading', { name: 'Readers added context' })).toHaveCount(0);
  await expect(card.getByText('Some readers may disagree.')).toHaveCount(0);
});
