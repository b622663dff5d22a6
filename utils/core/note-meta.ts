import * as z from 'zod/mini';
import { OUTPUT_MODES } from './output-mode';
import { evidenceItemSchema, evidenceNoticeSchema } from './evidence';

export const tokenUsageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  /** True when the provider sent no `usage` and these are estimates. */
  estimated: z.boolean(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

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
});
export type NoteMeta = z.infer<typeof noteMetaSchema>;
