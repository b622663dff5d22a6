import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import {
  sendToBackground,
  sendToTab,
  watchTab,
  type SendToTab,
  type WatchTab,
} from '../../utils/messaging/extension-client';
import type { RequestIn, TabRequests } from '../../utils/messaging/protocol';
import { enableableOrigin, originPermission } from '../../utils/settings/site-origins';
import type { ProviderSettings } from '../../utils/settings/provider-settings';
import { providerSettingsItem } from '../../utils/settings/provider-items';
import type { PageState, ProviderState, UsageToday } from '../../components/popup/types';
import type { PostFilter } from '../../components/popup/post-filter';
import type { ProviderFix } from '../../components/popup/provider-issue';
import type { ThreadAction } from '../../components/thread/thread-view';
import { OPTIONS_SECTIONS, type OptionsSection } from '../../components/options/sections';
import { dayOf, EMPTY_DAY, imageTokensOf, totalTokens, triageOf } from '../../utils/settings/usage-ledger';
import { dailyTokenBudgetItem, usageItem } from '../../utils/settings/usage-items';
import { diagnosticText } from '../../components/popup/diagnostic-text';
import { applyPageMessage } from './post-list';
import { withTimeout } from '../../utils/messaging/with-timeout';
import { popupFocusItem } from '../../utils/settings/popup-focus';
import { triageSitesItem } from '../../utils/settings/site-items';
import { type SiteId } from '../../utils/core/post';
import { siteIdSchema } from '../../utils/core/post-schema';

/**
 * State of the toolbar popup. This module is the only place where the popup talks to the
 * browser (tabs, storage, the options page); components get the state and callbacks.
 */

export interface PopupDeps {
  /** The tab the popup was opened over, or null when there is none. */
  getActiveTabId(): Promise<number | null>;
  /** Subscribes to the posts of the tab's top frame, which its content script pushes. */
  watchTab: WatchTab;
  /** A request to the tab's content script; rejects when none listens. */
  sendToTab: SendToTab;
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
  /** The sites whose posts are triaged as the reader scrolls (the pages follow it at once). */
  loadTriageSites(): Promise<SiteId[]>;
  saveTriageSites(sites: SiteId[]): Promise<void>;
  /** The post a card asked this popup to show ("open in popup") for the tab, once; else null. */
  takeFocus(tabId: number): Promise<string | null>;
  copyText(text: string): Promise<void>;
}

export interface PopupState {
  provider: ProviderState;
  page: PageState;
  usage: UsageToday | null;
  /** Sites whose posts are triaged as the reader scrolls; null until read (or unreadable). */
  triageSites: SiteId[] | null;
  /** Which posts the list shows. */
  filter: PostFilter;
  /** The post shown first and marked, when the popup was opened from its card. */
  focusKey: string | null;
  setFilter(filter: PostFilter): void;
  /** Switches triage on or off for the tab's site. */
  setTriage(on: boolean): Promise<void>;
  /** The one-click fix of a provider problem: the options page, where it is fixed. */
  fix(fix: ProviderFix): Promise<void>;
  /** Loads everything and follows the page's posts as they change; returns stop. */
  start(): () => void;
  openPost(key: string): Promise<void>;
  /** One batched request for the posts in view (the page fills each badge, and a digest). */
  summarizeVisible(): Promise<void>;
  /** The page's thread digest: summarize (the page opens its panel), update, summarize again, cancel. */
  thread(action: ThreadAction): Promise<void>;
  /** A digest's link back: the page scrolls to the comment; false when it is no longer there. */
  focusPost(key: string): Promise<boolean>;
  /** Puts text on the clipboard ("Copy as Markdown"); rejects when it could not. */
  copyText(text: string): Promise<void>;
  /** Asks for the site's permission, enables Footnote there and reloads the tab. */
  enableSite(): Promise<void>;
  openOptions(): Promise<void>;
  /** Copies the "no posts found" diagnostic of the page; rejects when it could not. */
  copyDiagnostic(): Promise<void>;
}

export interface PopupTimings {
  /** How long the content script has to answer: the post list once connected, a request. */
  answerTimeoutMs: number;
  /** After the page went away (reloaded, navigated): when to connect to the page that follows. */
  reconnectMs: number;
}

/** Where each fix takes the user in the options page. */
export const FIX_SECTIONS: Record<ProviderFix, OptionsSection> = {
  onboarding: OPTIONS_SECTIONS.onboarding,
  api_key: OPTIONS_SECTIONS.apiKey,
  model: OPTIONS_SECTIONS.model,
  answer_language: OPTIONS_SECTIONS.answerLanguage,
  budget: OPTIONS_SECTIONS.budget,
  setup_help: OPTIONS_SECTIONS.setupHelp,
};

/** The reconnect leaves a reloaded page time to load and start its content script. */
export const DEFAULT_TIMINGS: PopupTimings = { answerTimeoutMs: 3_000, reconnectMs: 1_500 };

