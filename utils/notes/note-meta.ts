import * as z from 'zod/mini';
import { OUTPUT_MODES } from '../ai/output-modes';

export const tokenUsageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  /** True when the provider sent no `usage` and these are estimates. */
  estimated: z.boolean(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/** What is kept with every note besides the note itself (DESIGN.md §2). */
export const noteMetaSchema = z.object({
  provider: z.string(),
  model: z.string(),
  promptVersion: z.string(),
  /** Evidence items the note could cite (none until evidence gathering lands). */
  evidence: z.array(z.object({ id: z.string(), url: z.string(), title: z.string() })),
  usage: tokenUsageSchema,
  /** How the provider was asked for JSON (DESIGN.md §4). */
  mode: z.enum(OUTPUT_MODES),
  /** The first answer was invalid and one repair request fixed it. */
  repaired: z.boolean(),
  createdAt: z.number(),
  fromCache: z.boolean(),
});
export type NoteMeta = z.infer<typeof noteMetaSchema>;
