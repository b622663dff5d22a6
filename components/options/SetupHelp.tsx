import { useId } from 'react';
import { i18n } from '#i18n';
import { OPTIONS_SECTIONS } from './sections';

/** Ollama refuses browser-extension origins until they are allowed (docs/ARCHITECTURE.md, Failures). */
export const OLLAMA_ORIGINS_VALUE = 'chrome-extension://*,moz-extension://*';

/** How to make local model servers accept Footnote: commands are shown as code, not translated. */
export function SetupHelpContent({ headingLevel = 3 }: { headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="setup-help">
      <Heading>{i18n.t('options.setupHelp.ollama')}</Heading>
      <p>{i18n.t('options.setupHelp.ollamaIntro')}</p>
      <pre>
        <code>OLLAMA_ORIGINS="{OLLAMA_ORIGINS_VALUE}" ollama serve</code>
      </pre>
      <p>{i18n.t('options.setupHelp.ollamaApp')}</p>
      <dl className="os-commands">
        <dt>macOS</dt>
        <dd>
          <code>launchctl setenv OLLAMA_ORIGINS "{OLLAMA_ORIGINS_VALUE}"</code>
        </dd>
        <dt>Windows</dt>
        <dd>
          <code>setx OLLAMA_ORIGINS "{OLLAMA_ORIGINS_VALUE}"</code>
        </dd>
      </dl>
      <p>{i18n.t('options.setupHelp.ollamaModel')}</p>
      <Heading>{i18n.t('options.setupHelp.lmStudio')}</Heading>
      <p>{i18n.t('options.setupHelp.lmStudioText')}</p>
    </div>
  );
}

/** "Local models: setup help", where the popup's fix for Ollama's 403 leads (options.html#setup-help). */
export function SetupHelp() {
  const headingId = useId();
  return (
    <section id={OPTIONS_SECTIONS.setupHelp} className="card" tabIndex={-1} aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n.t('options.setupHelp.heading')}</h2>
      <p className="hint section-intro">{i18n.t('options.setupHelp.intro')}</p>
      <SetupHelpContent />
    </section>
  );
}
