import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { i18n } from '#i18n';
import { PopupView } from '../../components/popup/PopupView';
import { ErrorBoundary } from '../../components/ui/ErrorBoundary';
import { PageError } from '../../components/ui/PageError';
import { bcp47 } from '../../components/ui/boot';
import { browserPopupDeps, createPopupStore } from './popup-store';

const store = createPopupStore(browserPopupDeps);
const actions = store.getState();

function PopupApp() {
  const provider = useStore(store, (s) => s.provider);
  const page = useStore(store, (s) => s.page);
  const usage = useStore(store, (s) => s.usage);
  const triageSites = useStore(store, (s) => s.triageSites);
  const filter = useStore(store, (s) => s.filter);
  const focusKey = useStore(store, (s) => s.focusKey);
  useEffect(() => actions.start(), []);
  return (
    <PopupView
      provider={provider}
      page={page}
      usage={usage}
      triageSites={triageSites}
      filter={filter}
      focusKey={focusKey}
      onFilterChange={actions.setFilter}
      onTriageChange={(on) => void actions.setTriage(on)}
      onOpenOptions={() => void actions.openOptions()}
      onFix={(fix) => void actions.fix(fix)}
      onOpenPost={(key) => void actions.openPost(key)}
      onSummarizeVisible={() => void actions.summarizeVisible()}
      onThreadAction={(action) => void actions.thread(action)}
      onFocusPost={actions.focusPost}
      onCopy={actions.copyText}
      onEnableSite={() => void actions.enableSite()}
      onCopyDiagnostic={actions.copyDiagnostic}
    />
  );
}

export function mount(root: HTMLElement): void {
  document.documentElement.lang = bcp47(i18n.t('@@ui_locale'));
  document.documentElement.dir = i18n.t('@@bidi_dir');
  document.title = i18n.t('popup.title');
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary fallback={(error) => <PageError error={error} />}>
        <PopupApp />
      </ErrorBoundary>
    </StrictMode>,
  );
}
