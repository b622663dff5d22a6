import { useEffect, useId, useRef } from 'react';
import { i18n } from '#i18n';
import { OPTIONS_SECTIONS } from './sections';
import { Switch } from '../ui/Switch';
import { triageHint } from '../triage/triage-hint';
import type { SitesNotice, SitesState } from './types';

/** The sites Footnote has its own adapter for (SITE_IDS without "generic"). */
export type BuiltInSiteId =
  'x' | 'bluesky' | 'mastodon' | 'reddit' | 'threads' | 'linkedin' | 'facebook' | 'hackernews' | 'youtube';

function siteName(site: BuiltInSiteId): string {
  switch (site) {
    case 'x':
      return i18n.t('options.sites.name.x');
    case 'bluesky':
      return i18n.t('options.sites.name.bluesky');
    case 'mastodon':
      return i18n.t('options.sites.name.mastodon');
    case 'reddit':
      return i18n.t('options.sites.name.reddit');
    case 'threads':
      return i18n.t('options.sites.name.threads');
    case 'linkedin':
      return i18n.t('options.sites.name.linkedin');
    case 'facebook':
      return i18n.t('options.sites.name.facebook');
    case 'hackernews':
      return i18n.t('options.sites.name.hackernews');
    case 'youtube':
      return i18n.t('options.sites.name.youtube');
  }
}

function siteHint(site: BuiltInSiteId): string | undefined {
  if (site === 'mastodon') return i18n.t('options.sites.mastodonHint');
  if (site === 'facebook') return i18n.t('options.sites.facebookHint');
  return undefined;
}

/** "https://social.example.org" → "social.example.org" (with its port, if any). */
function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

export interface SitesSectionProps {
  sites: readonly BuiltInSiteId[];
  state: SitesState;
  removing: string | null;
  notice: SitesNotice;
  /** After a removal: focus this origin's Remove button, or (null) the list's heading. */
  focus: { origin: string | null; token: number } | null;
  onToggle(site: BuiltInSiteId, enabled: boolean): void;
  /** Triage of the site's posts as the reader scrolls. */
  onTriageToggle(site: BuiltInSiteId, enabled: boolean): void;
  onRemove(origin: string): void;
}

/**
 * "Sites": a switch per built-in site (applies to pages opened or reloaded afterwards), a
 * triage switch per built-in site (applies at once) and the sites enabled from the popup, each
 * with Remove.
 */
export function SitesSection({
  sites,
  state,
  removing,
  notice,
  focus,
  onToggle,
  onTriageToggle,
  onRemove,
}: SitesSectionProps) {
  const headingId = useId();
  const triageHeadingId = useId();
  const enabledHeadingId = useId();
  const enabledHeadingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!focus) return;
    const target = focus.origin
      ? listRef.current?.querySelector<HTMLElement>(`button[data-origin="${CSS.escape(focus.origin)}"]`)
      : enabledHeadingRef.current;
    target?.focus();
  }, [focus]);

  return (
    <section id={OPTIONS_SECTIONS.sites} className="card" tabIndex={-1} aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n.t('options.sites.heading')}</h2>
      <p className="hint section-intro">{i18n.t('options.sites.intro')}</p>

      {state.kind === 'loading' && (
        <p role="status" className="notice notice-progress">
          {i18n.t('options.sites.loading')}
        </p>
      )}
      {state.kind === 'failed' && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>{i18n.t('options.sites.loadFailed')}</strong> <span dir="auto">{state.detail}</span>
          </p>
        </div>
      )}
      {state.kind === 'ready' && (
        <>
          <ul className="switch-list site-switches">
            {sites.map((site) => (
              <li key={site}>
                <Switch
                  id={`site-${site}`}
                  label={siteName(site)}
                  hint={siteHint(site)}
                  checked={!state.disabled.includes(site)}
                  onChange={(on) => onToggle(site, on)}
                />
              </li>
            ))}
          </ul>

          <h3 id={triageHeadingId} className="subheading">
            {i18n.t('options.sites.triageHeading')}
          </h3>
          <p className="hint">
            {i18n.t('options.sites.triageIntro')} {triageHint()}
          </p>
          <ul className="switch-list site-switches" aria-labelledby={triageHeadingId}>
            {sites.map((site) => (
              <li key={site}>
                <Switch
                  id={`triage-${site}`}
                  label={i18n.t('triage.switchFor', [siteName(site)])}
                  checked={state.triage.includes(site)}
                  onChange={(on) => onTriageToggle(site, on)}
                />
              </li>
            ))}
          </ul>

          <h3 id={enabledHeadingId} ref={enabledHeadingRef} tabIndex={-1} className="subheading">
            {i18n.t('options.sites.enabledHeading')}
          </h3>
          {state.enabledOrigins.length === 0 ? (
            <p className="hint">{i18n.t('options.sites.enabledEmpty')}</p>
          ) : (
            <>
              <p className="hint">{i18n.t('options.sites.enabledIntro')}</p>
              <ul ref={listRef} className="origin-list" aria-labelledby={enabledHeadingId}>
                {state.enabledOrigins.map((origin) => (
                  <li key={origin} className="origin-item">
                    <span className="origin-host" dir="ltr">
                      {originHost(origin)}
                    </span>
                    <button
                      type="button"
                      className="secondary"
                      data-origin={origin}
                      aria-disabled={removing !== null}
                      onClick={() => removing === null && onRemove(origin)}
                    >
                      {removing === origin
                        ? i18n.t('options.sites.removing')
                        : i18n.t('options.sites.remove')}
                      <span className="visually-hidden"> {originHost(origin)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <SitesNoticeView notice={notice} />
    </section>
  );
}

function SitesNoticeView({ notice }: { notice: SitesNotice }) {
  const status =
    notice.kind === 'saved'
      ? notice.live
        ? i18n.t('options.sites.savedLive')
        : i18n.t('options.sites.saved')
      : notice.kind === 'removed'
        ? i18n.t('options.sites.removed', [originHost(notice.origin)])
        : '';
  return (
    <div className="notices section-notices">
      <p role="status" className={status ? 'notice notice-success' : 'notice-empty'}>
        {status}
      </p>
      {notice.kind === 'failed' && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>{i18n.t('options.sites.failed')}</strong> <span dir="auto">{notice.detail}</span>
          </p>
        </div>
      )}
    </div>
  );
}
