import { i18n } from '#i18n';
import type { TranscriptMissingReason, VideoProgress, VideoReport } from '@/utils/core/video';
import { formatVideoTime } from '@/utils/core/video-time';

const MISSING: Record<TranscriptMissingReason, () => string> = {
  no_captions: () => i18n.t('video.card.missing.noCaptions'),
  not_shared: () => i18n.t('video.card.missing.notShared'),
  failed: () => i18n.t('video.card.missing.failed'),
};

/**
 * A video note's outline: its moments, each time a button that plays the video from there, and
 * what the outline was made from (automatic captions, part of a long video) or why there was
 * no transcript to outline.
 */
export function VideoOutline({ video, onSeek }: { video: VideoReport; onSeek(seconds: number): void }) {
  const lines = [
    ...(video.missing ? [MISSING[video.missing]()] : []),
    ...(video.source === 'panel' ? [i18n.t('video.card.fromPanel')] : []),
    ...(video.automatic ? [i18n.t('video.card.automatic')] : []),
    ...(video.durationSeconds !== null && video.source !== null && video.readSeconds < video.durationSeconds
      ? [
          i18n.t('video.card.partly', [
            formatVideoTime(video.readSeconds),
            formatVideoTime(video.durationSeconds),
          ]),
        ]
      : []),
    ...(video.failedParts > 0 ? [i18n.t('video.card.failedParts', [String(video.failedParts)])] : []),
  ];
  return (
    <section className="video-outline">
      {video.moments.length > 0 && (
        <>
          <h2 className="section-title">{i18n.t('video.card.moments')}</h2>
          <ol className="moments">
            {video.moments.map(({ at, text }) => (
              <li key={at}>
                <button
                  type="button"
                  className="moment-time"
                  aria-label={i18n.t('video.card.seek', [formatVideoTime(at)])}
                  onClick={() => onSeek(at)}
                >
                  {formatVideoTime(at)}
                </button>{' '}
                <span>{text}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      {lines.length > 0 && (
        <ul className="video-notes">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** While a video's transcript is read and outlined, before the note's text streams. */
export function VideoProgressLine({ progress }: { progress: VideoProgress }) {
  const step =
    progress.step === 'transcript'
      ? i18n.t('video.card.progress.transcript')
      : progress.done < progress.total
        ? i18n.t('video.card.progress.outline', [String(progress.done + 1), String(progress.total)])
        : i18n.t('card.loading'); // outlined: the note itself is being written
  return (
    <p className="video-progress" role="status">
      {step} {i18n.t('video.card.progress.stop')}
    </p>
  );
}
