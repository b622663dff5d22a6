import { clipText } from '../core/clip-text';
import { SPAN_MAX, type Claim, type Support } from '../core/note-schema';

/** Shorter spans ("yes", "in 2019") are found almost anywhere: they prove nothing. */
export const SPAN_MIN = 12;
/** Spans shown per claim: one or two make the point; more only lengthen the card. */
const SPANS_PER_CLAIM = 3;

/**
 * Text as a page and a model's copy of it may differ without changing a word: Unicode forms,
 * case, curly or straight quotes, dash kinds, ellipses, invisible characters and runs of
 * whitespace. Nothing else is forgiven: a paraphrase does not match.
 */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Models often wrap a copied span in quotes or end it early with an ellipsis: not part of it. */
function spanBody(span: string): string {
  return normaliseForMatch(span)
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/(?:\.\.\.)$/, '')
    .trim();
}

const WRAPPING_QUOTES =
  /^["'\u201C\u201D\u2018\u2019\u00AB\u00BB]+|["'\u201C\u201D\u2018\u2019\u00AB\u00BB]+$/g;

/** Normalised evidence texts by ID, built once per note. */
export type EvidenceTexts = ReadonlyMap<string, string>;

export function normaliseEvidence(texts: ReadonlyMap<string, string>): EvidenceTexts {
  return new Map([...texts].map(([id, text]) => [id, normaliseForMatch(text)]));
}

/**
 * The claim's support spans that really are in the evidence item they name: each span must be
 * at least SPAN_MIN characters and appear, normalised, in that item's text (not another's).
 * Kept spans are clipped for display; duplicates and spans of unknown IDs go.
 */
export function verifiedSupport(claim: Pick<Claim, 'support'>, evidence: EvidenceTexts): Support[] {
  const seen = new Set<string>();
  const kept: Support[] = [];
  for (const { evidence: id, text } of claim.support ?? []) {
    const body = spanBody(text);
    const source = evidence.get(id);
    if (source === undefined || body.length < SPAN_MIN || !source.includes(body)) continue;
    const key = `${id}\n${body}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ evidence: id, text: clipText(text.trim().replace(WRAPPING_QUOTES, ''), SPAN_MAX) });
    if (kept.length === SPANS_PER_CLAIM) break;
  }
  return kept;
}
