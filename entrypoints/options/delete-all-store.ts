import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeleteAllNotice, DeleteAllStep } from '../../components/options/DeleteAllData';
import type { SendToBackground } from '../../utils/messaging/extension-client';
import { withTimeout } from '../../utils/messaging/with-timeout';
import { describeError } from './form-logic';

/**
 * The options page's "Delete all Footnote data": asks first, in the page; then the background
 * deletes everything, and the page starts over from what is left (the first-run guide when all
 * went). The page's other stores are restarted by `startOver`.
 */

export interface DeleteAllDeps {
  sendToBackground: SendToBackground;
  /** Reads everything again as on a first open of the page, and moves focus to its heading. */
  startOver(): Promise<void>;
}

export interface DeleteAllState {
  step: DeleteAllStep;
  notice: DeleteAllNotice;
  /** Bumped when focus should move within the section. */
  focus: { target: 'delete' | 'cancel'; token: number } | null;
  /** First step: the page asks for confirmation. */
  ask(): void;
  cancel(): void;
  /** Second step: delete, then show what is left. */
  confirm(): Promise<void>;
}

/** Local work for the background, but a database deletion waits for other pages to let go. */
export const DELETE_TIMEOUT_MS = 30_000;

export function createDeleteAllStore(
  deps: DeleteAllDeps,
  { timeoutMs = DELETE_TIMEOUT_MS } = {},
): StoreApi<DeleteAllState> {
  let focusToken = 0;
  return createStore<DeleteAllState>()((set, get) => ({
    step: 'idle',
    notice: { kind: 'none' },
    focus: null,

    ask() {
      if (get().step !== 'idle') return;
      set({ step: 'confirming', notice: { kind: 'none' }, focus: { target: 'cancel', token: ++focusToken } });
    },

    cancel() {
      if (get().step !== 'confirming') return;
      set({ step: 'idle', focus: { target: 'delete', token: ++focusToken } });
    },

    async confirm() {
      if (get().step !== 'confirming') return;
      set({ step: 'deleting' });
      let notice: DeleteAllNotice;
      try {
        await withTimeout(deps.sendToBackground({ type: 'data:delete-all' }), timeoutMs);
        notice = { kind: 'deleted' };
      } catch (error) {
        notice = { kind: 'failed', detail: describeError(error) };
      }
      // Whatever went, went: the page shows what is left, and says what happened above it.
      try {
        await deps.startOver();
      } finally {
        set({ step: 'idle', notice, focus: null });
      }
    },
  }));
}
