import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import type { LinksNotice } from '../../components/options/types';
import { sendToBackground, type SendToBackground } from '../../utils/messaging/extension-client';
import { withTimeout } from '../../utils/messaging/with-timeout';
import { ratingListStatusItem, type RatingListStatus } from '../../utils/settings/rating-list-items';
import { ratingListAddress } from '../../utils/settings/rating-lists';
import { describeError, originPattern } from './form-logic';

/**
 * The options page's "Source ratings": the switch (which asks for the list's host in the click),
 * the status of the list the background keeps (read from storage and followed as it changes)
 * and "Update now". The switch and the list's address are form values of the options store,
 * saved with Save; this store changes the switch through `onEnabledChange`.
 */

export interface RatingListDeps {
  readStatus(): Promise<RatingListStatus | null>;
  /** Calls back whenever the background writes a new status; returns unwatch. */
  watchStatus(onChange: (status: RatingListStatus | null) => void): () => void;
  /** Must be called while handling the user's click (a user gesture). */
  requestOriginPermission(patterns: readonly string[]): Promise<boolean>;
  sendToBackground: SendToBackground;
}

export interface RatingListStoreState {
  /** The background's last word on the list; null before any download. */
  status: RatingListStatus | null;
  /** The switch's permission prompt: waiting, refused, or failed to ask. */
  permission: LinksNotice;
  updating: boolean;
  /** "Update now" got no answer from the background (a failed download is in `status`). */
  updateFailed: string | null;
  load(): Promise<void>;
  /** Starts following the background's status; returns stop. */
  watch(): () => void;
  /** Call from the switch's change event: turning it on asks for the list's host. */
  setEnabled(on: boolean, listSetting: string): Promise<void>;
  update(): Promise<void>;
}

/** The download itself may take 30 s (utils/background/rating-list.ts); this only guards a hang. */
export const UPDATE_TIMEOUT_MS = 40_000;

export function createRatingListStore(
  deps: RatingListDeps,
  onEnabledChange: (on: boolean) => void,
  { updateTimeoutMs = UPDATE_TIMEOUT_MS } = {},
): StoreApi<RatingListStoreState> {
  return createStore<RatingListStoreState>()((set, get) => ({
    status: null,
    permission: { kind: 'none' },
    updating: false,
    updateFailed: null,

    async load() {
      try {
        set({ status: await deps.readStatus() });
      } catch {
        // Unknown until the background writes one: the field shows no status line.
      }
    },

    watch() {
      return deps.watchStatus((status) => set({ status }));
    },

    setEnabled(on, listSetting) {
      const pattern = on ? originPattern(ratingListAddress(listSetting)) : null;
      if (!pattern) {
        // Off, or an address Save will reject with its own message.
        onEnabledChange(on);
        set({ permission: { kind: 'none' } });
        return Promise.resolve();
      }
      set({ permission: { kind: 'asking' } });
      // No await before this call: it must run inside the user's gesture.
      let asked: Promise<boolean>;
      try {
        asked = deps.requestOriginPermission([pattern]);
      } catch (error) {
        asked = Promise.reject(error);
      }
      return asked.then(
        (granted) => {
          if (granted) onEnabledChange(true);
          set({ permission: granted ? { kind: 'none' } : { kind: 'denied' } });
        },
        (error: unknown) => set({ permission: { kind: 'failed', detail: describeError(error) } }),
      );
    },

    async update() {
      if (get().updating) return;
      set({ updating: true, updateFailed: null });
      try {
        await withTimeout(deps.sendToBackground({ type: 'ratings:refresh' }), updateTimeoutMs);
        // The background wrote the outcome to the status item before answering.
        set({ status: await deps.readStatus() });
      } catch (error) {
        set({ updateFailed: describeError(error) });
      } finally {
        set({ updating: false });
      }
    },
  }));
}

/** The real side effects, through webextension-polyfill's `browser`. */
export const browserRatingListDeps: RatingListDeps = {
  readStatus: () => ratingListStatusItem.getValue(),
  watchStatus: (onChange) => ratingListStatusItem.watch(onChange),
  requestOriginPermission: (patterns) => browser.permissions.request({ origins: [...patterns] }),
  sendToBackground,
};
