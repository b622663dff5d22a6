import { i18n } from '#i18n';
import { type PlatformContext, type PlatformContextKind, type SiteId } from '@/utils/core/post';
import { siteIdSchema } from '@/utils/core/post-schema';
import { SourceLink } from './SourceLink';

const KIND_TITLES: Record<PlatformContextKind, () => string> = {
  community_note: () => i18n.t('platformContext.kind.communityNote'),
  label: () => i18n.t('platformContext.kind.label'),
  content_warning: () => i18n.t('platformContext.kind.contentWarning'),
  info_panel: () => i18n.t('platformContext.kind.infoPanel'),
  moderation: () => i18n.t('platformContext.kind.moderation'),
};

const SITE_NAMES: Record<SiteId, () => string> = {
  x: () => i18n.t('platformContext.site.x'),
  bluesky: () => i18n.t('platformContext.site.bluesky'),
  mastodon: () => i18n.t('platformContext.site.mastodon'),
  reddit: () => i18n.t('platformContext.site.reddit'),
  threads: () => i18n.t('platformContext.site.threads'),
  linkedin: () => i18n.t('platformContext.site.linkedin'),
  facebook: () => i18n.t('platformContext.site.facebook'),
  hackernews: () => i18n.t('platformContext.site.hackernews'),
  youtube: () => i18n.t('platformContext.site.youtube'),
  generic: () => i18n.t('platformContext.site.generic'),
};

/**
 * What the platform itself shows on the post (a Community Note, a label, a content warning, an
 * information panel, a moderation notice), on top of the card and marked as the platform's, not
 * Footnote's. It is page data, so it shows as soon as the card opens, while the note is written.
 * Its text came from the page: rendered as text, its link only if http(s).
 */
export function PlatformContextBanner({
  postKey,
  contexts,
}: {
  /** `<site>:<id>`: names the platform. */
  postKey: string;
  contexts: readonly PlatformContext[];
}) {
  if (contexts.length === 0) return null;
  const heading = i18n.t('platformContext.heading', [siteName(postKey)]);
  return (
    <section className="platform-context" aria-label={heading}>
      <h2 className="section-title">{heading}</h2>
      {contexts.map((context, i) => (
        <div key={i} className="platform-context-item">
          <p className="platform-context-kind">
            {context.byAuthor
              ? i18n.t('platformContext.byAuthor', [KIND_TITLES[context.kind]()])
              : KIND_TITLES[context.kind]()}
          </p>
          <p className="platform-context-text">{context.text}</p>
          {context.url && (
            <p className="platform-context-link">
              {i18n.t('platformContext.source')} <SourceLink url={context.url}>{context.url}</SourceLink>
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

function siteName(postKey: string): string {
  const site = siteIdSchema.safeParse(postKey.slice(0, postKey.indexOf(':')));
  return SITE_NAMES[site.success ? site.data : 'generic']();
}
