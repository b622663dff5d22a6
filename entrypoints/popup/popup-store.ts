import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import type { BackgroundRequest, TabRequest } from '../../utils/messaging/protocol';
import { enableableOrigin, originPermission } from '../../utils/sites/site-preferences';
import type { ProviderSettings } from '../../utils/settings/provider-settings';
import { providerSettingsItem } from '../../utils/settings/provider-items';
import type { PageState, ProviderState, UsageToday } from '../../components/popup/types';
import type { PostFilter } from '../../components/popup/post-filter';
import type { ProviderFix } from '../../components/popup/provider-issue';
import { OPTIONS_SECTIONS, type OptionsSection } from '../../components/options/sections';
import { dayOf, EMPTY_DAY, totalTokens } from '../../utils/notes/usage-ledger';
import { dailyTokenBudgetItem, usageItem } from '../../utils/settings/usage-items';
import { diagnosticText } from '../../components/popup/diagnostic-text';
import { awaitingPosts, hasWorkInProgress, parsePostListResponse } from './post-list';
import { NoAnswerError, withTimeout } from '../../utils/messaging/with-timeout';
import { popupFocusItem } from '../../utils/settings/popup-focus';

/**
 * State of the toolbar popup. This module is the only place where the popup talks to the
 * browser (tabs, storage, the options page); components get the state and callbacks.
 */

export interface PopupDeps {
  /** The tab the popup was opened over, or null when there is none. */
  getActiveTabId(): Promise<number | null>;
  /** tabs.sendMessage to the tab's top frame; rejects when no content script listens. */
  sendToTab(tabId: number, message: TabRequest): Promise<unknown>;
  /** The saved provider (without its key), or null when none is saved. */
  loadProvider(): Promise<ProviderSettings | null>;
  openOptionsPage(): Promise<void>;
  /** Opens (or brings forward) the options page at one of its sections. */
  openOptionsAt(section: OptionsSection): Promise<void>;
  /** The URL of the tab, to offer "Enable Footnote on this site". */
  getTabUrl(tabId: number): Promise<string | undefined>;
  /** Must be the first thing a click handler awaits (a user gesture). */
  requestSitePermission(pattern: string): Promise<boolean>;
  /** Tells the background to run Footnote on the origin from now on. */
  enableSite(origin: string): Promise<void>;
  reloadTab(tabId: number): Promise<void>;
  usageToday(): Promise<UsageToday>;
  /** The post a card asked this popup to show ("open in popup") for the tab, once; else null. */
  takeFocus(tabId: number): Promise<string | null>;
  copyText(text: string): Promise<void>;
}

export interface PopupState {
  provider: ProviderState;
  page: PageState;
  usage: UsageToday | null;
  /** Which posts the list shows. */
  filter: PostFilter;
  /** The post shown first and marked, when the popup was opened from its card. */
  focusKey: string | null;
  setFilter(filter: PostFilter): void;
  /** The one-click fix of a provider problem: the options page, where it is fixed. */
  fix(fix: ProviderFix): Promise<void>;
  /** Load everything and keep the list fresh while notes are being written; returns stop. */
  start(): () => void;
  refresh(): Promise<void>;
  openPost(key: string): Promise<void>;
  /** One batched request for the posts in view (the page fills each badge, and a digest). */
  summarizeVisible(): Promise<void>;
  /** Asks for the site's permission, enables Footnote there and reloads the tab. */
  enableSite(): Promise<void>;
  openOptions(): Promise<void>;
  /** Copies the "no posts found" diagnostic of the page; rejects when it could not. */
  copyDiagnostic(): Promise<void>;
}

export interface PopupTimings {
  /** How long the content script has to answer. */
  answerTimeoutMs: number;
  /** Refresh interval while some note is being written. */
  pollMs: number;
  /** First refresh after asking the page to open a post. */
  afterOpenMs: number;
}

/** After enabling a site and reloading its tab: time for the page and its content script. */
const AFTER_RELOAD_MS = 1_500;

/** Where each fix takes the user in the options page. */
export const FIX_SECTIONS: Record<ProviderFix, OptionsSection> = {
  onboarding: OPTIONS_SECTIONS.onboarding,
  api_key: OPTIONS_SECTIONS.apiKey,
  model: OPTIONS_SECTIONS.model,
  answer_language: OPTIONS_SECTIONS.answerLanguage,
  budget: OPTIONS_SECTIONS.budget,
  setup_help: OPTIONS_SECTIONS.setupHelp,
};

export const DEFAULT_TIMINGS: PopupTimings = { answerTimeoutMs: 3_000, pollMs: 1_000, afterOpenMs: 300 };

