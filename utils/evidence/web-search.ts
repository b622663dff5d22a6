/**
 * Optional web search through an API the user brings: Brave Search, Tavily or a SearXNG
 * instance. Round 1 searches the post's own words; round 2 (`searchWeb`) runs the queries the
 * model asks for.
 */
import * as z from 'zod/mini';
import type { WebSearchProvider } from '../settings/evidence-settings';
import { apiText, distinctByUrl, isoDate, looseList, looseText, readApiAnswer, siteName } from './api-fields';
import { httpUrl } from '../core/http-url';
import { API_MAX_BYTES, fetchApiJson, requireApiKey, settleAll, type ApiRequest } from './api-request';
import type { BoundedFetchOptions } from './bounded-fetch';
import {
  EVIDENCE_EXCERPT_MAX,
  EVIDENCE_PUBLISHER_MAX,
  EVIDENCE_TITLE_MAX,
  EvidenceSkipped,
  type EvidenceSource,
  type GatheredEvidence,
} from '../core/evidence';
import { searchTerms } from './search-terms';

export const BRAVE_SEARCH_URL = 'https://api.search.brave.com';
export const TAVILY_URL = 'https://api.tavily.com';

/** Round 2 asks at most this many queries, and every query brings at most this many results. */
export const WEB_QUERIES_MAX = 2;
export const WEB_RESULTS_PER_QUERY = 3;
/** Brave takes at most 400 characters, Tavily advises under 400: a model's query gets less. */
const QUERY_CHARS_MAX = 200;

export type SearchApiName = Exclude<WebSearchProvider, 'off'>;

export interface WebSearchSourceOptions {
  provider: SearchApiName;
  /** Brave and Tavily: the user's key ('' when none). */
  apiKey?(): Promise<string>;
  /** SearXNG: the instance's address, e.g. "https://searx.example.org/". */
  searxngUrl?: string;
  /** Brave and Tavily: where the API is (tests point it elsewhere). */
  baseUrl?: string;
  timeoutMs?: number;
}

export interface WebSearchSource extends EvidenceSource {
  /** Runs up to WEB_QUERIES_MAX queries (written by the model), results deduplicated by URL. */
  searchWeb(queries: string[], signal: AbortSignal): Promise<GatheredEvidence[]>;
}

/** One result as every API gives it, before it is trusted. */
interface SearchHit {
  url: string;
  title: string;
  snippet: string;
  date: string;
}

/** How to ask one search API, and how to read its answer. */
interface SearchApi {
  service: string;
  /** How the API refuses the user's key or setup, and what to tell them then. */
  refused: NonNullable<ApiRequest['refused']>;
  request(query: string): { url: string } & Pick<BoundedFetchOptions, 'method' | 'headers' | 'body'>;
  hits(json: unknown): SearchHit[];
}

// https://api-dashboard.search.brave.com/app/documentation/web-search/get-started
const braveAnswer = z.object({
  web: z.catch(
    z.object({
      results: looseList(
        z.object({ url: looseText, title: looseText, description: looseText, page_age: looseText }),
      ),
    }),
    { results: [] },
  ),
});

function braveApi(baseUrl: string, key: string): SearchApi {
  const service = 'Brave Search';
  return {
    service,
    // A wrong token answers 401 or 422 (SUBSCRIPTION_TOKEN_INVALID); a plan without search, 403.
    refused: { statuses: [401, 403, 422], message: keyRefused(service) },
    request: (query) => ({
      url: `${baseUrl}/res/v1/web/search?${new URLSearchParams({ q: query, count: String(WEB_RESULTS_PER_QUERY) })}`,
      headers: { Accept: 'application/json', 'X-Subscription-Token': key },
    }),
    hits: (json) =>
      readApiAnswer(braveAnswer, json, service).web.results.map((r) => ({
        url: r.url,
        title: r.title,
        snippet: r.description,
        date: r.page_age,
      })),
  };
}

// https://docs.tavily.com/documentation/api-reference/endpoint/search
const tavilyAnswer = z.object({
  results: looseList(
    z.object({ url: looseText, title: looseText, content: looseText, published_date: looseText }),
  ),
});

function tavilyApi(baseUrl: string, key: string): SearchApi {
  const service = 'Tavily';
  return {
    service,
    refused: { statuses: [401, 403], message: keyRefused(service) },
    request: (query) => ({
      url: `${baseUrl}/search`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, max_results: WEB_RESULTS_PER_QUERY, search_depth: 'basic' }),
    }),
    hits: (json) =>
      readApiAnswer(tavilyAnswer, json, service).results.map((r) => ({
        url: r.url,
        title: r.title,
        snippet: r.content,
        date: r.published_date,
      })),
  };
}

