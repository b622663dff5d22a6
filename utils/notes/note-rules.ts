import { clipText } from '../core/clip-text';
import {
  CLAIMS_MAX,
  DETAIL_MAX,
  NOTE_TEXT_MAX,
  SUMMARY_MAX,
  type Claim,
  type Note,
} from '../core/note-schema';

/** A verbatim span of a post: long enough for any real claim, short enough for a card. */
const QUOTE_MAX = 500;

/** Below this confidence a refutation from the model's own knowledge is not shown as one. */
export const LOW_CONFIDENCE = 0.7;

const URL_PATTERN = /\bhttps?:\/\/\S+/gi;

/**
 * What the schema cannot enforce (docs/ARCHITECTURE.md, The note): caps on counts and lengths, citations only
 * to evidence we gathered, and no "refuted"/"misleading" on a weak hunch.
 */
export function enforceNoteRules(note: Note, evidenceIds: ReadonlySet<string>): Note {
  return {
    ...note,
    summary: clipText(note.summary, SUMMARY_MAX),
    note: clipNoteText(note.note),
    claims: note.claims.slice(0, CLAIMS_MAX).map((claim) => enforceClaimRules(claim, evidenceIds)),
    detail: clipText(note.detail, DETAIL_MAX),
  };
}

function enforceClaimRules(claim: Claim, evidenceIds: ReadonlySet<string>): Claim {
  const citations = [...new Set(claim.citations)].filter((id) => evidenceIds.has(id));
  // "Evidence" that cites nothing we gathered is the model's own knowledge.
  const basis = claim.basis === 'evidence' && citations.length === 0 ? 'model_knowledge' : claim.basis;
  const weakRefutation =
    (claim.verdict === 'refuted' || claim.verdict === 'misleading') &&
    basis !== 'evidence' &&
    claim.confidence < LOW_CONFIDENCE;
  return {
    ...claim,
    claim: clipNoteText(claim.claim),
    quote: clipText(claim.quote, QUOTE_MAX),
    verdict: weakRefutation ? 'unverifiable' : claim.verdict,
    basis,
    explanation: clipNoteText(claim.explanation),
    citations,
  };
}

/** Community Notes count 280 characters without URLs; URLs do not count toward the cap. */
function clipNoteText(text: string): string {
  const urlLength = (text.match(URL_PATTERN) ?? []).reduce((sum, url) => sum + url.length, 0);
  return clipText(text, NOTE_TEXT_MAX + urlLength);
}
