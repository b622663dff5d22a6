import { i18n } from '#i18n';
import type { SelfCheck } from '@/utils/core/note-meta';

/**
 * What the review before showing (utils/notes/self-check.ts) did to the note, in the card's
 * footer: checked, revised, withdrawn and why, or not checked and why. The reason is the model's
 * words or an error message: untrusted, rendered as text.
 */
export function SelfCheckStatus({ selfCheck }: { selfCheck: SelfCheck }) {
  return (
    <p
      className={`meta self-check self-check-${selfCheck.outcome}`}
      title={selfCheck.outcome === 'kept' ? i18n.t('selfCheck.keptTitle') : undefined}
      dir="auto"
    >
      {statusText(selfCheck)}
    </p>
  );
}

function statusText({ outcome, reason }: SelfCheck): string {
  switch (outcome) {
    case 'kept':
      return i18n.t('selfCheck.kept');
    case 'revised':
      return i18n.t('selfCheck.revised');
    case 'withdrawn':
      return reason ? i18n.t('selfCheck.withdrawn', [reason]) : i18n.t('selfCheck.withdrawnNoReason');
    case 'failed':
      return i18n.t('selfCheck.failed', [reason]);
  }
}
