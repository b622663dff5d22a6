import {
  configureModelServer,
  DEFAULT_NOTE,
  expect,
  lastUserMessage,
  openExtensionPage,
  openPopup,
  test,
} from './fixtures';
import { badge, card } from './x-card';
import { gotoXHome } from './x-home-page';

/**
 * The browser in Brazilian Portuguese: Footnote's UI follows it, and with the answer language
 * on "auto" (the default) the model is asked to write in Brazilian Portuguese.
 *
 * Chromium on Linux takes its UI language from LANGUAGE (--lang is for other platforms) and
 * only uses it when it has that language's resources: Debian ships them in chromium-l10n.
 */
test.use({ launch: { args: ['--lang=pt-BR'], env: { LANGUAGE: 'pt_BR', LANG: 'pt_BR.UTF-8' } } });

const POST = 'x:2126243242333455973';

test.beforeEach(async ({ serviceWorker }) => {
  const uiLanguage = await serviceWorker.evaluate(() => chrome.i18n.getUILanguage());
  expect(uiLanguage, 'Chromium runs in pt-BR (on Debian: apt-get install chromium-l10n)').toBe('pt-BR');
});

test('card and popup speak Portuguese, and "auto" asks the model for Brazilian Portuguese', async ({
  context,
  page,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await gotoXHome(context, page);

  const post = page.locator(`[data-footnote-post="${POST}"]`);
  // Stable hooks keep their "Footnote" prefix in every language.
  const ptBadge = post.getByRole('button', { name: 'Footnote: mostrar contexto deste post' });
  await ptBadge.click();
  const ptCard = page.getByRole('dialog', { name: /^Footnote: contexto do post de @/ });
  await expect(ptCard.getByText(DEFAULT_NOTE.note)).toBeVisible();
  await expect(ptCard).toHaveAttribute('aria-busy', 'false');
  for (const text of [
    'Resumo',
    'Leitores adicionaram contexto',
    'Alegações',
    'Precisa de contexto',
    'Não verificável',
  ]) {
    await expect(ptCard.getByText(text, { exact: true })).toBeVisible();
  }
  await expect(ptCard.getByText('Confiança 50%')).toBeVisible();
  await expect(ptCard.getByRole('button', { name: 'Fechar' })).toBeVisible();
  await expect(ptCard.getByRole('button', { name: 'Gerar de novo' })).toBeVisible();

  const [request] = modelServer.completionRequests();
  expect(lastUserMessage(request!)).toContain('Answer language: Brazilian Portuguese.');

  const popup = await openPopup(context, serviceWorker);
  await expect(popup.locator('html')).toHaveAttribute('lang', 'pt-BR');
  await expect(popup.getByRole('button', { name: 'Abrir configurações' })).toBeVisible();
  await expect(popup.getByRole('heading', { name: /^\d+ posts nesta página$/ })).toBeVisible();
  await expect(
    popup.getByRole('listitem').filter({ hasText: DEFAULT_NOTE.summary }).getByText('Nota pronta'),
  ).toBeVisible();
  await expect(popup.getByText('Leitores adicionaram contexto')).toBeVisible();
});

test('the options page speaks Portuguese, with dates in the Brazilian format', async ({
  context,
  page,
  extensionId,
  serviceWorker,
  modelServer,
}) => {
  await configureModelServer(serviceWorker, modelServer);
  await gotoXHome(context, page);
  await badge(page, POST).click();
  await expect(card(page).getByText(DEFAULT_NOTE.note)).toBeVisible();

  const options = await openExtensionPage(context, extensionId, 'options.html');
  await expect(options.locator('html')).toHaveAttribute('lang', 'pt-BR');
  await expect(options.getByLabel('Provedor')).toBeVisible();
  await expect(options.getByLabel('Orçamento diário de tokens')).toBeVisible();
  await expect(options.getByRole('button', { name: 'Salvar' })).toBeVisible();
  const history = options.getByRole('region', { name: 'Histórico de notas' });
  await expect(history.getByText('1 nota', { exact: true })).toBeVisible();
  await expect(history.getByText('Precisa de contexto')).toBeVisible();
  // e.g. "28 de nov. de 2026, 09:14" (pt-BR), not "Nov 28, 2026, 9:14 AM".
  await expect(history.locator('time')).toHaveText(/^\d{1,2} de \S+ de \d{4},? \d{2}:\d{2}$/);
  await expect(history.getByRole('button', { name: 'Exportar Markdown' })).toBeEnabled();
});
