import { matchingReview } from '../evidence/fact-check-tools';
import type { Post } from '../core/post';
import type { EvidenceItem, EvidenceNotice, EvidenceSource, GatheredEvidence } from '../core/evidence';
import {
  gatherEvidence,
  numberEvidence,
  toEvidenceItem,
  type EvidenceSet,
  type NumberedEvidence,
} from '../evidence/gather-evidence';
import type { EvidenceSettings } from '../settings/evidence-settings';

/** The evidence a note is written with, as configured now (background settings). */
export interface EvidencePlan {
  sources: EvidenceSource[];
  /** How long gathering may delay the model call. */
  deadlineMs: number;
  /** Identifies the choice of sources: part of the cache key, so changing it makes new notes. */
  fingerprint: string;
  /** A second search round with the model's own queries, when web search is on. */
  searchWeb: ((queries: string[], signal: AbortSignal) => Promise<GatheredEvidence[]>) | null;
}

export const NO_EVIDENCE: EvidencePlan = { sources: [], deadlineMs: 0, fingerprint: 'none', searchWeb: null };

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

/** Evidence as one note uses it: what the model is given now, and what comes later. */
export interface NoteEvidence {
  given: NumberedEvidence[];
  notices: EvidenceNotice[];
  late: Promise<EvidenceSet>;
}

const NOTHING_LATE: Promise<EvidenceSet> = Promise.resolve({ items: [], notices: [] });

/** Round one: every source in parallel, bounded by the plan's deadline. */
export async function gatherForPost(
  plan: EvidencePlan,
  post: Post,
  answerLanguage: string,
  signal: AbortSignal,
): Promise<NoteEvidence> {
  if (plan.sources.length === 0) return { given: [], notices: [], late: NOTHING_LATE };
  const query = {
    text: [post.text, post.quoted?.text ?? ''].filter(Boolean).join('\n\n'),
    links: post.links,
    postLanguage: post.lang,
    answerLanguage,
  };
  const { onTime, late } = await gatherEvidence(plan.sources, query, { deadlineMs: plan.deadlineMs, signal });
  return { given: onTime.items, notices: onTime.notices, late };
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
      given: [...evidence.given, ...numberEvidence(found, evidence.given.length, false)],
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
}

/**
 * The given items, then the late ones numbered after them, and the fact-check (given or late:
 * it is shown, not cited) that matches the post.
 */
export async function finishEvidence(evidence: NoteEvidence, postText: string): Promise<EvidenceRecord> {
  const late = await evidence.late;
  const known = new Set(evidence.given.map((item) => item.url));
  const lateItems = numberEvidence(
    late.items.filter((item) => !known.has(item.url)),
    evidence.given.length,
    true,
  );
  const items = [...evidence.given, ...lateItems].map(toEvidenceItem);
  const factCheck = matchingReview(
    items.filter((item) => item.kind === 'fact_check'),
    postText,
  );
  return {
    items,
    notices: [...evidence.notices, ...late.notices],
    ...(factCheck ? { factCheckId: factCheck.id } : {}),
  };
}
