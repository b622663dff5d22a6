import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerJson, fixture, neverAnswer, postQuery } from '../../test-support/api-test-routes';
import { FetchFailed } from './bounded-fetch';
import type { EvidenceQuery } from '../core/evidence';
import { startTestServer, type TestRouteHandler, type TestServer } from '../../test-support/test-http-server';
import { createWikipediaSource } from './wikipedia';

const USER_AGENT = 'Footnote/0.1.0 (https://github.com/footnote-dev/footnote)';
const POST = 'O Supremo Tribunal Federal decidiu hoje, segundo o ministro Alexandre de Moraes.';

let server: TestServer;
const answers: Record<'pt' | 'en', TestRouteHandler> = { pt: neverAnswer, en: neverAnswer };
const askedLanguages: string[] = [];

beforeAll(async () => {
  server = await startTestServer({
    '/pt/w/api.php': (req, res) => answers.pt(req, res),
    '/en/w/api.php': (req, res) => answers.en(req, res),
  });
});
beforeEach(() => {
  server.requests.length = 0;
  askedLanguages.length = 0;
  answers.pt = answerJson(fixture('wikipedia-pt-search.json'));
  answers.en = answerJson(fixture('wikipedia-en-search.json'));
});
afterAll(() => server.close());

function gather(query: EvidenceQuery, timeoutMs = 2_000) {
  const source = createWikipediaSource({
    baseUrlFor: (language) => {
      askedLanguages.push(language);
      return `${server.url}/${language}`;
    },
    timeoutMs,
    userAgent: USER_AGENT,
  });
  return source.gather(query, new AbortController().signal);
}

describe('createWikipediaSource', () => {
  it('searches the post language and English with extracts, anonymous CORS and Api-User-Agent', async () => {
    await gather(postQuery(POST));
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/en/w/api.php', '/pt/w/api.php']);
    for (const { query, headers } of server.requests) {
      expect(Object.fromEntries(query)).toEqual({
        action: 'query',
        format: 'json',
        formatversion: '2',
        origin: '*',
        generator: 'search',
        gsrsearch: 'Supremo Tribunal Federal Alexandre',
        gsrnamespace: '0',
        gsrlimit: '2',
        prop: 'extracts|info',
        exintro: '1',
        explaintext: '1',
        inprop: 'url',
      });
      expect(headers['api-user-agent']).toBe(USER_AGENT);
    }
  });

  it('gives the top articles in search order, post language first, at most three', async () => {
    const items = await gather(postQuery(POST));
    expect(items.map(({ url, title, publisher }) => ({ url, title, publisher }))).toEqual([
      {
        url: 'https://pt.wikipedia.org/wiki/Alexandre_de_Moraes',
        title: 'Alexandre de Moraes',
        publisher: 'Wikipedia (pt)',
      },
      {
        url: 'https://pt.wikipedia.org/wiki/Supremo_Tribunal_Federal',
        title: 'Supremo Tribunal Federal',
        publisher: 'Wikipedia (pt)',
      },
      {
        url: 'https://en.wikipedia.org/wiki/Supreme_Federal_Court',
        title: 'Supreme Federal Court',
        publisher: 'Wikipedia (en)',
      },
    ]);
    expect(items[1]).toMatchObject({
      kind: 'wikipedia',
      excerpt:
        'O Supremo Tribunal Federal (STF) é o órgão de cúpula do Poder Judiciário brasileiro. ' +
        'Compete-lhe, precipuamente, a guarda da Constituição.',
      publishedAt: null,
      review: null,
    });
  });

  it('asks English once when the post is in English', async () => {
    await gather(postQuery('The Supreme Federal Court of Brazil ruled today', 'en-GB', 'pt-BR'));
    expect(askedLanguages).toEqual(['en']);
  });

  it('uses the answer language when the post has none, and never a malformed tag as a host', async () => {
    await gather(postQuery(POST, null, 'pt-BR'));
    await gather(postQuery(POST, 'evil.example/x?', 'pt-BR'));
    expect(askedLanguages).toEqual(['pt', 'en', 'pt', 'en']);
  });

  it('gives nothing when the search finds nothing', async () => {
    answers.pt = answers.en = answerJson(fixture('wikipedia-empty-search.json'));
    await expect(gather(postQuery(POST))).resolves.toEqual([]);
  });

  it('asks nothing for a post without searchable words', async () => {
    await expect(gather(postQuery('kkkkk 😂 @fulano'))).resolves.toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps what one language found when the other fails', async () => {
    answers.en = answerJson('upstream error', 503);
    const items = await gather(postQuery(POST));
    expect(items.map((item) => item.publisher)).toEqual(['Wikipedia (pt)', 'Wikipedia (pt)']);
  });

  it('fails when no language answers, naming Wikipedia', async () => {
    answers.pt = answers.en = answerJson('upstream error', 503);
    const error = await gather(postQuery(POST)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FetchFailed);
    expect((error as Error).message).toBe('Wikipedia (pt) answered HTTP 503.');
  });

  it('gives up at its deadline', async () => {
    answers.pt = answers.en = neverAnswer;
    const error = await gather(postQuery(POST), 150).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FetchFailed);
    expect((error as Error).message).toMatch(/^Wikipedia \(pt\) did not answer within/);
  });

  it('fails on an answer that is not JSON', async () => {
    answers.pt = answers.en = answerJson('<!DOCTYPE html><title>Wikimedia Error</title>');
    await expect(gather(postQuery(POST))).rejects.toBeInstanceOf(FetchFailed);
  });

  it('treats hostile strings as text and drops what is not an http(s) link or has no text', async () => {
    answers.pt = answerJson(fixture('wikipedia-hostile-search.json'));
    answers.en = answerJson(fixture('wikipedia-empty-search.json'));
    const items = await gather(postQuery(POST));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      url: 'https://pt.wikipedia.org/wiki/T%C3%ADtulo',
      title: 'Título & negrito',
      excerpt: 'Texto com marcação e a < b, <script> como texto.',
    });
  });
});
