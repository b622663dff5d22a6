import { useId } from 'react';
import { i18n } from '#i18n';
import { WEB_SEARCH_PROVIDERS, type WebSearchProvider } from '../../utils/settings/evidence-settings';
import { ApiKeyField } from './ApiKeyField';
import { errorText, FIELD_IDS } from './fields';
import { OPTIONS_SECTIONS } from './sections';
import { Switch } from '../ui/Switch';
import { SelfCheckField } from './SelfCheckField';
import { SendImagesField, type ModelReadsImages } from './SendImagesField';
import { SourceRatingsField, type SourceRatingsProps } from './SourceRatingsField';
import { TextField } from './TextField';
import type { EvidenceFormValues, FieldErrors, LinksNotice } from './types';
import { PermissionMessage } from './PermissionMessage';

export interface EvidenceSectionProps {
  evidence: EvidenceFormValues;
  errors: FieldErrors;
  linksNotice: LinksNotice;
  onChange<K extends keyof EvidenceFormValues>(field: K, value: EvidenceFormValues[K]): void;
  /** Called from the switch's change event (a user gesture: it may ask for a permission). */
  onLinksChange(on: boolean): void;
  /** "Source ratings": the list's status and the switch's permission (rating-list-store). */
  ratings: SourceRatingsProps;
  /** Whether the model in the provider fields reads images (beside "Send pictures to the model"). */
  modelReadsImages: ModelReadsImages;
}

function searchName(provider: WebSearchProvider): string {
  switch (provider) {
    case 'off':
      return i18n.t('options.evidence.searchOff');
    case 'brave':
      return 'Brave Search';
    case 'tavily':
      return 'Tavily';
    case 'searxng':
      return 'SearXNG';
  }
}

/** What a source does, and on a line of its own, what it sends where. */
function SourceHint({ text, sent }: { text?: string; sent: string }) {
  return (
    <>
      {text && <span className="source-text">{text} </span>}
      <span className="source-sent">{sent}</span>
    </>
  );
}

/**
 * "Evidence sources": which lookups run before a note is written, each with what it sends
 * where. Part of the settings form: saved with Save, which also asks for the
 * hosts the chosen services need. "Linked pages" asks for its permission at its own switch.
 */
export function EvidenceSection({
  evidence,
  errors,
  linksNotice,
  onChange,
  onLinksChange,
  ratings,
  modelReadsImages,
}: EvidenceSectionProps) {
  const headingId = useId();
  return (
    <section id={OPTIONS_SECTIONS.evidence} className="card" tabIndex={-1} aria-labelledby={headingId}>
      <h2 id={headingId}>{i18n.t('options.evidence.heading')}</h2>
      <p className="hint section-intro">{i18n.t('options.evidence.intro')}</p>

      <div className="switch-list">
        <Switch
          id="evidence-links"
          label={i18n.t('options.evidence.links')}
          checked={evidence.links}
          busy={linksNotice.kind === 'asking'}
          hint={
            <SourceHint
              text={i18n.t('options.evidence.linksText')}
              sent={i18n.t('options.evidence.linksSent')}
            />
          }
          message={
            <PermissionMessage
              notice={linksNotice}
              asking={i18n.t('options.evidence.linksAsking')}
              denied={i18n.t('options.evidence.linksDenied')}
              failed={i18n.t('options.evidence.linksFailed')}
            />
          }
          onChange={onLinksChange}
        />
        <Switch
          id="evidence-wikipedia"
          label={i18n.t('options.evidence.wikipedia')}
          checked={evidence.wikipedia}
          hint={<SourceHint sent={i18n.t('options.evidence.wikipediaSent')} />}
          onChange={(on) => onChange('wikipedia', on)}
        />
        <Switch
          id="evidence-fact-check"
          label={i18n.t('options.evidence.factCheck')}
          checked={evidence.factCheck}
          hint={
            <SourceHint
              text={i18n.t('options.evidence.factCheckText')}
              sent={i18n.t('options.evidence.factCheckSent')}
            />
          }
          onChange={(on) => onChange('factCheck', on)}
        />
        {evidence.factCheck && (
          <div className="nested-field">
            <ApiKeyField
              id={FIELD_IDS.factCheckKey}
              label={i18n.t('options.evidence.factCheckKey')}
              value={evidence.factCheckKey}
              required
              hint={i18n.t('options.evidence.factCheckKeyHint')}
              error={errorText(errors.factCheckKey, 'factCheckKey')}
              onChange={(value) => onChange('factCheckKey', value)}
            />
          </div>
        )}

        <div className="field source-field">
          <label htmlFor={FIELD_IDS.webSearch}>{i18n.t('options.evidence.webSearch')}</label>
          <select
            id={FIELD_IDS.webSearch}
            value={evidence.webSearch}
            aria-describedby={`${FIELD_IDS.webSearch}-hint`}
            onChange={(e) => {
              const value = WEB_SEARCH_PROVIDERS.find((p) => p === e.currentTarget.value);
              if (value) onChange('webSearch', value);
            }}
          >
            {WEB_SEARCH_PROVIDERS.map((provider) => (
              <option key={provider} value={provider}>
                {searchName(provider)}
              </option>
            ))}
          </select>
          <p id={`${FIELD_IDS.webSearch}-hint`} className="hint">
            <SourceHint sent={i18n.t('options.evidence.webSearchSent')} />
          </p>
        </div>
        {(evidence.webSearch === 'brave' || evidence.webSearch === 'tavily') && (
          <div className="nested-field">
            <ApiKeyField
              id={FIELD_IDS.searchKey}
              label={i18n.t('options.evidence.searchKey', [searchName(evidence.webSearch)])}
              value={evidence.searchKey}
              required
              hint={i18n.t('options.evidence.searchKeyHint')}
              error={errorText(errors.searchKey, 'searchKey')}
              onChange={(value) => onChange('searchKey', value)}
            />
          </div>
        )}
        {evidence.webSearch === 'searxng' && (
          <div className="nested-field">
            <TextField
              id={FIELD_IDS.searxngUrl}
              label={i18n.t('options.evidence.searxngUrl')}
              type="url"
              required
              value={evidence.searxngUrl}
              hint={i18n.t('options.evidence.searxngUrlHint')}
              error={errorText(errors.searxngUrl, 'searxngUrl')}
              onChange={(value) => onChange('searxngUrl', value)}
            />
          </div>
        )}
        <SourceRatingsField
          {...ratings}
          on={evidence.sourceRatings}
          listUrl={evidence.ratingListUrl}
          urlError={errorText(errors.ratingListUrl, 'ratingListUrl')}
          hint={
            <SourceHint
              text={i18n.t('sourceRatings.options.text')}
              sent={i18n.t('sourceRatings.options.sent')}
            />
          }
          onListUrlChange={(value) => onChange('ratingListUrl', value)}
        />
      </div>
      <SelfCheckField checked={evidence.selfCheck} onChange={(on) => onChange('selfCheck', on)} />
      <SendImagesField
        checked={evidence.sendImages}
        modelReadsImages={modelReadsImages}
        onChange={(on) => onChange('sendImages', on)}
      />
    </section>
  );
}
