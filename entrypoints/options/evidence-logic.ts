import type { FieldErrors } from '../../components/options/types';
import type { EvidenceFormValues } from '../../components/options/types';
import type { EvidenceSettings } from '../../utils/settings/evidence-settings';
import { isValidBaseUrl } from '../../utils/settings/provider-settings';
import { ratingListAddress } from '../../utils/settings/rating-lists';
import { normalizeBaseUrl, originPattern } from './form-logic';

/**
 * Pure logic of the "Evidence sources" settings: no browser calls, no i18n (tested in
 * evidence-logic.test.ts). The options store owns the side effects.
 */

/** "Linked pages" fetches whatever a post links to: the optional host permission for all sites. */
export const ALL_SITES: readonly string[] = ['https://*/*', 'http://*/*'];
/** Google Fact Check Tools API (claims:search). */
/** The web search APIs with a fixed address; SearXNG is wherever the user's instance is. */
export const SEARCH_API_PATTERNS = {
  brave: 'https://api.search.brave.com/*',
  tavily: 'https://api.tavily.com/*',
} as const;

export const EVIDENCE_MAX_LENGTH = { key: 2_000, searxngUrl: 2_000, ratingListUrl: 2_000 } as const;

export function evidenceFormFromSettings(
  settings: EvidenceSettings,
  factCheckKey: string,
  searchKey: string,
  /** Whether the all-sites permission is granted: without it, linked pages cannot be read. */
  allSites: boolean,
): EvidenceFormValues {
  return {
    links: settings.links && allSites,
    wikipedia: settings.wikipedia,
    factCheck: settings.factCheck,
    factCheckKey,
    webSearch: settings.webSearch,
    searchKey,
    searxngUrl: settings.searxngUrl,
    selfCheck: settings.selfCheck,
    sendImages: settings.sendImages,
    sourceRatings: settings.sourceRatings,
    ratingListUrl: settings.ratingListUrl,
  };
}

/** Brave and Tavily need the user's key; SearXNG needs the instance's address. */
export function searchNeedsKey(webSearch: EvidenceFormValues['webSearch']): boolean {
  return webSearch === 'brave' || webSearch === 'tavily';
}

/** What Save checks; fields of sources that are off are not checked (their values are kept). */
export function validateEvidence(values: EvidenceFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const factCheckKey = values.factCheckKey.trim();
  if (factCheckKey.length > EVIDENCE_MAX_LENGTH.key) errors.factCheckKey = 'too_long';
  else if (values.factCheck && !factCheckKey) errors.factCheckKey = 'required';
  const searchKey = values.searchKey.trim();
  if (searchKey.length > EVIDENCE_MAX_LENGTH.key) errors.searchKey = 'too_long';
  else if (searchNeedsKey(values.webSearch) && !searchKey) errors.searchKey = 'required';
  const searxngUrl = normalizeBaseUrl(values.searxngUrl);
  if (searxngUrl.length > EVIDENCE_MAX_LENGTH.searxngUrl) errors.searxngUrl = 'too_long';
  else if (values.webSearch === 'searxng' && !isValidBaseUrl(searxngUrl)) errors.searxngUrl = 'invalid_url';
  const ratingListUrl = values.ratingListUrl.trim();
  if (ratingListUrl.length > EVIDENCE_MAX_LENGTH.ratingListUrl) errors.ratingListUrl = 'too_long';
  else if (ratingListUrl && !isValidBaseUrl(ratingListUrl)) errors.ratingListUrl = 'invalid_url';
  return errors;
}

/** The stored settings and secrets for valid form values. */
export function buildEvidence(values: EvidenceFormValues): {
  settings: EvidenceSettings;
  factCheckKey: string;
  searchKey: string;
} {
  return {
    settings: {
      links: values.links,
      wikipedia: values.wikipedia,
      factCheck: values.factCheck,
      webSearch: values.webSearch,
      searxngUrl: normalizeBaseUrl(values.searxngUrl),
      selfCheck: values.selfCheck,
      sendImages: values.sendImages,
      sourceRatings: values.sourceRatings,
      ratingListUrl: values.ratingListUrl.trim(),
    },
    factCheckKey: values.factCheckKey.trim(),
    searchKey: values.searchKey.trim(),
  };
}

/**
 * Host permissions the background needs for the sources that are on (other than linked pages,
 * which asks at its own switch): asked for on Save, like the provider's base URL. Wikipedia and
 * Google's Fact Check Tools answer cross-origin requests (CORS), so they need none.
 */
export function evidencePatterns(
  settings: Pick<EvidenceSettings, 'webSearch' | 'searxngUrl'> &
    Partial<Pick<EvidenceSettings, 'sourceRatings' | 'ratingListUrl'>>,
): string[] {
  const patterns: string[] = [];
  if (settings.webSearch === 'brave' || settings.webSearch === 'tavily')
    patterns.push(SEARCH_API_PATTERNS[settings.webSearch]);
  if (settings.webSearch === 'searxng') {
    const pattern = originPattern(settings.searxngUrl);
    if (pattern) patterns.push(pattern);
  }
  // The switch asks for the list's host; this asks again if its address changed since.
  if (settings.sourceRatings) {
    const pattern = originPattern(ratingListAddress(settings.ratingListUrl ?? ''));
    if (pattern) patterns.push(pattern);
  }
  return patterns;
}
