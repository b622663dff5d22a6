import {
  configureProvider,
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  routeFixture,
  test,
  withGrantedHosts,
  openEvidenceOptions,
} from './fixtures';

const STATUS_URL = 'https://mastodon.social/@mayachen/117687656200409703';

test('"Check each note before showing it" is on by default, says what it costs, and is saved with the form', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  const { options, evidence } = await openEvidenceOptions({
    context,
    extensionId,
    serviceWorker,
    modelServer,
  });
  const check = evidence.getByRole('checkbox', { name: 'Check each note before showing it' });
  await expect(check).toBeChecked();
  await expect(check).toHaveAccessibleDescription(
    /tokens are counted.*Not used with Chrome's on-device model/,
  );

  await check.uncheck();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  const stored = await serviceWorker.evaluate(
    async () => (await chrome.storage.local.get('evidence')).evidence,
  );
  expect(stored).toMatchObject({ selfCheck: false });

  await options.reload();
  await expect(
    evidence.getByRole('checkbox', { name: 'Check each note before showing it' }),
  ).not.toBeChecked();
});

test.describe('with a cloud model endpoint', () => {
  // The self-check is for cloud providers: the test server answers at a public host name.
  const MODEL_HOST = 'models.example.net';
  test.use({
    launch: { args: [`--host-resolver-rules=MAP ${MODEL_HOST} 127.0.0.1`] },
    extensionDir: withGrantedHosts([`http://${MODEL_HOST}/*`]),
  });

  test('a draft the review withdraws loses its context note, and the card says why', async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    await configureProvider(serviceWorker, {
      baseUrl: modelServer.baseUrl.replace('127.0.0.1', MODEL_HOST),
      model: DEFAULT_MODEL,
      apiKey: DEFAULT_API_KEY,
    });
    // Past the offline guard: this name is the local test server.
    await context.route(
      (url) => url.hostname === MODEL_HOST,
      (route) => route.continue(),
    );
    await routeFixture(context, STATUS_URL, 'mastodon/status.html');
    modelServer.enqueue({
      kind: 'note',
      note: { ...DEFAULT_NOTE, classification: 'misleading', note: 'The author is lying again, as usual.' },
    });
    modelServer.enqueue({
      kind: 'note',
      note: {
        addresses_claim: { pass: false, reason: 'It attacks the author instead of the claim.' },
        sources_on_topic: { pass: true, reason: '' },
        free_of_harassment: { pass: false, reason: 'It calls the author a liar.' },
        action: 'withdraw',
        note: '',
        reason: 'The note is about the author, not the claim.',
      },
    });
    await page.goto(STATUS_URL);
    const post = page.locator('[data-footnote-post]').filter({ hasText: 'Adjusted for age' });
    await post.getByRole('button', { name: /^Footnote/ }).click();
    const card = page.getByRole('dialog', { name: /^Footnote/ });
    await expect(card.getByText('Withdrawn: The note is about the author, not the claim.')).toBeVisible();
    await expect(card.getByText('The author is lying again, as usual.')).toHaveCount(0);
    await expect(card.getByText('Misleading', { exact: true })).toHaveCount(0);
    const requests = modelServer.completionRequests();
    expect(requests).toHaveLength(2);
    expect(JSON.stringify(requests[1]!.body)).toContain("You are Footnote's reviewer.");
    // The draft reached the reviewer as data, inside a block.
    expect(lastUserMessage(requests[1]!)).toMatch(/<<<DATA:[0-9a-f]{24}\n[^]*The author is lying again/);
  });
});
