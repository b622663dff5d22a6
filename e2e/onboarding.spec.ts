import {
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  expect,
  openExtensionPage,
  readProviderConfig,
  test,
} from './fixtures';

// First run: while no provider is saved, the options page is a setup guide — choose a
// provider, paste a key (not for local models), test, done — and then the full settings page.

test('first open: guide → Custom endpoint → Test connection against the local server → Done → settings', async ({
  context,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  const started = Date.now();
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect(options.getByRole('heading', { level: 1, name: 'Welcome to Footnote' })).toBeVisible();
  const providers = options.getByRole('radiogroup', { name: 'Provider' });
  // Debian's Chromium has no on-device model: the guide does not offer it.
  await expect(providers.getByRole('radio', { name: /Chrome built-in AI/ })).toHaveCount(0);
  await expect(providers.getByRole('radio', { name: 'OpenAI' })).toBeChecked();

  await providers.getByRole('radio', { name: 'Custom' }).check();
  await options.getByLabel('Base URL').fill(modelServer.baseUrl);
  await options.getByLabel('API key', { exact: true }).fill(DEFAULT_API_KEY);
  const model = options.getByLabel('Model', { exact: true });
  await expect(model).toHaveValue('');

  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(
    options.getByRole('status').filter({ hasText: 'Connection works. The endpoint offers 1 model.' }),
  ).toBeVisible();
  expect(modelServer.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  await expect(model).toHaveValue(DEFAULT_MODEL); // filled from the endpoint's list

  await options.getByRole('button', { name: 'Done' }).click();
  const ready = options.getByRole('heading', { name: 'Footnote is ready' });
  await expect(ready).toBeFocused();
  expect(await readProviderConfig(serviceWorker)).toEqual({
    provider: { preset: 'custom', baseUrl: modelServer.baseUrl, model: DEFAULT_MODEL },
    apiKey: DEFAULT_API_KEY,
  });
  expect(Date.now() - started, 'the whole guide, as a script does it').toBeLessThan(60_000);

  await options.getByRole('button', { name: 'Show all settings' }).click();
  await expect(options.getByRole('heading', { level: 1, name: 'Footnote settings' })).toBeFocused();
  await expect(options.getByLabel('Base URL')).toHaveValue(modelServer.baseUrl);

  // From now on the page opens as the settings page.
  await options.reload();
  await expect(options.getByRole('heading', { level: 1, name: 'Footnote settings' })).toBeVisible();
  await expect(options.getByRole('radiogroup', { name: 'Provider' })).toHaveCount(0);
});

test('a cloud provider needs its key: Done without one says so at the key field', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.getByRole('radio', { name: 'Google Gemini' }).check();
  await expect(options.getByRole('heading', { name: 'Paste your API key' })).toBeVisible();
  await expect(options.getByRole('link', { name: 'Get a key from Google Gemini' })).toHaveAttribute(
    'href',
    'https://aistudio.google.com/apikey',
  );
  await options.getByRole('button', { name: 'Done' }).click();
  const key = options.getByLabel('API key', { exact: true });
  await expect(key).toBeFocused();
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(options.getByText('This provider needs an API key.')).toBeVisible();
  expect((await readProviderConfig(serviceWorker)).provider).toBeUndefined();
});

test('a local server asks for no key and offers its setup help; Enter in the guide is Done', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.getByRole('radio', { name: 'Ollama (local)' }).check();
  await expect(options.getByLabel('API key', { exact: true })).toHaveCount(0);
  await expect(
    options.getByText('Footnote will connect to http://localhost:11434/v1 on this computer.'),
  ).toBeVisible();
  await options.getByText('Setup help for Ollama and LM Studio').click();
  await expect(
    options.getByText('OLLAMA_ORIGINS="chrome-extension://*,moz-extension://*" ollama serve'),
  ).toBeVisible();

  // Keyboard: the provider radios submit the guide's form with Enter.
  await options.getByRole('radio', { name: 'Ollama (local)' }).focus();
  await options.keyboard.press('Enter');
  await expect(options.getByRole('heading', { name: 'Footnote is ready' })).toBeFocused();
  expect(await readProviderConfig(serviceWorker)).toEqual({
    provider: { preset: 'ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
    apiKey: undefined,
  });
});

test('the guide can be skipped for the full settings', async ({ context, extensionId }) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await options.getByRole('button', { name: 'Skip the guide and show all settings' }).click();
  await expect(options.getByRole('heading', { level: 1, name: 'Footnote settings' })).toBeFocused();
  await expect(options.getByLabel('Provider')).toHaveValue('openai');
  await expect(options.getByRole('region', { name: 'Sites' })).toBeVisible();
});

test('where Chrome has its on-device model, the guide preselects it: nothing to paste', async ({
  context,
  extensionId,
  serviceWorker,
}) => {
  const options = await context.newPage();
  // Debian's Chromium has no Prompt API: stand in for a Chrome that has the model.
  await options.addInitScript(() => {
    (globalThis as { LanguageModel?: unknown }).LanguageModel = { availability: async () => 'available' };
  });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('radio', { name: 'Chrome built-in AI (on-device)' })).toBeChecked();
  await expect(options.getByText('Nothing to paste.', { exact: false })).toBeVisible();
  await expect(options.getByLabel('API key', { exact: true })).toHaveCount(0);
  await options.getByRole('button', { name: 'Done' }).click();
  await expect(options.getByRole('heading', { name: 'Footnote is ready' })).toBeFocused();
  expect((await readProviderConfig(serviceWorker)).provider).toEqual({
    preset: 'chrome-ai',
    baseUrl: 'chrome-ai://on-device',
    model: 'gemini-nano',
  });
});
