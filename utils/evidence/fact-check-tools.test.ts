import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerJson, fixture, neverAnswer, postQuery } from '../../test-support/api-test-routes';
import { FetchFailed } from './bounded-fetch';
import { EvidenceSkipped, type EvidenceItem, type EvidenceSource } from '../core/evidence';
import { createFactCheckSource, FACT_CHECK_MAX_AGE_DAYS, matchingReview } from './fact-check-tools';
import { startTestServer, type TestRouteHandler, type TestServer } from '../../test-support/test-http-server';

const KEY = 'AIzaTest-key_123';
const POST = 'URGENTE: vacinas contra a Covid-19 causam autismo em crianças, diz médico. Compartilhe!';

let server: TestServer;
let answer: TestRouteHandler;

beforeAll(async () => {
  server = await startTestServer({ '/claims:search': (req, res) => answer(req, res) });
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(() => server.close());

/** A source whose `claims:search` answers with `handler`. */
function sourceAnswering(handler: TestRouteHandler, timeoutMs = 2_000): EvidenceSource {
  answer = handler;
  return createFactCheckSource({ apiKey: async () => KEY, baseUrl: server.url, timeoutMs });
}

const gather = (source: EvidenceSource, text = POST, language: string | null = 'pt-BR') =>
  source.gather(postQuery(text, language, 'en-US'), new AbortController().signal);

describe('createFactCheckSource', () => {
  it('asks claims:search with the post terms, language, age, page size and key', async () => {
    const source = sourceAnswering(answerJson(fixture('fact-check-claims.json')));
    await gather(source);
    expect(server.requests).toHaveLength(1);
    const { query } = server.requests[0]!;
    expect(query.get('query')).toBe('vacinas Covid-19 causam autismo crianças diz médico');
    expect(query.get('languageCode')).toBe('pt');
    expect(query.get('maxAgeDays')).toBe(String(FACT_CHECK_MAX_AGE_DAYS));
    expect(query.get('pageSize')).toBe('5');
    expect(query.get('key')).toBe(KEY);
  });

  it('uses the answer language when the post has none', async () => {
    const source = sourceAnswering(answerJson(fixture('fact-check-claims.json')));
    await gather(source, POST, null);
    expect(server.requests[0]!.query.get('languageCode')).toBe('en');
  });

  it('turns every review into an evidence item', async () => {
    const source = sourceAnswering(answerJson(fixture('fact-check-claims.json')));
    const items = await gather(source);
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      kind: 'fact_check',
      url: 'https://www.aosfatos.org/noticias/falso-vacinas-covid-19-causam-autismo/',
      title: 'É falso que vacinas contra a Covid-19 causam autismo em crianças',
      publisher: 'Aos Fatos',
      excerpt:
        'Claim: Vacinas contra a Covid-19 causam autismo em crianças\n' +
        'Claimant: Publicações em redes sociais\nRating: Falso',
      publishedAt: '2023-03-10T14:32:00.000Z',
      review: {
        claim: 'Vacinas contra a Covid-19 causam autismo em crianças',
        rating: 'Falso',
        verdict: 'refuted',
        reviewedAt: '2023-03-10T14:32:00.000Z',
      },
    });
    expect(items[1]!.review?.verdict).toBe('misleading');
    expect(items[1]!.publishedAt).toBe('2023-03-14T00:00:00.000Z');
    // No publisher name: the site stands in.
    expect(items[2]!.publisher).toBe('lupa.uol.com.br');
  });

  it('treats hostile strings as text and drops what is not an http(s) link', async () => {
    const source = sourceAnswering(answerJson(fixture('fact-check-hostile.json')));
    const items = await gather(source);
    expect(items.map((item) => item.url)).toEqual([
      'https://www.estadao.com.br/estadao-verifica/pix-taxado/',
      'https://a.example/1',
      'http://b.example/2',
      'https://c.example/3',
    ]);
    const [pix] = items;
    expect(pix!.title).toBe('alert(1) Governo não vai taxar o PIX – entenda');
    expect(pix!.review).toEqual({
      claim: 'Lula & o "PIX" taxado',
      rating: 'Enganoso',
      verdict: 'misleading',
      reviewedAt: null,
    });
    expect(pix!.excerpt).toBe('Claim: Lula & o "PIX" taxado\nClaimant: Post viral\nRating: Enganoso');
    expect(pix!.publishedAt).toBeNull();
    expect(items[3]!.review?.verdict).toBe('not_checkable');
  });

  it('answers nothing when Google has nothing (an empty object)', async () => {
    const source = sourceAnswering(answerJson('{}'));
    await expect(gather(source)).resolves.toEqual([]);
  });

  it('asks nothing for a post without searchable words', async () => {
    const source = sourceAnswering(answerJson(fixture('fact-check-claims.json')));
    await expect(gather(source, '😂😂 kkkk https://t.co/x')).resolves.toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('is skipped as not configured without a key, asking nothing', async () => {
    const source = createFactCheckSource({ apiKey: async () => '  ', baseUrl: server.url });
    const error = await source
      .gather(postQuery(POST), new AbortController().signal)
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EvidenceSkipped);
    expect(error).toMatchObject({ code: 'not_configured' });
    expect(server.requests).toHaveLength(0);
  });

  it.each([400, 403])('says the key was refused on HTTP %i, without showing the key', async (status) => {
    const source = sourceAnswering(answerJson(fixture('google-api-key-invalid.json'), status));
    const error = await gather(source).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EvidenceSkipped);
    expect(error).toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/Fact Check Tools refused the key.*options/),
    });
    expect((error as Error).message).not.toContain(KEY);
  });

  it('fails on a server error naming the service, not the URL with the key', async () => {
    const source = sourceAnswering(answerJson('{"error":{"code":500}}', 500));
    const error = await gather(source).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FetchFailed);
    expect((error as Error).message).toBe('Google Fact Check Tools answered HTTP 500.');
  });

  it('gives up at its deadline', async () => {
    const source = sourceAnswering(neverAnswer, 150);
    const error = await gather(source).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FetchFailed);
    expect((error as Error).message).toMatch(/^Google Fact Check Tools did not answer within/);
  });

  it('stops when cancelled', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    // Never answers, with a deadline far past the test's own timeout: only the abort can end it.
    const source = sourceAnswering((req, res) => {
      arrived();
      return neverAnswer(req, res);
    }, 60_000);
    const controller = new AbortController();
    const pending = source.gather(postQuery(POST), controller.signal).catch((err: unknown) => err);
    await inFlight;
    controller.abort();
    await expect(pending).resolves.toMatchObject({ name: 'FetchFailed', message: 'Cancelled.' });
  });

  it.each([
    ['not JSON', '<html>Service Unavailable</html>'],
    ['JSON of another kind', '["claims"]'],
  ])('fails on an answer that is %s', async (_what, body) => {
    const source = sourceAnswering(answerJson(body));
    await expect(gather(source)).rejects.toBeInstanceOf(FetchFailed);
  });
});

