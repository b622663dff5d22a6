import { i18n } from '#i18n';

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
    </section>
  );
}
