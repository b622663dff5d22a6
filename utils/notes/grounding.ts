import { clipText } from '../core/clip-text';
import { SPAN_MAX, type Claim, type Support } from '../core/note-schema';

/** Shorter spans ("yes", "in 2019") are found almost anywhere: they prove nothing. */
export const SPAN_MIN = 12;
/** Spans shown per claim: one or two make the point; more only lengthen the card. */
const SPANS_PER_CLAIM = 3;

/**
 * Text as a page and a model's copy of it may differ without changing a word: composed or
 * decomposed accents, case, curly or straight quotes, dash kinds, invisible characters and runs
 * of whitespace. Nothing else is forgiven: a paraphrase does not match, nor does "106" match
 * "10⁶" (compatibility folding would make them equal).
 */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a model wraps a copied span in: quotes, and an ellipsis where it starts or stops
 * mid-sentence. Not part of the evidence's words, so neither matched nor shown.
 */
const WRAPPING =
  /^(?:["'\s\u201C\u201D\u2018\u2019\u00AB\u00BB]|\.\.\.|\u2026)+|(?:["'\s\u201C\u201D\u2018\u2019\u00AB\u00BB]|\.\.\.|\u2026)+$/g;

/** Letters and digits: a span must not begin or end inside a word of the evidence. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Normalised evidence texts by ID, built once per note. */
export type EvidenceTexts = ReadonlyMap<string, string>;

export function normaliseEvidence(texts: ReadonlyMap<string, string>): EvidenceTexts {
  return new Map([...texts].map(([id, text]) => [id, normaliseForMatch(text)]));
}

/**
 * The claim's support spans that really are in the evidence item they name: each span, without
 * its wrapping, must be at least SPAN_MIN characters and appear, normalised and on word
 * boundaries, in that item's text (not another's). Kept spans are clipped for display;
 * duplicates and spans of unknown IDs go.
 */
export function verifiedSupport(claim: Pick<Claim, 'support'>, evidence: EvidenceTexts): Support[] {
  const seen = new Set<string>();
  const kept: Support[] = [];
  for (const { evidence: id, text } of claim.support ?? []) {
    const shown = text.replace(WRAPPING, '');
    const body = normaliseForMatch(shown);
    const source = evidence.get(id);
    if (source === undefined || body.length < SPAN_MIN || !containsWords(source, body)) continue;
    const key = `${id}\n${body}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ evidence: id, text: clipText(shown, SPAN_MAX) });
    if (kept.length === SPANS_PER_CLAIM) break;
  }
  return kept;
}

/** Whether `span` occurs in `source` starting and ending on word boundaries ("own grew" is not "town grew"). */
function containsWords(source: string, span: string): boolean {
  const startsWord = WORD_CHAR.test(span[0]!);
  const endsWord = WORD_CHAR.test(span.at(-1)!);
  for (let at = source.indexOf(span); at >= 0; at = source.indexOf(span, at + 1)) {
    const before = source[at - 1];
    const after = source[at + span.length];
    if (
      (!startsWord || before === undefined || !WORD_CHAR.test(before)) &&
      (!endsWord || after === undefined || !WORD_CHAR.test(after))
    )
      return true;
  }
  return false;
}
