import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { i18n } from '#i18n';
import { OptionsPage } from '../../components/options/OptionsPage';
import { markdownLabels } from '../../components/options/export-labels';
import { PAGE_HEADING_ID } from '../../components/options/sections';
import { ErrorBoundary } from '../../components/ui/ErrorBoundary';
import { PageError } from '../../components/ui/PageError';
import { bcp47 } from '../../components/ui/boot';
import { sendToBackground } from '../../utils/messaging/extension-client';
import { createDeleteAllStore } from './delete-all-store';
import { browserOptionsDeps, createOptionsStore } from './options-store';
import {
  browserImageCapabilitiesDeps,
  createImageCapabilitiesStore,
  modelReadsImages,
} from './image-capabilities-store';
import { onDeviceLanguageNotice } from './on-device-language';
import { browserRatingListDeps, createRatingListStore } from './rating-list-store';
import { BUILT_IN_SITES, browserSitesDeps, createSitesStore } from './sites-store';
import { browserTransferDeps, createTransferStore } from './transfer-store';

const store = createOptionsStore(browserOptionsDeps);
const actions = store.getState();
const sitesStore = createSitesStore(browserSitesDeps);
const sites = sitesStore.getState();
const transferStore = createTransferStore(browserTransferDeps(browserOptionsDeps.download), {
  // What an import changed is what the page shows.
  onImported: () => {
    void actions.load();
    void sites.load();
  },
});
const transfer = transferStore.getState();
const ratingListStore = createRatingListStore(browserRatingListDeps, (on) =>
  actions.setEvidence('sourceRatings', on),
);
const ratingActions = ratingListStore.getState();
const imageCapabilitiesStore = createImageCapabilitiesStore(browserImageCapabilitiesDeps);
const imageCapabilities = imageCapabilitiesStore.getState();
const deleteAllStore = createDeleteAllStore({
  sendToBackground,
  // After "Delete all Footnote data": the page as a first open shows it (the guide, when all went).
  async startOver() {
    restart(store);
    restart(sitesStore);
    restart(transferStore);
    restart(ratingListStore);
    restart(imageCapabilitiesStore);
    await Promise.all([
      actions.load(),
      actions.loadHistory(),
      sites.load(),
      ratingActions.load(),
      imageCapabilities.load(),
    ]);
    actions.jumpTo(PAGE_HEADING_ID);
  },
});
const deleteAll = deleteAllStore.getState();

/** Back to the state the store was created in (its watchers stay). */
function restart<T>(pageStore: StoreApi<T>): void {
  pageStore.setState(pageStore.getInitialState(), true);
}

function OptionsApp() {
  const state = useStore(store);
  const sitesState = useStore(sitesStore);
  const transferState = useStore(transferStore);
  const ratingState = useStore(ratingListStore);
  const learnedImageCapabilities = useStore(imageCapabilitiesStore, (s) => s.learned);
  const deleteAllState = useStore(deleteAllStore);
  return (
    <OptionsPage
      phase={state.phase}
      loadError={state.loadError}
      mode={state.mode}
      onboardingStep={state.onboardingStep}
      onDevice={state.onDevice}
      onDeviceLanguage={onDeviceLanguageNotice({
        form: state.form,
        onDevice: state.onDevice,
        languages: state.onDeviceLanguages,
      })}
      form={state.form}
      errors={state.errors}
      focus={state.focus}
      jump={state.jump}
      notice={state.notice}
      busy={state.busy}
      models={state.models}
      evidence={state.evidence}
      linksNotice={state.linksNotice}
      onFieldChange={actions.setField}
      onPresetChange={actions.choosePreset}
      onEvidenceChange={actions.setEvidence}
      // Called synchronously from the event: these may ask for a host permission.
      onLinksChange={(on) => void actions.setLinks(on)}
      ratings={{
        status: ratingState.status,
        permission: ratingState.permission,
        updating: ratingState.updating,
        updateFailed: ratingState.updateFailed,
        onToggle: (on) => void ratingActions.setEnabled(on, state.evidence.ratingListUrl),
        onUpdate: () => void ratingActions.update(),
      }}
      modelReadsImages={modelReadsImages(learnedImageCapabilities, state.form)}
      onSave={() => void actions.save()}
      onTest={() => void actions.testConnection()}
      onShowSettings={actions.showSettings}
      sites={{
        sites: BUILT_IN_SITES,
        state: sitesState.sites,
        removing: sitesState.removing,
        notice: sitesState.notice,
        focus: sitesState.focus,
        onToggle: (site, enabled) => void sites.setSiteEnabled(site, enabled),
        onTriageToggle: (site, enabled) => void sites.setTriageEnabled(site, enabled),
        onRemove: (origin) => void sites.removeOrigin(origin),
      }}
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
      transfer={{
        includeKeys: transferState.includeKeys,
        notice: transferState.notice,
        onIncludeKeysChange: transfer.setIncludeKeys,
        onExport: () => void transfer.exportSettings(),
        onImport: (file) => void transfer.importFile(file),
        onAllowPending: () => void transfer.allowPending(),
      }}
      deleteAll={{
        step: deleteAllState.step,
        focus: deleteAllState.focus,
        onAsk: deleteAll.ask,
        onCancel: deleteAll.cancel,
        onConfirm: () => void deleteAll.confirm(),
      }}
      deleteAllNotice={deleteAllState.notice}
    />
  );
}

/** options.html#<id> (from the popup's fixes): focus that section or field once it is there. */
function jumpToHash(): void {
  const target = decodeURIComponent(location.hash.slice(1));
  if (target) actions.jumpTo(target);
}

export function mount(root: HTMLElement): void {
  document.documentElement.lang = bcp47(i18n.t('@@ui_locale'));
  document.documentElement.dir = i18n.t('@@bidi_dir');
  document.title = i18n.t('options.title');
  void actions.load().then(jumpToHash);
  void actions.loadHistory();
  void sites.load();
  sites.watch();
  void ratingActions.load();
  ratingActions.watch();
  void imageCapabilities.load();
  imageCapabilities.watch();
  window.addEventListener('hashchange', jumpToHash);
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary fallback={(error) => <PageError error={error} />}>
        <OptionsApp />
      </ErrorBoundary>
    </StrictMode>,
  );
}