export function createPopupStore(deps: PopupDeps, timings: Partial<PopupTimings> = {}): StoreApi<PopupState> {
  const { answerTimeoutMs, pollMs, afterOpenMs } = { ...DEFAULT_TIMINGS, ...timings };
  let tabId: number | null | undefined;
  let focusTaken = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  /** Answers to older requests must not overwrite newer ones. */
  let generation = 0;

  const schedule = (ms: number, refresh: () => Promise<void>): void => {
    clearTimeout(timer);
    if (running) timer = setTimeout(() => void refresh(), ms);
  };
  /** The page Footnote does not run on, and whether it could be enabled there. */
  const unsupported = async (tab: number | null): Promise<PageState> => ({
    kind: 'unsupported',
    enableOrigin: tab === null ? null : enableableOrigin(await deps.getTabUrl(tab).catch(() => undefined)),
  });
  /** Asks the page to act, then refreshes soon to show what happened. */
  const askTab = async (message: TabRequest): Promise<void> => {
    if (tabId === undefined || tabId === null) return;
    try {
      await withTimeout(deps.sendToTab(tabId, message), answerTimeoutMs);
    } catch {
      // The refresh shows what the page can still do.
    }
    schedule(afterOpenMs, store.getState().refresh);
  };

  const store = createStore<PopupState>()((set, get) => ({
    provider: { kind: 'unknown' },
    page: { kind: 'loading' },
    usage: null,
    filter: 'all',
    focusKey: null,

    start() {
      running = true;
      deps.loadProvider().then(
        (settings) =>
          set({
            provider: settings
              ? {
                  kind: 'configured',
                  preset: settings.preset,
                  baseUrl: settings.baseUrl,
                  model: settings.model,
                }
              : { kind: 'missing' },
          }),
        () => set({ provider: { kind: 'unknown' } }),
      );
      void get().refresh();
      deps.usageToday().then(
        (usage) => set({ usage }),
        () => set({ usage: null }),
      );
      return () => {
        running = false;
        generation++;
        clearTimeout(timer);
      };
    },

    async refresh() {
      const mine = ++generation;
      let page: PageState;
      try {
        if (tabId === undefined) tabId = await deps.getActiveTabId();
        if (tabId !== null && !focusTaken) {
          focusTaken = true;
          const focusKey = await deps.takeFocus(tabId).catch(() => null);
          if (focusKey) set({ focusKey, filter: 'all' });
        }
        if (tabId === null) {
          page = { kind: 'unsupported', enableOrigin: null };
        } else {
          const raw = await withTimeout(deps.sendToTab(tabId, { type: 'posts:list' }), answerTimeoutMs);
          const outcome = parsePostListResponse(raw);
          page =
            outcome.kind === 'ok'
              ? {
                  kind: 'ready',
                  site: outcome.list.site,
                  posts: outcome.list.posts,
                  digest: outcome.list.digest,
                  noPosts: outcome.list.noPosts,
                }
              : outcome.kind === 'no_answer'
                ? await unsupported(tabId)
                : { kind: 'failed' };
        }
      } catch (error) {
        // tabs.sendMessage rejects when the tab has no content script (chrome://, other sites).
        page = error instanceof NoAnswerError ? { kind: 'failed' } : await unsupported(tabId ?? null);
      }
      if (mine !== generation) return;
      set({ page });
      if (page.kind === 'ready' && (hasWorkInProgress(page.posts, page.digest) || awaitingPosts(page)))
        schedule(pollMs, get().refresh);
    },

    async openPost(key) {
      await askTab({ type: 'posts:open', key });
    },

    async enableSite() {
      const page = get().page;
      if (page.kind !== 'unsupported' || !page.enableOrigin || tabId === undefined || tabId === null) return;
      const granted = await deps
        .requestSitePermission(originPermission(page.enableOrigin))
        .catch(() => false);
      if (!granted) {
        set({ page: { ...page, refused: true } });
        return;
      }
      await deps.enableSite(page.enableOrigin);
      await deps.reloadTab(tabId);
      schedule(AFTER_RELOAD_MS, get().refresh);
    },

    async summarizeVisible() {
      await askTab({ type: 'command', command: 'summarize-visible' });
    },

    setFilter(filter) {
      set({ filter });
    },

    async fix(fix) {
      try {
        await deps.openOptionsAt(FIX_SECTIONS[fix]);
      } catch {
        // Nothing sensible to show in a popup that is about to close.
      }
    },

    async openOptions() {
      try {
        await deps.openOptionsPage();
      } catch {
        // Nothing sensible to show in a popup that is about to close.
      }
    },

    async copyDiagnostic() {
      const page = get().page;
      if (page.kind !== 'ready' || page.noPosts === null) throw new Error('No diagnostic on this page.');
      await deps.copyText(diagnosticText(page.noPosts));
    },
  }));
  return store;
}

/** The real side effects, through webextension-polyfill's `browser`. */
export const browserPopupDeps: PopupDeps = {
  async getActiveTabId() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  },
  sendToTab(tabId, message) {
    // The top frame owns the page's post list.
    return browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  },
  loadProvider() {
    return providerSettingsItem.getValue();
  },
  openOptionsPage() {
    return browser.runtime.openOptionsPage();
  },
  async openOptionsAt(section) {
    const page = browser.runtime.getURL('/options.html');
    const url = `${page}#${section}`;
    // One options tab: bring an open one forward at the section, as openOptionsPage would.
    const open = (await browser.tabs.query({})).find((tab) => tab.url?.startsWith(page));
    if (open?.id === undefined) {
      await browser.tabs.create({ url });
      return;
    }
    // A new fragment fires hashchange in the page; the same URL would not, so reload it.
    if (open.url === url) await browser.tabs.reload(open.id);
    else await browser.tabs.update(open.id, { url });
    await browser.tabs.update(open.id, { active: true });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
  },
  async getTabUrl(tabId) {
    return (await browser.tabs.get(tabId)).url;
  },
  requestSitePermission(pattern) {
    return browser.permissions.request({ origins: [pattern] });
  },
  async enableSite(origin) {
    await browser.runtime.sendMessage({ type: 'sites:enable', origin } satisfies BackgroundRequest);
  },
  async reloadTab(tabId) {
    await browser.tabs.reload(tabId);
  },
  async usageToday() {
    const [ledger, budget] = await Promise.all([usageItem.getValue(), dailyTokenBudgetItem.getValue()]);
    const today = ledger[dayOf(Date.now())] ?? EMPTY_DAY;
    return { tokens: totalTokens(today), notes: today.notes, budget };
  },
  async takeFocus(tabId) {
    const focus = await popupFocusItem.getValue();
    if (!focus || focus.tabId !== tabId) return null;
    await popupFocusItem.removeValue();
    return focus.postKey;
  },
  copyText(text) {
    return navigator.clipboard.writeText(text);
  },
};
