import * as z from 'zod/mini';

/** docs/ARCHITECTURE.md, The note. The caps the schema states are enforced again in code (enforceNoteRules). */
export const NOTE_TEXT_MAX = 280;
export const DETAIL_MAX = 840;
export const CLAIMS_MAX = 3;
export const SUMMARY_MAX = 600;
/** Web searches the model may ask for when the evidence given does not settle a claim. */
export const SEARCH_QUERIES_MAX = 2;

export const CLASSIFICATIONS = [
  'accurate',
  'opinion',
  'needs_context',
  'misleading',
  'false',
  'unverifiable',
] as const;
export const VERDICTS = ['supported', 'refuted', 'misleading', 'unverifiable', 'not_checkable'] as const;
export const BASES = ['evidence', 'model_knowledge', 'none'] as const;

export type Classification = (typeof CLASSIFICATIONS)[number];
export type Verdict = (typeof VERDICTS)[number];

// What each property means is told to the model in the JSON Schema only (utils/ai/
// note-json-schema.ts): the content scripts validate notes with these schemas and carry no prose.

/** Longest evidence span kept: a sentence or two, not a page. */
export const SPAN_MAX = 400;

export const supportSchema = z.object({
  /** The evidence ID (E0, E1, …). */
  evidence: z.string(),
  /** Copied verbatim from that evidence item. */
  text: z.string(),
});
export type Support = z.infer<typeof supportSchema>;

export const claimSchema = z.object({
  claim: z.string(),
  /** The verbatim span of the post that makes the claim. */
  quote: z.string(),
  verdict: z.enum(VERDICTS),
  confidence: z.number().check(z.gte(0), z.lte(1)),
  basis: z.enum(BASES),
  explanation: z.string(),
  /** Evidence IDs only, never URLs: the card links what Footnote fetched. */
  citations: z.array(z.string()),
  /**
   * Per cited evidence item, its exact words that support the verdict. Code keeps only spans
   * found in the text Footnote fetched (note-rules.ts); optional when parsing (older notes).
   */
  support: z.optional(z.array(supportSchema)),
});

/**
 * What the model must return. Property order is the streaming order: the summary arrives
 * first so the card can show it while the rest is still being written. Every property is
 * required (strict structured output demands it); "nothing" is an empty string or list.
 */
export const noteSchema = z.object({
  summary: z.string(),
  classification: z.enum(CLASSIFICATIONS),
  /** "Readers added context"; empty when no note is needed. */
  note: z.string(),
  claims: z.array(claimSchema),
  /** Optional "show my work"; may be empty. */
  detail: z.string(),
  injection_detected: z.boolean(),
});

export type Note = z.infer<typeof noteSchema>;

/**
 * What the model answers for one post: the note, then (last, so it never delays the card) the
 * web searches it would like run. The queries drive a second evidence round; they are not part
 * of the note that is stored and shown. Optional when parsing, so models that leave them out
 * still give a valid note.
 */
export const noteAnswerSchema = z.extend(noteSchema, {
  search_queries: z._default(z.array(z.string()), []),
});
export type NoteAnswer = z.infer<typeof noteAnswerSchema>;
export type Claim = z.infer<typeof claimSchema>;

/** A note as it streams in: any prefix of the final object. */
export const partialNoteSchema = z.partial(z.extend(noteSchema, { claims: z.array(z.partial(claimSchema)) }));
export type PartialNote = z.infer<typeof partialNoteSchema>;
