import { storage } from '@wxt-dev/storage';
import { DEFAULT_EVIDENCE_SETTINGS, type EvidenceSettings } from './evidence-settings';

/** The evidence sources chosen in options (background and options page). */
export const evidenceSettingsItem = storage.defineItem<EvidenceSettings>('local:evidence', {
  fallback: DEFAULT_EVIDENCE_SETTINGS,
  version: 1,
});
