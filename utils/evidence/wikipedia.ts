/**
 * Wikipedia articles about what the post names, in the post's language and in English.
 *
 * One MediaWiki Action API request per language: `generator=search` finds the articles and
 * `prop=extracts|info` returns their plain-text introductions and canonical URLs in the same
 * answer. The REST search (`/w/rest.php/v1/search/page`) gives only an HTML snippet, so it
 * would need a second request per article for text worth quoting.
 * https://www.mediawiki.org/wiki/API:Search, https://www.mediawiki.org/wiki/Extension:TextExtracts
 */
import * as z from 'zod/mini';
import { apiText, distinctByUrl, languageSubtag, looseList, looseText, readApiAnswer } from './api-fields';
import { httpUrl } from '../core/http-url';
import { API_MAX_BYTES, fetchApiJson, settleAll } from './api-request';
import {
  EVIDENCE_EXCERPT_MAX,
  EVIDENCE_TITLE_MAX,
  type EvidenceSource,
  type GatheredEvidence,
} from '../core/evidence';
import { searchTerms } from './search-terms';

const ARTICLES_PER_LANGUAGE = 2;
const ITEMS_MAX = 3;
/**
 * Wikipedia's search wants every word in the article, so a long query finds nothing: the few
 * words searchTerms ranks first (names, numbers) are the article's likely subject.
 */
const QUERY_WORDS_MAX = 4;

const answerSchema = z.object({
  query: z.catch(
    z.object({
      pages: looseList(
        z.object({
          title: looseText,
          /** The search rank: pages come back in page-id order. */
          index: z.catch(z.number(), Number.MAX_SAFE_INTEGER),
          extract: looseText,
          canonicalurl: looseText,
        }),
      ),
    }),
    { pages: [] },
  ),
});

export interface WikipediaSourceOptions {
  /** Where a language's Wikipedia is (tests point it elsewhere). */
  baseUrlFor?(language: string): string;
  timeoutMs?: number;
  /**
   * Sent as `Api-User-Agent`, as Wikimedia's policy asks of clients that cannot set User-Agent
   * (browsers): e.g. "Footnote/0.1.0 (https://github.com/footnote-dev/footnote)".
   * https://foundation.wikimedia.org/wiki/Policy:Wikimedia_Foundation_User-Agent_Policy
   */
  userAgent: string;
}

export function createWikipediaSource(options: WikipediaSourceOptions): EvidenceSource {
  const { baseUrlFor = (language: string) => `https://${language}.wikipedia.org`, timeoutMs = 5_000 } =
    options;

  async function search(language: string, terms: string, signal: AbortSignal): Promise<GatheredEvidence[]> {
    const params = new URLSearchParams({
      action: 'query',
      format: 'json',
      formatversion: '2',
      // Anonymous CORS: no cookies, and Wikipedia answers any origin.
      origin: '*',
      generator: 'search',
      gsrsearch: terms,
      gsrnamespace: '0',
      gsrlimit: String(ARTICLES_PER_LANGUAGE),
      prop: 'extracts|info',
      exintro: '1',
      explaintext: '1',
      inprop: 'url',
    });
    const service = `Wikipedia (${language})`;
    const json = await fetchApiJson({
      service,
      url: `${baseUrlFor(language)}/w/api.php?${params}`,
      options: {
        signal,
        timeoutMs,
        maxBytes: API_MAX_BYTES,
        headers: { 'Api-User-Agent': options.userAgent },
      },
    });
    return readApiAnswer(answerSchema, json, service)
      .query.pages.sort((a, b) => a.index - b.index)
      .flatMap((page): GatheredEvidence[] => {
        const url = httpUrl(page.canonicalurl);
        const excerpt = apiText(page.extract, EVIDENCE_EXCERPT_MAX);
        if (!url || excerpt === '') return [];
        const title = apiText(page.title, EVIDENCE_TITLE_MAX);
        return [
          { kind: 'wikipedia', url, title, publisher: service, excerpt, publishedAt: null, review: null },
        ];
      });
  }

  return {
    kind: 'wikipedia',
    async gather(query, signal) {
      const terms = searchTerms(query.text, QUERY_WORDS_MAX);
      if (terms === '') return [];
      const own = languageSubtag(query.postLanguage) ?? languageSubtag(query.answerLanguage) ?? 'en';
      const languages = [...new Set([own, 'en'])];
      // One language answering is enough; only when none did is it a failure.
      const found = await settleAll(languages.map((language) => search(language, terms, signal)));
      return distinctByUrl(found, ITEMS_MAX);
    },
  };
}