// https://docs.searxng.org/dev/search_api.html
const searxngAnswer = z.object({
  results: looseList(
    z.object({ url: looseText, title: looseText, content: looseText, publishedDate: looseText }),
  ),
});

function searxngApi(instance: string): SearchApi {
  const service = 'SearXNG';
  // The instance may live under a path ("https://example.org/searx/").
  const endpoint = new URL('search', instance.endsWith('/') ? instance : `${instance}/`);
  return {
    service,
    // Instances answer 403 unless `json` is among `search.formats` in their settings.yml.
    refused: {
      statuses: [403],
      message:
        `${service} refused to answer JSON: enable the json format in the instance's settings.yml, ` +
        "or choose another instance in Footnote's options.",
    },
    request: (query) => ({
      url: `${endpoint.href}?${new URLSearchParams({ q: query, format: 'json' })}`,
      headers: { Accept: 'application/json' },
    }),
    // SearXNG has no result count: it answers a page of results.
    hits: (json) =>
      readApiAnswer(searxngAnswer, json, service)
        .results.slice(0, WEB_RESULTS_PER_QUERY)
        .map((r) => ({ url: r.url, title: r.title, snippet: r.content, date: r.publishedDate })),
  };
}

function keyRefused(service: string): string {
  return `${service} refused the key: check it in Footnote's options.`;
}

export function createWebSearchSource(options: WebSearchSourceOptions): WebSearchSource {
  const { timeoutMs = 6_000 } = options;
  const noKey = async () => '';

  async function connect(): Promise<SearchApi> {
    switch (options.provider) {
      case 'brave':
        return braveApi(
          options.baseUrl ?? BRAVE_SEARCH_URL,
          await requireApiKey(options.apiKey ?? noKey, 'Brave Search'),
        );
      case 'tavily':
        return tavilyApi(
          options.baseUrl ?? TAVILY_URL,
          await requireApiKey(options.apiKey ?? noKey, 'Tavily'),
        );
      case 'searxng': {
        const instance = httpUrl(options.searxngUrl ?? '');
        if (!instance) {
          throw new EvidenceSkipped(
            'not_configured',
            "Set your SearXNG instance's address in Footnote's options.",
          );
        }
        return searxngApi(instance);
      }
    }
  }

  async function search(api: SearchApi, query: string, signal: AbortSignal): Promise<GatheredEvidence[]> {
    const { url, ...init } = api.request(query);
    const json = await fetchApiJson({
      service: api.service,
      url,
      refused: api.refused,
      options: { ...init, signal, timeoutMs, maxBytes: API_MAX_BYTES },
    });
    return api.hits(json).flatMap((hit) => toEvidence(hit) ?? []);
  }

  async function searchWeb(queries: string[], signal: AbortSignal): Promise<GatheredEvidence[]> {
    const wanted = [...new Set(queries.map(tidyQuery).filter((query) => query !== ''))].slice(
      0,
      WEB_QUERIES_MAX,
    );
    if (wanted.length === 0) return [];
    const api = await connect();
    const found = await settleAll(wanted.map((query) => search(api, query, signal)));
    return distinctByUrl(found, WEB_QUERIES_MAX * WEB_RESULTS_PER_QUERY);
  }

  return {
    kind: 'web',
    gather: (query, signal) => searchWeb([searchTerms(query.text)], signal),
    searchWeb,
  };
}

/** A query as an API should get it: one line, not too long, cut between words. */
function tidyQuery(query: string): string {
  let tidy = '';
  for (const word of query.split(/\s+/)) {
    if (word === '') continue;
    const longer = tidy === '' ? word : `${tidy} ${word}`;
    if (Array.from(longer).length > QUERY_CHARS_MAX) break;
    tidy = longer;
  }
  return tidy;
}

function toEvidence(hit: SearchHit): GatheredEvidence | null {
  const url = httpUrl(hit.url);
  if (!url) return null;
  const publisher = apiText(siteName(url), EVIDENCE_PUBLISHER_MAX);
  return {
    kind: 'web',
    url,
    title: apiText(hit.title, EVIDENCE_TITLE_MAX) || publisher,
    publisher,
    excerpt: apiText(hit.snippet, EVIDENCE_EXCERPT_MAX),
    publishedAt: isoDate(hit.date),
    review: null,
  };
}
