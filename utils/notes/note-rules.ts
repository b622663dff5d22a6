import { clipText } from '../core/clip-text';
import type { Grounding } from '../core/note-meta';
import { normaliseEvidence, verifiedSupport, type EvidenceTexts } from './grounding';
import {
  CLAIMS_MAX,
  DETAIL_MAX,
  NOTE_TEXT_MAX,
  SUMMARY_MAX,
  type Claim,
  type Classification,
  type Note,
} from '../core/note-schema';

/** A verbatim span of a post: long enough for any real claim, short enough for a card. */
const QUOTE_MAX = 500;

/** Below this confidence a refutation from the model's own knowledge is not shown as one. */
export const LOW_CONFIDENCE = 0.7;

const URL_PATTERN = /\bhttps?:\/\/\S+/gi;

export interface RuledNote {
  note: Note;
  /** Null when the model based no claim on evidence. */
  grounding: Grounding | null;
}

/**
 * What the schema cannot enforce (docs/ARCHITECTURE.md, The note): caps on counts and lengths,
 * citations only to evidence we gathered, verdicts "based on evidence" only where the evidence
 * says so in words we can find, no "refuted"/"misleading" on a weak hunch, and nothing to check
 * in an opinion. `evidence` maps each citable ID to the text the model was given.
 */
export function enforceNoteRules(note: Note, evidence: ReadonlyMap<string, string>): RuledNote {
  const texts = normaliseEvidence(evidence);
  const opinion = note.classification === 'opinion';
  const modelClaims = opinion ? [] : note.claims.slice(0, CLAIMS_MAX);
  const claims = modelClaims.map((claim) => enforceClaimRules(claim, texts));
  // "False" or "misleading" rests on its claims: when every such verdict was downgraded, so is it.
  const unbacked =
    WARNING_CLASSIFICATIONS.has(note.classification) &&
    modelClaims.some(isRefutation) &&
    !claims.some(isRefutation);
  const evidenceClaims = modelClaims.filter((claim) => claim.basis === 'evidence').length;
  const grounded = claims.filter((claim) => claim.basis === 'evidence').length;
  return {
    note: {
      ...note,
      summary: clipText(note.summary, SUMMARY_MAX),
      classification: unbacked ? 'unverifiable' : note.classification,
      // "Nothing to fact-check": no claims, and no context note to read as a warning.
      note: opinion ? '' : clipNoteText(note.note),
      claims,
      detail: clipText(note.detail, DETAIL_MAX),
    },
    grounding: evidenceClaims ? { evidenceClaims, grounded, downgraded: evidenceClaims - grounded } : null,
  };
}

function enforceClaimRules(claim: Claim, evidence: EvidenceTexts): Claim {
  const support = verifiedSupport(claim, evidence);
  const citations = [...new Set([...claim.citations, ...support.map((span) => span.evidence)])].filter((id) =>
    evidence.has(id),
  );
  // A verdict rests on evidence only where the evidence says so: without a span found in what
  // Footnote fetched, it is the model's own knowledge (and the weak-refutation rule applies).
  const basis = claim.basis === 'evidence' && support.length === 0 ? 'model_knowledge' : claim.basis;
  const weakRefutation = isRefutation(claim) && basis !== 'evidence' && claim.confidence < LOW_CONFIDENCE;
  const { support: _claimed, ...rest } = claim;
  return {
    ...rest,
    claim: clipNoteText(claim.claim),
    quote: clipText(claim.quote, QUOTE_MAX),
    verdict: weakRefutation ? 'unverifiable' : claim.verdict,
    basis,
    explanation: clipNoteText(claim.explanation),
    citations,
    // Only verified spans are kept; a claim without any has no `support` (as before grounding).
    ...(support.length ? { support } : {}),
  };
}

const WARNING_CLASSIFICATIONS: ReadonlySet<Classification> = new Set(['false', 'misleading']);

function isRefutation(claim: Pick<Claim, 'verdict'>): boolean {
  return claim.verdict === 'refuted' || claim.verdict === 'misleading';
}

/** Community Notes count 280 characters without URLs; URLs do not count toward the cap. */
export function clipNoteText(text: string): string {
  const urlLength = (text.match(URL_PATTERN) ?? []).reduce((sum, url) => sum + url.length, 0);
  return clipText(text, NOTE_TEXT_MAX + urlLength);
}
