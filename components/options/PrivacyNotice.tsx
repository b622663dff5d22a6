import { i18n } from '#i18n';

/** The privacy policy: what is sent where and when, what is kept and how to delete it. */
export const PRIVACY_POLICY_URL = 'https://github.com/footnote-dev/footnote/blob/main/PRIVACY.md';

/** Where the key is kept and what is sent where (privacy by default: docs/ARCHITECTURE.md, Data flow). */
export function PrivacyNotice() {
  return (
    <section className="card privacy">
      <h2>{i18n.t('options.privacyHeading')}</h2>
      <ul>
        <li>{i18n.t('options.privacyKey')}</li>
        <li>{i18n.t('options.privacySent')}</li>
        <li>{i18n.t('options.privacyEvidence')}</li>
        <li>{i18n.t('options.privacyPermission')}</li>
      </ul>
      <p>
        <a href={PRIVACY_POLICY_URL} target="_blank" rel="noopener noreferrer">
          {i18n.t('privacy.policyLink')}
          <span className="visually-hidden"> {i18n.t('privacy.newTab')}</span>
        </a>
      </p>
    </section>
  );
}
