import { DEFAULT_EVIDENCE_SETTINGS, type EvidenceSettings } from './evidence-settings';
import { defineStoredItem } from './stored-item';

/** The evidence sources chosen in options (background and options page). */
export const evidenceSettingsItem = defineStoredItem<EvidenceSettings>('local:evidence', {
  fallback: DEFAULT_EVIDENCE_SETTINGS,
  version: 2,
  migrations: {
    // Version 2 added the self-check, pictures and source ratings, at their defaults.
    2: (saved: Partial<EvidenceSettings>): EvidenceSettings => ({ ...DEFAULT_EVIDENCE_SETTINGS, ...saved }),
  },
});