describe('matchingReview', () => {
  const item = (claim: string): Pick<EvidenceItem, 'review'> => ({
    review: { claim, rating: 'Falso', verdict: 'refuted', reviewedAt: null },
  });

  it.each([
    ['the same claim in other words', POST, 'Vacinas contra a Covid-19 causam autismo em crianças', true],
    ['a claim sharing one word', POST, 'Bolsonaro disse que a vacina transforma pessoas em jacaré', false],
    ['a claim sharing a few words', POST, 'Estudo sobre vacinas e autismo foi retratado pela revista', false],
    [
      'a short post inside a longer claim',
      'Vacina causa autismo?',
      'Estudo mostra que vacina causa autismo e infertilidade',
      true,
    ],
  ])('%s', (_what, post, claim, matches) => {
    const candidate = item(claim);
    expect(matchingReview([candidate], post)).toBe(matches ? candidate : null);
  });

  it('picks the closest claim, the first on a tie, and skips items without a review', () => {
    const loose = item(
      'Covid-19 vacinas autismo estudo falso revista médica Lancet retratado 1998 Wakefield',
    );
    const close = item('Vacinas da Covid-19 causam autismo em crianças');
    const same = item('Vacinas contra Covid-19 causam autismo em crianças');
    expect(matchingReview([{ review: null }, loose, close, same], POST)).toBe(close);
  });

  it('never matches on a single shared word', () => {
    expect(matchingReview([item('Lula')], 'Lula')).toBeNull();
    expect(matchingReview([item('Lula viajou para a China em abril')], 'Lula')).toBeNull();
  });
});
