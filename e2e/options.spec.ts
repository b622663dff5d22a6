import type { Page } from '@playwright/test';
import { DEFAULT_API_KEY, DEFAULT_MODEL, expect, openExtensionPage, readProviderConfig, test } from './fixtures';

async function fillProvider(options: Page, baseUrl: string, apiKey: string): Promise<void> {
  await options.getByLabel('Provider').selectOption({ label: 'Custom' });
  await options.getByLabel('Base URL').fill(baseUrl);
  await options.getByLabel('API key', { exact: true }).fill(apiKey);
  await options.getByLabel('Model', { exact: true }).fill(DEFAULT_MODEL);
}

test('save a provider, and Test connection lists the models', async ({ context, extensionId, serviceWorker, modelServer }) => {
  modelServer.setModels([DEFAULT_MODEL, 'another-model']);
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, DEFAULT_API_KEY);

  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status').filter({ hasText: '2 models' })).toBeVisible();
  expect(modelServer.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  expect(modelServer.requests.at(-1)?.headers.authorization).toBe(`Bearer ${DEFAULT_API_KEY}`);

  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(await readProviderConfig(serviceWorker)).toEqual({
    provider: { preset: 'custom', baseUrl: modelServer.baseUrl, model: DEFAULT_MODEL },
    apiKey: DEFAULT_API_KEY,
  });

  // What was saved is what the page shows next time.
  await options.reload();
  await expect(options.getByLabel('Base URL')).toHaveValue(modelServer.baseUrl);
  await expect(options.getByLabel('API key', { exact: true })).toHaveValue(DEFAULT_API_KEY);
});

test('Test connection with a wrong key shows the 401 and the provider’s words', async ({ context, extensionId, modelServer }) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, 'sk-wrong');
  await options.getByRole('button', { name: 'Test connection' }).click();
  const alert = options.getByRole('alert');
  await expect(alert).toContainText('401');
  await expect(alert).toContainText('Incorrect API key provided.');
});

test('the key is never in chrome.storage, where content scripts could read it', async ({ context, extensionId, serviceWorker, modelServer }) => {
  const options = await openExtensionPage(context, extensionId, 'options.html');
  await fillProvider(options, modelServer.baseUrl, DEFAULT_API_KEY);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const everything = await serviceWorker.evaluate(async () =>
    JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]),
  );
  expect(everything).toContain(modelServer.baseUrl);
  expect(everything).not.toContain(DEFAULT_API_KEY);
});
