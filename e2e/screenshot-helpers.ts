/** What the README's and the stores' screenshots share: where they go, and the sample note they show. */
import path from 'node:path';
import type { BrowserContext, Page, TestInfo, Worker } from '@playwright/test';
import {
  configureModelServer,
  configureProvider,
  DEFAULT_API_KEY,
  DEFAULT_NOTE,
  expect,
  openPopup,
  type ModelServer,
} from './fixtures';
import { badge, card } from './x-card';
import { gotoXHome } from './x-home-page';

/** The X home fixture's Portuguese post (the São Paulo metro strike). */
export const PT_POST = 'x:2126225507567988089';

export const SAMPLE_NOTE = {
  summary: 'O post avisa que o metrô de São Paulo terá horário reduzido hoje por causa de uma greve.',
  classification: 'needs_context',
  note: 'A operação reduzida vale para as linhas 1, 2, 3 e 15; as linhas privatizadas (4 e 5) funcionam normalmente. Confira o horário de cada linha antes de sair.',
  claims: [
    {
      claim: 'O metrô de São Paulo funciona em horário reduzido hoje por causa de uma greve.',
      quote: 'Hoje o metrô de São Paulo vai funcionar em horário reduzido por causa da greve.',
      verdict: 'unverifiable',
      confidence: 0.55,
      basis: 'model_knowledge',
      explanation:
        'Greves do metrô costumam afetar só as linhas estatais; sem uma fonte de hoje não é possível confirmar o horário.',
      citations: [],
    },
  ],
  detail: '',
  injection_detected: false,
};

/**
 * Where a screenshot goes: `docsFolder` for `npm run screenshots` (UPDATE_SCREENSHOTS=1), else
 * the test's output folder.
 */
export function screenshotPath(testInfo: TestInfo, docsFolder: string, file: string): string {
  return path.join(process.env.UPDATE_SCREENSHOTS ? docsFolder : testInfo.outputDir, file);
}

/** The model answers with `note`; the post's card is opened until it shows it. */
export async function openNoteCard(
  page: Page,
  serviceWorker: Worker,
  modelServer: ModelServer,
  { post = PT_POST, note = SAMPLE_NOTE }: { post?: string; note?: { note: string } } = {},
): Promise<void> {
  await configureModelServer(serviceWorker, modelServer);
  modelServer.enqueue({ kind: 'note', note });
  await page.locator(`[data-footnote-post="${post}"]`).scrollIntoViewIfNeeded();
  await badge(page, post).click();
  await expect(card(page).getByText(note.note)).toBeVisible();
}

/**
 * The X home fixture with notes on three posts (two flagged), then the real popup over it, its
 * list filtered to "Has note": the README's popup screenshot and the stores' show the same.
 */
export async function openPopupWithNotes({
  context,
  page,
  serviceWorker,
  modelServer,
}: {
  context: BrowserContext;
  page: Page;
  serviceWorker: Worker;
  modelServer: ModelServer;
}): Promise<Page> {
  await gotoXHome(context, page);
  // A local server, as LM Studio would be: the popup names the provider and the model.
  await configureProvider(serviceWorker, {
    baseUrl: modelServer.baseUrl,
    model: 'qwen2.5-7b-instruct',
    apiKey: DEFAULT_API_KEY,
    preset: 'lmstudio',
  });
  const photo = {
    ...DEFAULT_NOTE,
    classification: 'false',
    summary: 'The post presents a flood photo as taken last week.',
    note: 'This photo was first published in 2019 and shows a different flood. It does not show last week’s weather.',
  };
  const prices = {
    ...DEFAULT_NOTE,
    classification: 'accurate',
    summary: 'Electricity prices in Europe fell for a third month in a row, according to official figures.',
    note: '',
    claims: [],
  };
  modelServer.enqueue(
    { kind: 'note', note: SAMPLE_NOTE },
    { kind: 'note', note: photo },
    { kind: 'note', note: prices },
  );
  const posts = [
    [page.locator(`[data-footnote-post="${PT_POST}"]`), SAMPLE_NOTE.summary],
    [
      page.locator('[data-footnote-post]', { hasText: 'No, this photo is not from last week' }),
      photo.summary,
    ],
    [page.locator('[data-footnote-post]', { hasText: 'Electricity prices across Europe' }), prices.summary],
  ] as const;
  for (const [post, summary] of posts) {
    await post.scrollIntoViewIfNeeded();
    await post.getByRole('button', { name: /^Footnote/ }).click();
    await expect(card(page).getByText(summary)).toBeVisible();
    await page.keyboard.press('Escape');
  }

  const popup = await openPopup(context, serviceWorker);
  await popup.getByRole('radio', { name: /^Has note 3/ }).check();
  await expect(popup.getByRole('list').getByRole('listitem')).toHaveCount(3);
  await expect(popup.getByRole('radio', { name: /^Flagged 2/ })).toBeVisible();
  await popup.mouse.move(0, 0);
  return popup;
}
