import * as z from 'zod/mini';
import { OUTPUT_MODES } from './output-mode';
import { evidenceItemSchema, evidenceNoticeSchema, sourceRatingSchema } from './evidence';
import { noteSchema } from './note-schema';
import { imageReportSchema } from './images';
import { videoReportSchema } from './video';

export const tokenUsageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  /** True when the provider sent no `usage` and these are estimates. */
  estimated: z.boolean(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** What a call that was never answered cost as far as Footnote knows. */
export const NO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0, estimated: false };

/** Two calls' tokens together (a note and its self-check, a video's outline and its note). */
export function sumUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimated: a.estimated || b.estimated,
  };
}

/**
 * How well a note's evidence-based verdicts are grounded (note-rules.ts): claims the model based
 * on evidence, those with at least one span found in the cited evidence, and those downgraded to
 * the model's own knowledge because none was.
 */
export const groundingSchema = z.object({
  evidenceClaims: z.number(),
  grounded: z.number(),
  downgraded: z.number(),
});
export type Grounding = z.infer<typeof groundingSchema>;

export const SELF_CHECK_OUTCOMES = ['kept', 'revised', 'withdrawn', 'failed'] as const;
export type SelfCheckOutcome = (typeof SELF_CHECK_OUTCOMES)[number];

/** The second request that reviewed the draft (utils/notes/self-check.ts). */
export const selfCheckSchema = z.object({
  outcome: z.enum(SELF_CHECK_OUTCOMES),
  /** Why it was revised or withdrawn (the model's words, untrusted), or why the check failed. */
  reason: z.string(),
  /** What the check cost; also counted in the note's `usage`. */
  usage: tokenUsageSchema,
});
export type SelfCheck = z.infer<typeof selfCheckSchema>;

/** A note rewritten with a source the reader suggested keeps the version before it. */
export const revisionSchema = z.object({
  /** The suggested address as Footnote fetched it. */
  sourceUrl: z.string(),
  previous: z.object({
    note: noteSchema,
    evidence: z.array(evidenceItemSchema),
    createdAt: z.number(),
  }),
});
export type Revision = z.infer<typeof revisionSchema>;

/** A link in the post whose domain the reader's rating list rates. */
export const linkRatingSchema = z.object({ url: z.string(), rating: sourceRatingSchema });
export type LinkRating = z.infer<typeof linkRatingSchema>;

/** What is kept with every note besides the note itself (docs/ARCHITECTURE.md, The note). */
export const noteMetaSchema = z.object({
  provider: z.string(),
  model: z.string(),
  promptVersion: z.string(),
  /** What Footnote gathered for the note: the IDs its citations may use, with their URLs. */
  evidence: z.array(evidenceItemSchema),
  /** Why a source gave nothing (no permission, failed): the card says so. Absent before evidence. */
  evidenceNotices: z.optional(z.array(evidenceNoticeSchema)),
  /** The evidence item of a professional fact-check that reviewed this post's claim. */
  factCheckId: z.optional(z.string()),
  usage: tokenUsageSchema,
  /** How the provider was asked for JSON (docs/ARCHITECTURE.md, Prompting and safety). */
  mode: z.enum(OUTPUT_MODES),
  /** The first answer was invalid and one repair request fixed it. */
  repaired: z.boolean(),
  createdAt: z.number(),
  fromCache: z.boolean(),
  /** Absent on notes without evidence-based claims and on notes written before grounding. */
  grounding: z.optional(groundingSchema),
  /** Absent when no self-check ran (switched off, on-device, or nothing to check). */
  selfCheck: z.optional(selfCheckSchema),
  /** Present when the reader suggested a source and the note was rewritten with it. */
  revision: z.optional(revisionSchema),
  /** Ratings of the post's own links, when source ratings are on. */
  linkRatings: z.optional(z.array(linkRatingSchema)),
  /** The post's pictures: sent, skipped and why, or alt text only. Absent for posts without any. */
  images: z.optional(imageReportSchema),
  /** A video's transcript: where it came from (or why none), and the outline's moments. */
  video: z.optional(videoReportSchema),
});
export type NoteMeta = z.infer<typeof noteMetaSchema>;
