import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import type { TabRequest } from '../../utils/messaging/protocol';
import { providerSettingsItem } from '../../utils/settings/provider-settings';
import type { PageState, ProviderState } from '../../components/popup/types';
import { hasWorkInProgress, parsePostListResponse } from './post-list';
import { NoAnswerError, withTimeout } from '../../utils/messaging/with-timeout';

/**
 * State of the toolbar popup. This module is the only place where the popup talks to the
 * browser (tabs, storage, the options page); components get the state and callbacks.
 */

export interface PopupDeps {
  /** The tab the popup was opened over, or null when there is none. */
  getActiveTabId(): Promise<number | null>;
  /** tabs.sendMessage to the tab's top frame; rejects when no content script listens. */
  sendToTab(tabId: number, message: TabRequest): Promise<unknown>;
  isProviderConfigured(): Promise<boolean>;
  openOptionsPage(): Promise<void>;
}

export interface PopupState {
  provider: ProviderState;
  page: PageState;
  /** Load everything and keep the list fresh while notes are being written; returns stop. */
  start(): () => void;
  refresh(): Promise<void>;
  openPost(key: string): Promise<void>;
  openOptions(): Promise<void>;
}

export interface PopupTimings {
  /** How long the content script has to answer. */
  answerTimeoutMs: number;
  /** Refresh interval while some note is being written. */
  pollMs: number;
  /** First refresh after asking the page to open a post. */
  afterOpenMs: number;
}

export const DEFAULT_TIMINGS: PopupTimings = { answerTimeoutMs: 3_000, pollMs: 1_000, afterOpenMs: 300 };

export function createPopupStore(deps: PopupDeps, timings: Partial<PopupTimings> = {}): StoreApi<PopupState> {
  const { answerTimeoutMs, pollMs, afterOpenMs } = { ...DEFAULT_TIMINGS, ...timings };
  let tabId: number | null | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  /** Answers to older requests must not overwrite newer ones. */
  let generation = 0;

  const schedule = (ms: number, refresh: () => Promise<void>): void => {
    clearTimeout(timer);
    if (running) timer = setTimeout(() => void refresh(), ms);
  };

  return createStore<PopupState>()((set, get) => ({
    provider: 'unknown',
    page: { kind: 'loading' },

    start() {
      running = true;
      deps.isProviderConfigured().then(
        (configured) => set({ provider: configured ? 'configured' : 'missing' }),
        () => set({ provider: 'unknown' }),
      );
      void get().refresh();
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
        if (tabId === null) {
          page = { kind: 'unsupported' };
        } else {
          const raw = await withTimeout(deps.sendToTab(tabId, { type: 'posts:list' }), answerTimeoutMs);
          const outcome = parsePostListResponse(raw);
          page =
            outcome.kind === 'ok'
              ? { kind: 'ready', site: outcome.list.site, posts: outcome.list.posts }
              : outcome.kind === 'no_answer'
                ? { kind: 'unsupported' }
                : { kind: 'failed' };
        }
      } catch (error) {
        // tabs.sendMessage rejects when the tab has no content script (chrome://, other sites).
        page = error instanceof NoAnswerError ? { kind: 'failed' } : { kind: 'unsupported' };
      }
      if (mine !== generation) return;
      set({ page });
      if (page.kind === 'ready' && hasWorkInProgress(page.posts)) schedule(pollMs, get().refresh);
    },

    async openPost(key) {
      if (tabId === undefined || tabId === null) return;
      try {
        await withTimeout(deps.sendToTab(tabId, { type: 'posts:open', key }), answerTimeoutMs);
      } catch {
        // The refresh below shows what the page can still do.
      }
      schedule(afterOpenMs, get().refresh);
    },

    async openOptions() {
      try {
        await deps.openOptionsPage();
      } catch {
        // Nothing sensible to show in a popup that is about to close.
      }
    },
  }));
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
  async isProviderConfigured() {
    return (await providerSettingsItem.getValue()) !== null;
  },
  openOptionsPage() {
    return browser.runtime.openOptionsPage();
  },
};
