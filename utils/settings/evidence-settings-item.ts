import { DEFAULT_EVIDENCE_SETTINGS, type EvidenceSettings } from './evidence-settings';
import { defineStoredItem } from './stored-item';

/** The evidence sources chosen in options (background and options page). */
export const evidenceSettingsItem = defineStoredItem<EvidenceSettings>('local:evidence', {
  fallback: DEFAULT_EVIDENCE_SETTINGS,
  version: 1,
});
