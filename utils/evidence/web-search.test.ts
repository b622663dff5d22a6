import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerJson, fixture, neverAnswer, postQuery } from '../../test-support/api-test-routes';
import { FetchFailed } from './bounded-fetch';
import { EvidenceSkipped } from '../core/evidence';
import { startTestServer, type TestRouteHandler, type TestServer } from '../../test-support/test-http-server';
import { createWebSearchSource, type WebSearchSourceOptions } from './web-search';

const KEY = 'BSA-secret-token';
const POST = 'O Supremo Tribunal Federal decidiu hoje, segundo o ministro Alexandre de Moraes.';
const TERMS = 'Supremo Tribunal Federal decidiu ministro Alexandre Moraes';

let server: TestServer;
const routes: Record<'brave' | 'tavily' | 'searxng', TestRouteHandler> = {
  brave: neverAnswer,
  tavily: neverAnswer,
  searxng: neverAnswer,
};
/** Tavily's request bodies, in arrival order. */
const bodies: unknown[] = [];

beforeAll(async () => {
  server = await startTestServer({
    '/res/v1/web/search': (req, res) => routes.brave(req, res),
    '/search': async (req, res) => {
      bodies.push(JSON.parse(await readBody(req)));
      await routes.tavily(req, res);
    },
    '/searx/search': (req, res) => routes.searxng(req, res),
  });
});
beforeEach(() => {
  server.requests.length = 0;
  bodies.length = 0;
  routes.brave = answerJson(fixture('brave-web-search.json'));
  routes.tavily = answerJson(fixture('tavily-search.json'));
  routes.searxng = answerJson(fixture('searxng-search.json'));
});
afterAll(() => server.close());

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function source(provider: WebSearchSourceOptions['provider'], options: Partial<WebSearchSourceOptions> = {}) {
  return createWebSearchSource({
    provider,
    apiKey: async () => KEY,
    baseUrl: server.url,
    searxngUrl: `${server.url}/searx/`,
    timeoutMs: 2_000,
    ...options,
  });
}

const signal = () => new AbortController().signal;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => err as Error,
  );

describe('Brave Search', () => {
  it('asks for three results of the post terms with the subscription token', async () => {
    await source('brave').gather(postQuery(POST), signal());
    expect(server.requests).toHaveLength(1);
    const [{ path, query, headers }] = server.requests as [(typeof server.requests)[number]];
    expect(path).toBe('/res/v1/web/search');
    expect(Object.fromEntries(query)).toEqual({ q: TERMS, count: '3' });
    expect(headers['x-subscription-token']).toBe(KEY);
    expect(headers.accept).toBe('application/json');
  });

  it('turns results into web evidence: markup as text, no javascript: links', async () => {
    const items = await source('brave').gather(postQuery(POST), signal());
    expect(items).toEqual([
      {
        kind: 'web',
        url: 'https://g1.globo.com/politica/noticia/2024/03/12/stf-decide-aposentadorias.ghtml',
        title: "STF decide sobre aposentadorias 'atrasadas' | Política | G1",
        publisher: 'g1.globo.com',
        excerpt:
          'O Supremo Tribunal Federal decidiu nesta terça-feira (12) … segundo o ministro Alexandre de Moraes.',
        publishedAt: '2024-03-12T09:00:00.000Z',
        review: null,
      },
      expect.objectContaining({
        url: 'https://pt.wikipedia.org/wiki/Alexandre_de_Moraes',
        publishedAt: null,
      }),
      expect.objectContaining({
        url: 'https://www.stf.jus.br/portal/',
        publisher: 'stf.jus.br',
        publishedAt: null,
      }),
    ]);
  });

  it.each([401, 403, 422])('says the key was refused on HTTP %i', async (status) => {
    routes.brave = answerJson(fixture('brave-token-invalid.json'), status);
    const error = await failure(source('brave').gather(postQuery(POST), signal()));
    expect(error).toBeInstanceOf(EvidenceSkipped);
    expect(error).toMatchObject({
      code: 'failed',
      message: "Brave Search refused the key: check it in Footnote's options.",
    });
  });

  it('is skipped as not configured without a key, asking nothing', async () => {
    const error = await failure(
      source('brave', { apiKey: async () => '' }).gather(postQuery(POST), signal()),
    );
    expect(error).toMatchObject({ name: 'EvidenceSkipped', code: 'not_configured' });
    expect(server.requests).toHaveLength(0);
  });

  it('gives up at its deadline, naming the service', async () => {
    routes.brave = neverAnswer;
    const error = await failure(source('brave', { timeoutMs: 150 }).gather(postQuery(POST), signal()));
    expect(error).toBeInstanceOf(FetchFailed);
    expect(error?.message).toMatch(/^Brave Search did not answer within/);
  });

  it('fails on an answer that is not JSON', async () => {
    routes.brave = answerJson('<html>captcha</html>');
    await expect(source('brave').gather(postQuery(POST), signal())).rejects.toBeInstanceOf(FetchFailed);
  });
});

