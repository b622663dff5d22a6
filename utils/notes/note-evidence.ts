import { matchingReview } from '../evidence/fact-check-tools';
import type { Post } from '../core/post';
import type {
  EvidenceItem,
  EvidenceNotice,
  EvidenceSource,
  GatheredEvidence,
  RatingLookup,
} from '../core/evidence';
import {
  gatherEvidence,
  numberEvidence,
  toEvidenceItem,
  type EvidenceSet,
  type NumberedEvidence,
} from '../evidence/gather-evidence';
import type { EvidenceSettings } from '../settings/evidence-settings';
import { platformEvidence } from '../evidence/platform-evidence';
import type { LinkRating } from '../core/note-meta';

/** The evidence a note is written with, as configured now (background settings). */
export interface EvidencePlan {
  sources: EvidenceSource[];
  /** How long gathering may delay the model call. */
  deadlineMs: number;
  /** Identifies the choice of sources: part of the cache key, so changing it makes new notes. */
  fingerprint: string;
  /** A second search round with the model's own queries, when web search is on. */
  searchWeb: ((queries: string[], signal: AbortSignal) => Promise<GatheredEvidence[]>) | null;
  /** The reader's source-rating list when "Source ratings" is on (its version is in the fingerprint). */
  ratings: RatingLookup | null;
  /**
   * Reads a source the reader suggested, with a linked page's caps and private-network rules;
   * throws an Error whose message the reader sees. Null where sources cannot be read.
   */
  readSuggested: ((url: string, signal: AbortSignal) => Promise<GatheredEvidence>) | null;
}

export const NO_EVIDENCE: EvidencePlan = {
  sources: [],
  deadlineMs: 0,
  fingerprint: 'none',
  searchWeb: null,
  ratings: null,
  readSuggested: null,
};

/** The sources that are on, in a stable order ("links+wikipedia"): the plan's fingerprint. */
export function evidenceFingerprint(settings: EvidenceSettings): string {
  const on = [
    settings.links && 'links',
    settings.factCheck && 'factcheck',
    settings.wikipedia && 'wikipedia',
    settings.webSearch !== 'off' && `web-${settings.webSearch}`,
  ].filter(Boolean);
  return on.length ? on.join('+') : NO_EVIDENCE.fingerprint;
}

/**
 * Evidence as one note uses it: the platform's own context (E0), what the model is given now
 * (E1…), and what comes later; each item rated when the reader subscribed to a rating list.
 */
export interface NoteEvidence {
  platform: NumberedEvidence | null;
  given: NumberedEvidence[];
  notices: EvidenceNotice[];
  late: Promise<EvidenceSet>;
  ratings: RatingLookup | null;
}

const NOTHING_LATE: Promise<EvidenceSet> = Promise.resolve({ items: [], notices: [] });

/** Round one: the platform's context, then every source in parallel, bounded by the plan's deadline. */
export async function gatherForPost(
  plan: EvidencePlan,
  post: Post,
  answerLanguage: string,
  signal: AbortSignal,
): Promise<NoteEvidence> {
  const base = { platform: platformEvidence(post), ratings: plan.ratings };
  if (plan.sources.length === 0) return { ...base, given: [], notices: [], late: NOTHING_LATE };
  const query = {
    text: [post.text, post.quoted?.text ?? ''].filter(Boolean).join('\n\n'),
    links: post.links,
    postLanguage: post.lang,
    answerLanguage,
  };
  const { onTime, late } = await gatherEvidence(plan.sources, query, { deadlineMs: plan.deadlineMs, signal });
  return { ...base, given: rate(onTime.items, plan.ratings), notices: onTime.notices, late };
}

/** What the model is given: E0 first when the platform shows context, then E1…En. */
export function promptEvidence(evidence: NoteEvidence): NumberedEvidence[] {
  return evidence.platform ? [evidence.platform, ...evidence.given] : evidence.given;
}

/** The text of every item the note may cite, by ID: its spans are checked against these. */
export function citableTexts(evidence: NoteEvidence): ReadonlyMap<string, string> {
  return new Map(promptEvidence(evidence).map((item) => [item.id, item.excerpt]));
}

/** A source the reader suggested, given to the model as the next ID after what it already has. */
export function withSuggested(evidence: NoteEvidence, suggested: GatheredEvidence): NoteEvidence {
  // Already gathered: the model has it under its ID.
  if (evidence.given.some((item) => item.url === suggested.url)) return evidence;
  const added = rate(numberEvidence([suggested], evidence.given.length, false), evidence.ratings);
  return { ...evidence, given: [...evidence.given, ...added] };
}

/**
 * Round two (at most): the model's own search queries, when web search is on and it asked.
 * Null when there is nothing new to give the model.
 */
export async function searchRound(
  plan: EvidencePlan,
  evidence: NoteEvidence,
  queries: string[],
  signal: AbortSignal,
): Promise<NoteEvidence | null> {
  if (!plan.searchWeb || queries.length === 0) return null;
  try {
    const known = new Set(evidence.given.map((item) => item.url));
    const found = (await plan.searchWeb(queries, signal)).filter((item) => !known.has(item.url));
    if (found.length === 0) return null;
    return {
      ...evidence,
      given: [...evidence.given, ...rate(numberEvidence(found, evidence.given.length, false), plan.ratings)],
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ...evidence, notices: [...evidence.notices, { kind: 'web', code: 'failed', message }] };
  }
}

/** What a note's metadata keeps of its evidence. */
export interface EvidenceRecord {
  items: EvidenceItem[];
  notices: EvidenceNotice[];
  /** The professional fact-check that reviewed the post's own claim, shown on top. */
  factCheckId?: string;
  /** The post's links that the rating list rates. */
  linkRatings?: LinkRating[];
}

/**
 * E0, the given items, then the late ones numbered after them, and the fact-check (given or
 * late: it is shown, not cited) that matches the post.
 */
export async function finishEvidence(evidence: NoteEvidence, post: Post): Promise<EvidenceRecord> {
  const late = await evidence.late;
  const known = new Set(evidence.given.map((item) => item.url));
  const lateItems = numberEvidence(
    late.items.filter((item) => !known.has(item.url)),
    evidence.given.length,
    true,
  );
  const items = [...promptEvidence(evidence), ...rate(lateItems, evidence.ratings)].map(toEvidenceItem);
  const factCheck = matchingReview(
    items.filter((item) => item.kind === 'fact_check'),
    post.text,
  );
  const linkRatings = rateLinks(post.links, evidence.ratings);
  return {
    items,
    notices: [...evidence.notices, ...late.notices],
    ...(factCheck ? { factCheckId: factCheck.id } : {}),
    ...(linkRatings.length ? { linkRatings } : {}),
  };
}

/** Each item with its source's rating, when the list rates it. */
function rate(items: NumberedEvidence[], ratings: RatingLookup | null): NumberedEvidence[] {
  if (!ratings) return items;
  return items.map((item) => {
    const rating = ratings.rate(item.url);
    return rating ? { ...item, rating } : item;
  });
}

function rateLinks(links: string[], ratings: RatingLookup | null): LinkRating[] {
  if (!ratings) return [];
  return links.flatMap((url) => {
    const rating = ratings.rate(url);
    return rating ? [{ url, rating }] : [];
  });
}
