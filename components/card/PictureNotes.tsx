import { i18n } from '#i18n';
import type { ImageReport, ImageSkipReason } from '@/utils/core/images';

const REASONS: Record<ImageSkipReason, () => string> = {
  unavailable: () => i18n.t('images.card.reason.unavailable'),
  too_large: () => i18n.t('images.card.reason.tooLarge'),
  not_image: () => i18n.t('images.card.reason.notImage'),
  svg: () => i18n.t('images.card.reason.svg'),
  timeout: () => i18n.t('images.card.reason.timeout'),
  no_permission: () => i18n.t('images.card.reason.noPermission'),
  over_limit: () => i18n.t('images.card.reason.overLimit'),
  no_address: () => i18n.t('images.card.reason.noAddress'),
};

/**
 * What the model saw of the post's pictures and video: which pictures were not sent and why, that
 * the model read their descriptions only, or that a video's frames are never sent. Nothing when
 * every picture was sent and there is no video.
 */
export function PictureNotes({ images, hasVideo }: { images: ImageReport | undefined; hasVideo: boolean }) {
  const lines = [
    ...(images?.textOnly ? [i18n.t('images.card.textOnly')] : []),
    ...(images?.skipped ?? []).map((skipped) =>
      i18n.t(skipped.of === 'post' ? 'images.card.skippedOfPost' : 'images.card.skippedOfQuoted', [
        String(skipped.index),
        REASONS[skipped.reason](),
      ]),
    ),
    ...(hasVideo ? [i18n.t('images.card.video')] : []),
  ];
  if (lines.length === 0) return null;
  return (
    <ul className="picture-notes">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
