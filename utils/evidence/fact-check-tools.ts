/**
 * Existing professional fact-checks (ClaimReview) of claims like the post's, from Google Fact
 * Check Tools `claims:search`:
 * https://developers.google.com/fact-check/tools/api/reference/rest/v1alpha1/claims/search
 */
import * as z from 'zod/mini';
import {
  apiText,
  distinctByUrl,
  isoDate,
  languageSubtag,
  looseList,
  looseText,
  plainText,
  readApiAnswer,
  siteName,
} from './api-fields';
import { clipText } from '../core/clip-text';
import { httpUrl } from '../core/http-url';
import { API_MAX_BYTES, fetchApiJson, requireApiKey } from './api-request';
import {
  EVIDENCE_EXCERPT_MAX,
  EVIDENCE_PUBLISHER_MAX,
  EVIDENCE_TITLE_MAX,
  type EvidenceItem,
  type EvidenceSource,
  type GatheredEvidence,
} from '../core/evidence';
import { ratingVerdict } from './rating-verdict';
import { contentWords, searchTerms } from './search-terms';

const SERVICE = 'Google Fact Check Tools';
export const FACT_CHECK_TOOLS_URL = 'https://factchecktools.googleapis.com/v1alpha1';

/**
 * Hoaxes come back every election cycle (two years apart in Brazil and the US), so three years
 * keeps the recycled ones; older reviews more often describe another event with the same names.
 */
export const FACT_CHECK_MAX_AGE_DAYS = 3 * 365;
const PAGE_SIZE = 5;
const ITEMS_MAX = 4;
/** Leaves room in the excerpt for the claimant and the rating. */
const CLAIM_MAX = 1_000;

const reviewSchema = z.object({
  publisher: z.catch(z.object({ name: looseText, site: looseText }), { name: '', site: '' }),
  url: looseText,
  title: looseText,
  reviewDate: looseText,
  textualRating: looseText,
});
type Review = z.infer<typeof reviewSchema>;

const claimSchema = z.object({ text: looseText, claimant: looseText, claimReview: looseList(reviewSchema) });
type Claim = z.infer<typeof claimSchema>;

const answerSchema = z.object({ claims: looseList(claimSchema) });

export interface FactCheckSourceOptions {
  /** The user's Google API key with Fact Check Tools enabled; '' when none. */
  apiKey(): Promise<string>;
  baseUrl?: string;
  timeoutMs?: number;
  maxAgeDays?: number;
}

export function createFactCheckSource(options: FactCheckSourceOptions): EvidenceSource {
  const { baseUrl = FACT_CHECK_TOOLS_URL, timeoutMs = 5_000, maxAgeDays = FACT_CHECK_MAX_AGE_DAYS } = options;
  return {
    kind: 'fact_check',
    async gather(query, signal) {
      const key = await requireApiKey(options.apiKey, SERVICE);
      const terms = searchTerms(query.text);
      if (terms === '') return [];
      const params = new URLSearchParams({
        query: terms,
        pageSize: String(PAGE_SIZE),
        maxAgeDays: String(maxAgeDays),
        key,
      });
      // The API ignores regions ("pt-BR" filters as "pt"), so the primary subtag is enough.
      const language = languageSubtag(query.postLanguage) ?? languageSubtag(query.answerLanguage);
      if (language) params.set('languageCode', language);
      const json = await fetchApiJson({
        service: SERVICE,
        url: `${baseUrl}/claims:search?${params}`,
        options: { signal, timeoutMs, maxBytes: API_MAX_BYTES },
        // A wrong key answers 400 ("API key not valid"); a restricted one or a disabled API, 403.
        refused: {
          statuses: [400, 403],
          message:
            `${SERVICE} refused the key: check it, and that the Fact Check Tools API is enabled ` +
            "for it, in Footnote's options.",
        },
      });
      const { claims } = readApiAnswer(answerSchema, json, SERVICE);
      const items = claims.flatMap((claim) =>
        claim.claimReview.flatMap((review) => toEvidence(claim, review) ?? []),
      );
      return distinctByUrl(items, ITEMS_MAX);
    },
  };
}

function toEvidence(claim: Claim, review: Review): GatheredEvidence | null {
  const url = httpUrl(review.url);
  if (!url) return null;
  const claimText = apiText(claim.text, CLAIM_MAX);
  const claimant = apiText(claim.claimant, EVIDENCE_PUBLISHER_MAX);
  const rating = apiText(review.textualRating, EVIDENCE_TITLE_MAX);
  const publisher =
    apiText(review.publisher.name, EVIDENCE_PUBLISHER_MAX) ||
    apiText(review.publisher.site, EVIDENCE_PUBLISHER_MAX) ||
    siteName(url);
  const excerpt = [
    claimText && `Claim: ${claimText}`,
    claimant && `Claimant: ${claimant}`,
    rating && `Rating: ${rating}`,
  ].filter(Boolean);
  const reviewedAt = isoDate(review.reviewDate);
  return {
    kind: 'fact_check',
    url,
    title: clipText(plainText(review.title) || claimText || publisher, EVIDENCE_TITLE_MAX),
    publisher,
    excerpt: clipText(excerpt.join('\n'), EVIDENCE_EXCERPT_MAX),
    publishedAt: reviewedAt,
    review: { claim: claimText, rating, verdict: ratingVerdict(rating), reviewedAt },
  };
}

/** A review is about the post when they share this much of the shorter one's content words… */
const MATCH_SHARE_MIN = 0.5;
/** …and at least this many words (or all of a shorter text's, but never fewer than two). */
const MATCH_WORDS_MIN = 3;

/**
 * The fact-check whose claim is close enough to the post to show as "Checked by <publisher>:
 * <rating>", or null. Closeness is the share of content words in common (stop words dropped,
 * plurals folded), measured against the shorter text: a post usually says more than the claim,
 * and a short post may be one part of a longer claim. Ties go to the first (the API's ranking).
 */
export function matchingReview<T extends Pick<EvidenceItem, 'review'>>(
  items: readonly T[],
  postText: string,
): T | null {
  const postWords = matchWords(postText);
  let best: { item: T; share: number } | null = null;
  for (const item of items) {
    if (!item.review) continue;
    const claimWords = matchWords(item.review.claim);
    const shared = [...claimWords].filter((word) => postWords.has(word)).length;
    const shorter = Math.min(claimWords.size, postWords.size);
    if (shared < Math.max(2, Math.min(MATCH_WORDS_MIN, shorter))) continue;
    const share = shared / shorter;
    if (share >= MATCH_SHARE_MIN && (!best || share > best.share)) best = { item, share };
  }
  return best?.item ?? null;
}

function matchWords(text: string): Set<string> {
  // "vacinas" and "vacina", "claims" and "claim": a plural "s" is the commonest difference.
  return new Set(contentWords(text).map((word) => (word.length > 3 ? word.replace(/s$/, '') : word)));
}
