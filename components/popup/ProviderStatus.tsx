import { i18n } from '#i18n';
import { findPreset } from '../../utils/settings/provider-presets';
import type { NoteError } from '../../utils/core/note-error';
import type { ProviderFix, ProviderIssue } from './provider-issue';
import type { ProviderState } from './types';

/** The provider's name as people know it; a custom endpoint by its host. */
export function providerName(provider: Extract<ProviderState, { kind: 'configured' }>): string {
  if (provider.preset !== 'custom') return findPreset(provider.preset)?.label ?? provider.preset;
  try {
    return new URL(provider.baseUrl).host || provider.baseUrl;
  } catch {
    return provider.baseUrl;
  }
}

function errorTitle(error: NoteError): string {
  return i18n.t(`error.${error.code}` as const);
}

function issueText(issue: Exclude<ProviderIssue, { kind: 'none' }>): { title: string; hint: string | null } {
  switch (issue.kind) {
    case 'no_provider':
      return { title: i18n.t('popup.noProvider'), hint: null };
    case 'key':
      return {
        title: issue.error?.code === 'forbidden' ? i18n.t('error.forbidden') : i18n.t('error.auth'),
        hint: i18n.t('popup.issue.keyHint'),
      };
    case 'local_server':
      return { title: i18n.t('popup.issue.localServer'), hint: i18n.t('popup.issue.localServerHint') };
    case 'model':
      return { title: i18n.t('error.model_not_found'), hint: i18n.t('popup.issue.modelHint') };
    case 'language':
      return { title: i18n.t('error.language_unsupported'), hint: i18n.t('popup.issue.languageHint') };
    case 'budget':
      return { title: i18n.t('error.budget_exhausted'), hint: i18n.t('popup.issue.budgetHint') };
    case 'other':
      return { title: errorTitle(issue.error), hint: null };
  }
}

function fixLabel(fix: ProviderFix): string {
  switch (fix) {
    case 'onboarding':
      return i18n.t('popup.setUp');
    case 'api_key':
      return i18n.t('popup.fix.apiKey');
    case 'model':
      return i18n.t('popup.fix.model');
    case 'answer_language':
      return i18n.t('popup.fix.answerLanguage');
    case 'budget':
      return i18n.t('popup.fix.budget');
    case 'setup_help':
      return i18n.t('popup.fix.setupHelp');
  }
}

export interface ProviderStatusProps {
  provider: ProviderState;
  issue: ProviderIssue;
  onFix(fix: ProviderFix): void;
}

/**
 * Which provider writes the notes, and when something stops it, what and the one click that
 * leads to the fix (docs/ARCHITECTURE.md, Failures). The words are the same as the card's for the same error.
 */
export function ProviderStatus({ provider, issue, onFix }: ProviderStatusProps) {
  if (issue.kind === 'none') {
    if (provider.kind !== 'configured') return null;
    return (
      <p className="provider-ready">
        <span className="status-dot" aria-hidden="true" />
        <span>
          {i18n.t('popup.providerReady', [providerName(provider)])}
          {provider.model && (
            <>
              {' · '}
              <span className="provider-model" dir="auto">
                {provider.model}
              </span>
            </>
          )}
        </span>
      </p>
    );
  }
  const { title, hint } = issueText(issue);
  // The language error names the language and the ones the model writes.
  const detail = issue.kind === 'other' || issue.kind === 'language' ? issue.error.message : null;
  const fix = issue.fix;
  return (
    <section
      className={`provider-issue provider-issue-${fix ? 'fixable' : 'info'}`}
      aria-labelledby="provider-issue-title"
    >
      <p id="provider-issue-title" className="provider-issue-title">
        {title}
      </p>
      {hint && <p>{hint}</p>}
      {detail && (
        <p className="provider-issue-detail" dir="auto">
          {detail}
        </p>
      )}
      {fix && (
        <button type="button" className="primary" onClick={() => onFix(fix)}>
          {fixLabel(fix)}
        </button>
      )}
    </section>
  );
}