export function createPopupStore(deps: PopupDeps, timings: Partial<PopupTimings> = {}): StoreApi<PopupState> {
  const { answerTimeoutMs, reconnectMs } = { ...DEFAULT_TIMINGS, ...timings };
  let tabId: number | null | undefined;
  let focusTaken = false;
  let running = false;
  /** Each connection's own number: what an older one hears no longer counts. */
  let generation = 0;
  let unwatch = () => {};
  /** The one pending timer: the list's answer time, or the reconnect. */
  let cancelTimer = () => {};
  const after = (ms: number, run: () => void) => {
    cancelTimer();
    const id = setTimeout(run, ms);
    cancelTimer = () => clearTimeout(id);
  };

  /** The page Footnote does not run on, and whether it could be enabled there. */
  const unsupported = async (tab: number): Promise<PageState> => ({
    kind: 'unsupported',
    enableOrigin: enableableOrigin(await deps.getTabUrl(tab).catch(() => undefined)),
  });
  /** Asks the page to act; what happens arrives through the subscription. */
  const askTab = async <K extends keyof TabRequests>(
    request: RequestIn<TabRequests, K> & { type: K },
  ): Promise<void> => {
    if (tabId === undefined || tabId === null) return;
    await withTimeout(deps.sendToTab<K>(tabId, request), answerTimeoutMs).catch(() => {
      // The page shows what it can still do.
    });
  };

  /** Subscribes to the tab's posts (again, after the page went away). */
  const connect = async (): Promise<void> => {
    unwatch();
    cancelTimer();
    const mine = ++generation;
    const current = () => running && mine === generation;
    if (tabId === undefined) tabId = await deps.getActiveTabId().catch(() => null);
    if (tabId !== null && !focusTaken) {
      focusTaken = true;
      const focusKey = await deps.takeFocus(tabId).catch(() => null);
      if (focusKey) store.setState({ focusKey, filter: 'all' });
    }
    if (!current()) return;
    if (tabId === null) {
      store.setState({ page: { kind: 'unsupported', enableOrigin: null } });
      return;
    }
    const tab = tabId;
    let answered = false;
    // A content script that listens but sends no list is stuck: say so rather than wait.
    after(answerTimeoutMs, () => store.setState({ page: { kind: 'failed' } }));
    unwatch = deps.watchTab(tab, {
      message(message) {
        if (!current()) return;
        if (!answered) cancelTimer();
        answered = true;
        store.setState((s) => ({ page: applyPageMessage(s.page, message) }));
      },
      badMessage() {
        if (!current()) return;
        cancelTimer();
        store.setState({ page: { kind: 'failed' } });
      },
      closed() {
        if (!current()) return;
        cancelTimer();
        // Closed before any answer: no content script listens in this tab (chrome://, other sites).
        if (!answered)
          void unsupported(tab).then((page) => {
            if (current()) store.setState({ page });
          });
        else after(reconnectMs, () => void connect());
      },
    });
  };

  const store = createStore<PopupState>()((set, get) => ({
    provider: { kind: 'unknown' },
    page: { kind: 'loading' },
    usage: null,
    triageSites: null,
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
      void connect();
      deps.usageToday().then(
        (usage) => set({ usage }),
        () => set({ usage: null }),
      );
      deps.loadTriageSites().then(
        (triageSites) => set({ triageSites }),
        () => set({ triageSites: null }),
      );
      return () => {
        running = false;
        generation++;
        unwatch();
        cancelTimer();
      };
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
      if (running) after(reconnectMs, () => void connect());
    },

    async summarizeVisible() {
      await askTab({ type: 'command', command: 'summarize-visible' });
    },

    async thread(action) {
      await askTab({ type: 'thread', action });
    },

    async focusPost(key) {
      if (tabId === undefined || tabId === null) return false;
      const answer = await withTimeout(
        deps.sendToTab(tabId, { type: 'posts:focus', key }),
        answerTimeoutMs,
      ).catch(() => null);
      return answer?.ok ?? false;
    },

    copyText(text) {
      return deps.copyText(text);
    },

    setFilter(filter) {
      set({ filter });
    },

    async setTriage(on) {
      const { page, triageSites } = get();
      const site = page.kind === 'ready' ? siteIdSchema.safeParse(page.site) : null;
      if (!site?.success || triageSites === null) return;
      const next = on
        ? [...new Set([...triageSites, site.data])]
        : triageSites.filter((id) => id !== site.data);
      set({ triageSites: next });
      // What is stored, if saving failed: the switch shows what the pages follow.
      await deps.saveTriageSites(next).catch(() => set({ triageSites }));
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
  watchTab,
  sendToTab,
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
    // Firefox for Android has one window and no `windows` API.
    if (open.windowId !== undefined && browser.windows)
      await browser.windows.update(open.windowId, { focused: true });
  },
  async getTabUrl(tabId) {
    return (await browser.tabs.get(tabId)).url;
  },
  requestSitePermission(pattern) {
    return browser.permissions.request({ origins: [pattern] });
  },
  async enableSite(origin) {
    await sendToBackground({ type: 'sites:enable', origin });
  },
  async reloadTab(tabId) {
    await browser.tabs.reload(tabId);
  },
  async usageToday() {
    const [ledger, budget] = await Promise.all([usageItem.getValue(), dailyTokenBudgetItem.getValue()]);
    const today = ledger[dayOf(Date.now())] ?? EMPTY_DAY;
    return {
      tokens: totalTokens(today),
      notes: today.notes,
      budget,
      triage: triageOf(today),
      imageTokens: imageTokensOf(today),
    };
  },
  loadTriageSites() {
    return triageSitesItem.getValue();
  },
  saveTriageSites(sites) {
    return triageSitesItem.setValue(sites);
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
