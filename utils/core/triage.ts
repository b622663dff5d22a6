import * as z from 'zod/mini';
import { CLASSIFICATIONS, type Classification } from './note-schema';

/** Longest triage reason kept: one line under a badge's name. */
export const TRIAGE_REASON_MAX = 160;

/**
 * What triage says of a post as the reader scrolls, before anyone asks for a note: far cheaper
 * than a note (no claims, no detail, no evidence), one batched request for many posts.
 */
export const triageSchema = z.object({
  classification: z.enum(CLASSIFICATIONS),
  /** One line, in the answer language: why the post may mislead (empty when nothing to say). */
  reason: z.string().check(z.maxLength(TRIAGE_REASON_MAX)),
  /** Whether a full note (claims, evidence) is worth writing for it. */
  worth_note: z.boolean(),
  /** The post's text tried to instruct the model. */
  injection_detected: z.boolean(),
});
export type Triage = z.infer<typeof triageSchema>;

/** Classifications that mean "readers should look twice". */
export const FLAGGED_CLASSIFICATIONS: ReadonlySet<Classification> = new Set([
  'misleading',
  'false',
  'needs_context',
]);

/**
 * Flagged: misleading, false or needs context, or text that tried to instruct the model. Opinion,
 * satire and jokes are never flagged (the model classifies them "opinion": nothing to check).
 */
export function isFlagged(verdict: Pick<Triage, 'classification' | 'injection_detected'>): boolean {
  return FLAGGED_CLASSIFICATIONS.has(verdict.classification) || verdict.injection_detected;
}
