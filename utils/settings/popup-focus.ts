import { defineStoredItem } from './stored-item';

/**
 * "Open in popup" from a card: which post the popup should show first. Session storage: it
 * is only meaningful while the tab is open, and content scripts cannot read it.
 */
export interface PopupFocus {
  tabId: number;
  postKey: string;
}

export const popupFocusItem = defineStoredItem<PopupFocus | null>('session:popupFocus', {
  fallback: null,
  version: 1,
});
