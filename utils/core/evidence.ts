import * as z from 'zod/mini';
import { VERDICTS } from './note-schema';

/**
 * Where an evidence item came from (docs/ARCHITECTURE.md, Layers, utils/evidence): the sources
 * Footnote asks, the platform's own context on the post (E0), and a source the reader suggested.
 */
export const EVIDENCE_KINDS = ['link', 'fact_check', 'wikipedia', 'web', 'platform', 'suggested'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Caps: the card shows these fields, the prompt gets the excerpt. */
export const EVIDENCE_TITLE_MAX = 300;
export const EVIDENCE_PUBLISHER_MAX = 120;
export const EVIDENCE_EXCERPT_MAX = 1_500;

/** An existing professional fact-check (ClaimReview) of a claim like the post's. */
export const factCheckReviewSchema = z.object({
  /** The claim as the fact-checker worded it. */
  claim: z.string(),
  /** The publisher's own rating text ("Falso", "Missing context", …). */
  rating: z.string(),
  /** The rating mapped to our verdicts; null when it maps to none. */
  verdict: z.nullable(z.enum(VERDICTS)),
  /** ISO date of the review, when known. */
  reviewedAt: z.nullable(z.string()),
});
export type FactCheckReview = z.infer<typeof factCheckReviewSchema>;

/**
 * How a reputation list the reader subscribed to rates a source's domain (utils/evidence/
 * source-ratings). Shown as a chip with its list named; told to the model with the evidence.
 */
export const RATING_LEVELS = ['low', 'mixed', 'high'] as const;
/** A domain name's longest form (DNS), and the longest list name a chip shows. */
export const RATED_DOMAIN_MAX = 253;
export const RATING_LIST_NAME_MAX = 80;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const sourceRatingSchema = z.object({
  /** The rated domain that matched (the URL's host or a parent domain of it). */
  domain: z.string().check(z.maxLength(RATED_DOMAIN_MAX)),
  /** The list's own score, 0 (least reliable) to 1. */
  score: z.number().check(z.gte(0), z.lte(1)),
  level: z.enum(RATING_LEVELS),
  /** The list's category for the domain ("conspiracy", "satire", …), when it gives one. */
  category: z.nullable(z.string().check(z.maxLength(40))),
  /** The list's name as the chip's tooltip credits it ("CRED-1"). */
  list: z.string().check(z.maxLength(RATING_LIST_NAME_MAX)),
});
export type SourceRating = z.infer<typeof sourceRatingSchema>;

/**
 * One thing Footnote fetched itself and may show as a source. `url` is the address that was
 * actually fetched (after redirects), always http(s): the card links only these.
 */
export const evidenceItemSchema = z.object({
  /** "E1", "E2", … in the order given to the model. */
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  url: z.string(),
  title: z.string(),
  /** The site or organisation ("Wikipedia", "Lupa", "example.com"). */
  publisher: z.string(),
  review: z.nullable(factCheckReviewSchema),
  /** Arrived after the gathering deadline: shown in the card, not given to the model. */
  late: z.boolean(),
  /** The source's reputation, when source ratings are on and the list rates its domain. */
  rating: z.optional(sourceRatingSchema),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

/** What a source returns for one item; gathering numbers the items and adds `late`. */
export interface GatheredEvidence extends Omit<EvidenceItem, 'id' | 'late'> {
  /** Readable text for the prompt, at most EVIDENCE_EXCERPT_MAX characters; untrusted. */
  excerpt: string;
  /** ISO date the page or review was published, when known. */
  publishedAt: string | null;
}

/** Why a source gave nothing, when the reader should know (shown under the card's sources). */
export const EVIDENCE_NOTICE_CODES = ['permission_denied', 'failed', 'not_configured'] as const;
export const evidenceNoticeSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  code: z.enum(EVIDENCE_NOTICE_CODES),
  message: z.string(),
});
export type EvidenceNotice = z.infer<typeof evidenceNoticeSchema>;

/** What every source is asked: one post (its text, links, language) and the note's language. */
export interface EvidenceQuery {
  text: string;
  /** Full URLs the post links to (already expanded from t.co and the like by the adapter). */
  links: string[];
  /** The post's language (BCP-47) when the page says, else null. */
  postLanguage: string | null;
  /** The note's answer language (BCP-47). */
  answerLanguage: string;
}

/** One evidence source. Throwing an EvidenceSkipped reports why it gave nothing. */
export interface EvidenceSource {
  kind: EvidenceKind;
  gather(query: EvidenceQuery, signal: AbortSignal): Promise<GatheredEvidence[]>;
}

/** Thrown by a source that deliberately gathered nothing (no permission, no key). */
export class EvidenceSkipped extends Error {
  constructor(
    readonly code: EvidenceNotice['code'],
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceSkipped';
  }
}

/**
 * A reputation list as the note engine uses it (utils/evidence/source-ratings.ts builds it from
 * the list the reader subscribed to).
 */
export interface RatingLookup {
  /** The rating of the URL's host or its nearest rated parent domain; null when unrated or not http(s). */
  rate(url: string): SourceRating | null;
  /** Identifies the list's content (its name and date or hash): part of the note cache key. */
  readonly version: string;
}
