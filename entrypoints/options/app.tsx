import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { i18n } from '#i18n';
import { OptionsPage } from '../../components/options/OptionsPage';
import { markdownLabels } from '../../components/options/export-labels';
import { ErrorBoundary } from '../../components/ui/ErrorBoundary';
import { PageError } from '../../components/ui/PageError';
import { bcp47 } from '../../components/ui/boot';
import { browserOptionsDeps, createOptionsStore } from './options-store';

const store = createOptionsStore(browserOptionsDeps);
const actions = store.getState();

function OptionsApp() {
  const state = useStore(store);
  return (
    <OptionsPage
      phase={state.phase}
      loadError={state.loadError}
      form={state.form}
      errors={state.errors}
      focus={state.focus}
      notice={state.notice}
      busy={state.busy}
      models={state.models}
      onFieldChange={actions.setField}
      onPresetChange={actions.choosePreset}
      // Called synchronously from the event: save/test may ask for a host permission.
      onSave={() => void actions.save()}
      onTest={() => void actions.testConnection()}
      history={{
        history: state.history,
        clearStep: state.clearStep,
        notice: state.historyNotice,
        focus: state.historyFocus,
        onExport: (format) => actions.exportHistory(format, markdownLabels()),
        onAskClear: actions.askClear,
        onCancelClear: actions.cancelClear,
        onConfirmClear: () => void actions.confirmClear(),
      }}
    />
  );
}

export function mount(root: HTMLElement): void {
  document.documentElement.lang = bcp47(i18n.t('@@ui_locale'));
  document.documentElement.dir = i18n.t('@@bidi_dir');
  document.title = i18n.t('options.title');
  void actions.load();
  void actions.loadHistory();
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary fallback={(error) => <PageError error={error} />}>
        <OptionsApp />
      </ErrorBoundary>
    </StrictMode>,
  );
}
