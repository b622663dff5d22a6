import { i18n } from '#i18n';
import { isFlagged, type Triage } from '../../utils/core/triage';

/** Why a triaged post is flagged: its classification, or text that tried to instruct the model. */
export type TriageFlag = 'false' | 'misleading' | 'needs_context' | 'injection';

/**
 * The flag of a triage verdict, or null when it is not flagged. Text that tried to instruct the
 * model comes first: the classification of such a post is the least trustworthy part.
 */
export function triageFlag(triage: Triage): TriageFlag | null {
  if (!isFlagged(triage)) return null;
  // Flagged without an injection: one of the flagged classifications.
  return triage.injection_detected
    ? 'injection'
    : (triage.classification as Exclude<TriageFlag, 'injection'>);
}

/** "may be misleading": what a flag says of the post, in the UI language. */
export function triageFlagText(flag: TriageFlag): string {
  return i18n.t(`triage.flag.${flag}`);
}
