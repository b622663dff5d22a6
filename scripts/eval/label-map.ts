import { CLASSIFICATIONS, type Classification } from '../../utils/core/note-schema';

/**
 * THE gold-label mapping: every fact-checker rating the harness understands, and the Footnote
 * classification (utils/ai/note-schema.ts) it counts as. One table for every dataset; matching
 * ignores case, accents and extra spaces (FACTCK.BR mixes "Falso" and "falso").
 *
 * A rating that is not here (or maps to null) has no gold class: the row still runs (it counts
 * for validity, latency and cost) but not for agreement, and the report lists it as unmapped.
 */
export interface LabelMapping {
  rating: string;
  classification: Classification | null;
  /** Who uses the rating, and why it maps where it does. */
  why: string;
}

export const LABEL_MAP: readonly LabelMapping[] = [
  // FACTCK.BR (Aos Fatos, Lupa, Truco/Agência Pública)
  { rating: 'Falso', classification: 'false', why: 'All three agencies: the claim is false.' },
  { rating: 'Verdadeiro', classification: 'accurate', why: 'All three agencies: the claim is true.' },
  { rating: 'Exagerado', classification: 'misleading', why: 'Right direction, inflated numbers.' },
  { rating: 'Distorcido', classification: 'misleading', why: 'Real facts bent to a wrong conclusion.' },
  {
    rating: 'Subestimado',
    classification: 'misleading',
    why: 'Truco: right direction, understated numbers.',
  },
  { rating: 'Sem contexto', classification: 'needs_context', why: 'True or partly true, missing context.' },
  { rating: 'Verdadeiro, mas', classification: 'needs_context', why: 'Lupa: true, but needs a caveat.' },
  {
    rating: 'Discutível',
    classification: 'needs_context',
    why: 'Lupa: data or readings support both sides.',
  },
  { rating: 'Impreciso', classification: 'needs_context', why: 'Aos Fatos: partly wrong or needs context.' },
  { rating: 'Impossível provar', classification: 'unverifiable', why: 'No evidence either way.' },
  { rating: 'Insustentável', classification: 'unverifiable', why: 'Aos Fatos: no public data supports it.' },
  { rating: 'Ainda é cedo para dizer', classification: 'unverifiable', why: 'Lupa: too early to tell.' },
  { rating: 'De olho', classification: 'unverifiable', why: 'Lupa: being watched; not decided yet.' },
  { rating: 'Outros', classification: null, why: 'Aos Fatos catch-all: no verdict to compare with.' },
  // Other Portuguese ratings seen in ClaimReview data
  { rating: 'Falsa', classification: 'false', why: 'Feminine form of "Falso".' },
  { rating: 'Verdadeira', classification: 'accurate', why: 'Feminine form of "Verdadeiro".' },
  { rating: 'Enganoso', classification: 'misleading', why: 'Misleading.' },
  {
    rating: 'Contraditório',
    classification: 'needs_context',
    why: "Aos Fatos: contradicts the speaker's own earlier statements.",
  },
  // AVeriTeC (data/dev.json)
  { rating: 'Supported', classification: 'accurate', why: 'AVeriTeC: evidence supports the claim.' },
  { rating: 'Refuted', classification: 'false', why: 'AVeriTeC: evidence refutes the claim.' },
  { rating: 'Not Enough Evidence', classification: 'unverifiable', why: 'AVeriTeC: no verdict possible.' },
  {
    rating: 'Conflicting Evidence/Cherrypicking',
    classification: 'needs_context',
    why: 'AVeriTeC: evidence both ways, or true but cherry-picked: readers need the missing context.',
  },
  // English ratings for JSONL datasets ("false", "misleading" … are Footnote's own, below)
  { rating: 'True', classification: 'accurate', why: 'English rating.' },
  { rating: 'Missing context', classification: 'needs_context', why: 'English rating.' },
  { rating: 'Unproven', classification: 'unverifiable', why: 'English rating.' },
  // Footnote's own classifications map to themselves (JSONL datasets may use them directly).
  ...CLASSIFICATIONS.map((c) => ({ rating: c, classification: c, why: "Footnote's own classification." })),
];

/** Case-, accent- and spacing-insensitive form of a rating ("Impossível  provar" = "impossivel provar"). */
export function normaliseRating(rating: string): string {
  return rating
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

const BY_RATING = new Map<string, LabelMapping>();
for (const mapping of LABEL_MAP) {
  const key = normaliseRating(mapping.rating);
  if (BY_RATING.has(key)) throw new Error(`LABEL_MAP lists "${mapping.rating}" twice`);
  BY_RATING.set(key, mapping);
}

/**
 * The gold class for a rating: a classification, null when the rating is known to carry no
 * verdict, or undefined when the table does not know it.
 */
export function mapRating(rating: string): Classification | null | undefined {
  const key = normaliseRating(rating);
  if (!key) return null;
  return BY_RATING.get(key)?.classification;
}
