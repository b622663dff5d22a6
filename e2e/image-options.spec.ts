import {
  configureModelServer,
  DEFAULT_MODEL,
  expect,
  openPopup,
  test,
  openEvidenceOptions,
} from './fixtures';

// Pictures in the options page and the popup (issue #17): the switch that keeps them from the
// model, what Footnote knows of the chosen model, and what they cost today.

test('"Send pictures to the model" is on by default, says whether the model reads images as the engine learns it, and is saved with the form', async ({
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
  const send = evidence.getByRole('checkbox', { name: 'Send pictures to the model' });
  await expect(send).toBeChecked();
  await expect(send).toHaveAccessibleDescription(
    /up to 4.*This model reads images: not known yet — Footnote tries once and remembers$/,
  );

  // What the background learns shows while the page is open.
  const key = `${modelServer.baseUrl}|${DEFAULT_MODEL}`;
  await serviceWorker.evaluate(
    (key) => chrome.storage.local.set({ imageCapabilities: { [key]: 'no' } }),
    key,
  );
  await expect(send).toHaveAccessibleDescription(/This model reads images: no — Footnote sends/);

  // "Clear cache" forgets it: the model is tried again.
  const history = options.getByRole('region', { name: 'Notes history' });
  await history.getByRole('button', { name: 'Clear cache' }).click();
  await history.getByRole('button', { name: 'Delete notes' }).click();
  await expect(history.getByRole('status')).toHaveText('The cache is cleared.');
  await expect(send).toHaveAccessibleDescription(/This model reads images: not known yet/);
  expect(await serviceWorker.evaluate(() => chrome.storage.local.get('imageCapabilities'))).toEqual({});

  // A model known to read images says so before it is tried.
  const model = options.getByLabel('Model', { exact: true });
  await model.fill('gpt-4o-mini');
  await expect(send).toHaveAccessibleDescription(/This model reads images: yes$/);

  await send.uncheck();
  await model.fill(DEFAULT_MODEL);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  const stored = await serviceWorker.evaluate(
    async () => (await chrome.storage.local.get('evidence')).evidence,
  );
  expect(stored).toMatchObject({ sendImages: false });
  await options.reload();
  await expect(evidence.getByRole('checkbox', { name: 'Send pictures to the model' })).not.toBeChecked();
});

test("the popup's usage line says what today's pictures cost", async ({
  context,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await serviceWorker.evaluate(async () => {
    const d = new Date();
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await chrome.storage.local.set({
      usage: {
        [day]: { promptTokens: 3_000, completionTokens: 400, notes: 2, estimated: false, imageTokens: 170 },
      },
    });
  });
  const popup = await openPopup(context, serviceWorker);
  await expect(popup.getByText('Today: 3,400 tokens, 2 notes · ≈170 image tokens')).toBeVisible();
});
