import { i18n } from '#i18n';
import type { PostListItem } from '../../utils/messaging/popup-protocol';
import { chipKind, type ChipKind } from './post-format';

function chipText(kind: ChipKind): string {
  switch (kind) {
    case 'idle':
      return i18n.t('popup.status.idle');
    case 'working':
      return i18n.t('popup.status.working');
    case 'done':
      return i18n.t('popup.status.done');
    case 'error':
      return i18n.t('popup.status.error');
    case 'nothing':
      return i18n.t('popup.status.nothing');
  }
}

/** A post's note state, in words (the colour only repeats it). */
export function StatusChip({ status }: { status: PostListItem['status'] }) {
  const kind = chipKind(status);
  return <span className={`chip chip-${kind}`}>{chipText(kind)}</span>;
}
