import { evidenceSettingsItem } from './evidence-settings-item';
import { imageCapabilitiesItem } from './image-capabilities-item';
import { outputModesItem } from './output-modes-item';
import { popupFocusItem } from './popup-focus';
import { answerLanguageItem, providerSettingsItem } from './provider-items';
import { ratingListCopyItem, ratingListStatusItem } from './rating-list-items';
import { disabledSitesItem, enabledOriginsItem, triageSitesItem } from './site-items';
import type { StoredItem } from './stored-item';
import { dailyTokenBudgetItem, usageItem } from './usage-items';

// Each concern defines its items in its own module so that a context imports only what it reads
// (a definition reads storage at once, and content scripts cannot reach storage.session).

/**
 * Every item Footnote keeps in browser storage, with its key and version: the upgrade test reads
 * each one back from an older install's data. A new item belongs here.
 */
export const STORAGE_ITEMS: ReadonlyArray<StoredItem<unknown>> = [
  providerSettingsItem,
  answerLanguageItem,
  evidenceSettingsItem,
  disabledSitesItem,
  triageSitesItem,
  enabledOriginsItem,
  usageItem,
  dailyTokenBudgetItem,
  outputModesItem,
  imageCapabilitiesItem,
  popupFocusItem,
  ratingListCopyItem,
  ratingListStatusItem,
];