describe('Tavily', () => {
  it('POSTs the query as JSON with the key as a bearer token', async () => {
    const items = await source('tavily').gather(postQuery(POST), signal());
    expect(server.requests[0]).toMatchObject({ path: '/search' });
    expect(server.requests[0]!.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
    });
    expect(bodies).toEqual([{ query: TERMS, max_results: 3, search_depth: 'basic' }]);
    expect(items.map(({ url, publisher, publishedAt }) => ({ url, publisher, publishedAt }))).toEqual([
      {
        url: 'https://www.cnnbrasil.com.br/politica/stf-aposentadorias-moraes/',
        publisher: 'cnnbrasil.com.br',
        publishedAt: '2024-03-12T09:00:00.000Z',
      },
      {
        url: 'https://pt.wikipedia.org/wiki/Alexandre_de_Moraes',
        publisher: 'pt.wikipedia.org',
        publishedAt: null,
      },
    ]);
  });

  it('says the key was refused on HTTP 401, without showing it', async () => {
    routes.tavily = answerJson('{"detail":{"error":"Unauthorized: missing or invalid API key."}}', 401);
    const error = await failure(source('tavily').gather(postQuery(POST), signal()));
    expect(error).toMatchObject({
      name: 'EvidenceSkipped',
      code: 'failed',
      message: expect.stringContaining('Tavily refused the key'),
    });
    expect(error?.message).not.toContain(KEY);
  });
});

describe('SearXNG', () => {
  it("asks the instance's JSON API under its path and keeps three results", async () => {
    const items = await source('searxng', { apiKey: undefined }).gather(postQuery(POST), signal());
    expect(server.requests[0]).toMatchObject({ path: '/searx/search' });
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual({ q: TERMS, format: 'json' });
    expect(items.map((item) => item.url)).toEqual([
      'https://www.poder360.com.br/justica/stf-aposentadorias/',
      'https://pt.wikipedia.org/wiki/Supremo_Tribunal_Federal',
      'https://www.stf.jus.br/portal/',
    ]);
    expect(items[0]!.publishedAt).toBe('2024-03-12T00:00:00.000Z');
    expect(items[2]!.excerpt).toBe('');
  });

  it('explains a 403: the instance does not serve JSON', async () => {
    routes.searxng = (_req, res) =>
      res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden</h1>');
    const error = await failure(source('searxng').gather(postQuery(POST), signal()));
    expect(error).toMatchObject({
      name: 'EvidenceSkipped',
      message: expect.stringContaining('enable the json format'),
    });
  });

  it.each(['', 'javascript:alert(1)', 'searx.example.org'])(
    'is not configured with the address %j',
    async (url) => {
      const error = await failure(source('searxng', { searxngUrl: url }).gather(postQuery(POST), signal()));
      expect(error).toMatchObject({ name: 'EvidenceSkipped', code: 'not_configured' });
    },
  );
});

describe('searchWeb (round 2)', () => {
  it('runs at most two queries and keeps each URL once', async () => {
    routes.brave = (req, res) => {
      const q = new URL(req.url ?? '', server.url).searchParams.get('q');
      const second = JSON.stringify({
        web: {
          results: [
            { url: 'https://pt.wikipedia.org/wiki/Alexandre_de_Moraes', title: 'Duplicate', description: '' },
            {
              url: 'https://www.bbc.com/portuguese/articles/c0000',
              title: 'BBC News Brasil',
              description: 'Análise',
            },
          ],
        },
      });
      answerJson(q === 'segunda consulta' ? second : fixture('brave-web-search.json'))(req, res);
    };
    const items = await source('brave').searchWeb(
      ['primeira consulta', '  segunda \n consulta ', 'terceira consulta'],
      signal(),
    );
    expect(server.requests.map((r) => r.query.get('q'))).toEqual(['primeira consulta', 'segunda consulta']);
    expect(items.map((item) => item.url)).toEqual([
      'https://g1.globo.com/politica/noticia/2024/03/12/stf-decide-aposentadorias.ghtml',
      'https://pt.wikipedia.org/wiki/Alexandre_de_Moraes',
      'https://www.stf.jus.br/portal/',
      'https://www.bbc.com/portuguese/articles/c0000',
    ]);
    expect(items[1]!.title).toBe('Alexandre de Moraes – Wikipédia, a enciclopédia livre');
  });

  it('cuts a long query between words', async () => {
    await source('brave').searchWeb(['palavra '.repeat(60)], signal());
    const q = server.requests[0]!.query.get('q') ?? '';
    expect(q.length).toBeLessThanOrEqual(200);
    expect(q.endsWith('palavra')).toBe(true);
  });

  it('keeps what one query found when the other fails', async () => {
    routes.tavily = async (req, res) => {
      const failing = (bodies.at(-1) as { query: string }).query === 'falha';
      answerJson(failing ? 'error' : fixture('tavily-search.json'), failing ? 500 : 200)(req, res);
    };
    const items = await source('tavily').searchWeb(['falha', 'funciona'], signal());
    expect(items).toHaveLength(2);
  });

  it('asks nothing, and reads no key, for no queries', async () => {
    let keyRead = false;
    const readKey = async () => {
      keyRead = true;
      return KEY;
    };
    await expect(source('brave', { apiKey: readKey }).searchWeb(['', '  '], signal())).resolves.toEqual([]);
    await expect(
      source('brave', { apiKey: readKey }).gather(postQuery('😂 kkkk'), signal()),
    ).resolves.toEqual([]);
    expect(keyRead).toBe(false);
    expect(server.requests).toHaveLength(0);
  });
});
