/**
 * One request to a third-party evidence API (Fact Check Tools, Wikipedia, web search), with
 * failures worded for the reader: the notice names the service, never the URL (which can hold
 * the user's key and the post's text, and is shown in the card on the page).
 */
import { fetchJson, FetchFailed, type BoundedFetchOptions } from './bounded-fetch';
import { EvidenceSkipped } from '../core/evidence';

/** JSON APIs answer in kilobytes; anything near this is not an answer we want. */
export const API_MAX_BYTES = 512 * 1024;

export interface ApiRequest {
  /** How the reader knows the service ("Google Fact Check Tools"). */
  service: string;
  url: string;
  options: BoundedFetchOptions;
  /** The statuses by which the API refuses the user's key or setup, and what to tell them then. */
  refused?: { statuses: readonly number[]; message: string };
}

export async function fetchApiJson({ service, url, options, refused }: ApiRequest): Promise<unknown> {
  try {
    return await fetchJson(url, options);
  } catch (err) {
    if (!(err instanceof FetchFailed)) throw err;
    if (refused && err.status !== undefined && refused.statuses.includes(err.status)) {
      throw new EvidenceSkipped('failed', refused.message);
    }
    throw new FetchFailed(err.message.split(url).join(service), err.status);
  }
}

/** The user's key for `service`; without one the source is skipped as not configured. */
export async function requireApiKey(apiKey: () => Promise<string>, service: string): Promise<string> {
  let key: string;
  try {
    key = (await apiKey()).trim();
  } catch {
    throw new EvidenceSkipped('failed', `Footnote could not read the ${service} key.`);
  }
  if (key === '') {
    throw new EvidenceSkipped('not_configured', `Add a ${service} key in Footnote's options to use it.`);
  }
  return key;
}

/** The items of every request that answered; when none did, the first one's failure. */
export async function settleAll<T>(requests: Array<Promise<T[]>>): Promise<T[]> {
  const results = await Promise.allSettled(requests);
  const [first] = results;
  if (first?.status === 'rejected' && results.every((result) => result.status === 'rejected'))
    throw first.reason;
  return results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
}
