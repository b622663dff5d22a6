import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import { sendToBackground, type SendToBackground } from '../../utils/messaging/extension-client';
import { readSecret, writeSecret } from '../../utils/settings/api-key-store';
import { evidenceSettingsItem } from '../../utils/settings/evidence-settings-item';
import { answerLanguageItem, providerSettingsItem } from '../../utils/settings/provider-items';
import { dailyTokenBudgetItem } from '../../utils/settings/usage-items';
import { disabledSitesItem, enabledOriginsItem, triageSitesItem } from '../../utils/settings/site-items';
import { originPermission } from '../../utils/settings/site-origins';
import { isOnDevice } from '../../utils/settings/on-device-endpoint';
import {
  buildSettingsFile,
  keysInFile,
  parseSettingsFile,
  settingsFileName,
  settingsFileText,
  type SettingsFile,
  type SettingsSnapshot,
} from '../../utils/settings/settings-transfer';
import type { TransferNotice } from '../../components/options/types';
import type { ExportFile } from './history-export';
import { ALL_SITES, evidencePatterns } from './evidence-logic';
import { describeError, originPattern } from './form-logic';

/**
 * Export and import of all settings (provider without key, language, budget, sites, evidence
 * sources; keys only when asked). An imported file is validated as a whole first: an invalid
 * file changes nothing. Host permissions cannot be asked for without a click, so an import
 * lists what still needs one and asks for all of it with a single button.
 */

export interface TransferDeps {
  readSnapshot(): Promise<SettingsSnapshot>;
  /** Writes a validated file's settings (not its enabled origins: see enableSite). */
  applySettings(file: SettingsFile): Promise<void>;
  hasOriginPermission(patterns: readonly string[]): Promise<boolean>;
  /** Must be called while handling the user's click (a user gesture). */
  requestOriginPermission(patterns: readonly string[]): Promise<boolean>;
  /** For the background's sites:enable, once the origin's permission is granted. */
  sendToBackground: SendToBackground;
  download(file: ExportFile): void;
  readFile(file: File): Promise<string>;
}

export interface TransferState {
  includeKeys: boolean;
  notice: TransferNotice;
  setIncludeKeys(include: boolean): void;
  exportSettings(): Promise<void>;
  importFile(file: File): Promise<void>;
  /** Call from the click: asks for every permission the import still needs, in one prompt. */
  allowPending(): Promise<void>;
}

/** What each part of a file needs the user's permission for, before it can work. */
export function patternsFor(file: SettingsFile): string[] {
  const patterns = new Set<string>();
  const provider = file.provider;
  if (provider && !isOnDevice(provider)) {
    const pattern = originPattern(provider.baseUrl);
    if (pattern) patterns.add(pattern);
  }
  if (file.evidence) {
    if (file.evidence.links) ALL_SITES.forEach((p) => patterns.add(p));
    evidencePatterns(file.evidence).forEach((p) => patterns.add(p));
  }
  for (const origin of file.sites?.enabledOrigins ?? []) patterns.add(originPermission(origin));
  return [...patterns];
}

export function createTransferStore(
  deps: TransferDeps,
  { onImported, now = Date.now }: { onImported(): void; now?: () => number },
): StoreApi<TransferState> {
  /** Enables these origins through the background (their permission is granted). */
  const enableOrigins = async (origins: readonly string[]): Promise<void> => {
    for (const origin of origins) await deps.sendToBackground({ type: 'sites:enable', origin });
  };

  return createStore<TransferState>()((set, get) => ({
    includeKeys: false,
    notice: { kind: 'none' },

    setIncludeKeys(includeKeys) {
      set({ includeKeys });
    },

    async exportSettings() {
      try {
        const file = buildSettingsFile(await deps.readSnapshot(), {
          includeKeys: get().includeKeys,
          now: now(),
        });
        const fileName = settingsFileName(now());
        deps.download({ fileName, mimeType: 'application/json', text: settingsFileText(file) });
        set({ notice: { kind: 'exported', fileName } });
      } catch (error) {
        set({ notice: { kind: 'export_failed', detail: describeError(error) } });
      }
    },

    async importFile(input) {
      set({ notice: { kind: 'reading' } });
      let text: string;
      try {
        text = await deps.readFile(input);
      } catch (error) {
        set({ notice: { kind: 'import_failed', detail: describeError(error) } });
        return;
      }
      const outcome = parseSettingsFile(text);
      if (outcome.kind !== 'ok') {
        set({ notice: { kind: 'rejected', outcome } });
        return;
      }
      const { file, parts } = outcome;
      try {
        const needed = patternsFor(file);
        const missing: string[] = [];
        for (const pattern of needed) if (!(await deps.hasOriginPermission([pattern]))) missing.push(pattern);
        await deps.applySettings(file);
        const origins = file.sites?.enabledOrigins ?? [];
        const ready = origins.filter((origin) => !missing.includes(originPermission(origin)));
        await enableOrigins(ready);
        set({
          notice: {
            kind: 'imported',
            parts,
            pending: missing,
            pendingOrigins: origins.filter((origin) => !ready.includes(origin)),
            permission: 'idle',
          },
        });
      } catch (error) {
        set({ notice: { kind: 'import_failed', detail: describeError(error) } });
        return;
      }
      onImported();
    },

    allowPending() {
      const { notice } = get();
      if (notice.kind !== 'imported' || notice.pending.length === 0 || notice.permission === 'asking') {
        return Promise.resolve();
      }
      set({ notice: { ...notice, permission: 'asking' } });
      // No await before this call: it must run inside the user's gesture.
      let asked: Promise<boolean>;
      try {
        asked = deps.requestOriginPermission(notice.pending);
      } catch (error) {
        asked = Promise.reject(error);
      }
      return (async () => {
        let granted: boolean;
        try {
          granted = await asked;
        } catch {
          set({ notice: { ...notice, permission: 'failed' } });
          return;
        }
        if (!granted) {
          set({ notice: { ...notice, permission: 'denied' } });
          return;
        }
        try {
          await enableOrigins(notice.pendingOrigins);
        } catch (error) {
          set({ notice: { kind: 'import_failed', detail: describeError(error) } });
          return;
        }
        set({ notice: { ...notice, pending: [], pendingOrigins: [], permission: 'granted' } });
        onImported();
      })();
    },
  }));
}

/** The real side effects: the storage items, the secret store and webextension-polyfill's `browser`. */
export function browserTransferDeps(download: (file: ExportFile) => void): TransferDeps {
  return {
    async readSnapshot() {
      const [
        provider,
        answerLanguage,
        dailyTokenBudget,
        disabledSites,
        triageSites,
        enabledOrigins,
        evidence,
        apiKey,
        factCheckKey,
        searchKey,
        allSites,
      ] = await Promise.all([
        providerSettingsItem.getValue(),
        answerLanguageItem.getValue(),
        dailyTokenBudgetItem.getValue(),
        disabledSitesItem.getValue(),
        triageSitesItem.getValue(),
        enabledOriginsItem.getValue(),
        evidenceSettingsItem.getValue(),
        readSecret('apiKey'),
        readSecret('factCheckKey'),
        readSecret('searchKey'),
        browser.permissions.contains({ origins: [...ALL_SITES] }),
      ]);
      return {
        provider,
        answerLanguage,
        dailyTokenBudget,
        disabledSites,
        triageSites,
        enabledOrigins,
        // As the page shows it: linked pages cannot be read without the all-sites permission.
        evidence: { ...evidence, links: evidence.links && allSites },
        keys: { apiKey, factCheckKey, searchKey },
      };
    },
    async applySettings(file) {
      const writes: Array<Promise<void>> = [];
      if (file.provider) writes.push(providerSettingsItem.setValue(file.provider));
      if (file.answerLanguage) writes.push(answerLanguageItem.setValue(file.answerLanguage));
      if (file.dailyTokenBudget !== undefined)
        writes.push(dailyTokenBudgetItem.setValue(file.dailyTokenBudget));
      if (file.sites) writes.push(disabledSitesItem.setValue(file.sites.disabled));
      if (file.sites?.triage) writes.push(triageSitesItem.setValue(file.sites.triage));
      if (file.evidence) writes.push(evidenceSettingsItem.setValue(file.evidence));
      // Keys only when the file has them: a file without keys keeps the ones stored here.
      for (const name of keysInFile(file)) writes.push(writeSecret(name, file.keys?.[name] ?? ''));
      await Promise.all(writes);
    },
    hasOriginPermission(patterns) {
      return browser.permissions.contains({ origins: [...patterns] });
    },
    requestOriginPermission(patterns) {
      return browser.permissions.request({ origins: [...patterns] });
    },
    sendToBackground,
    download,
    readFile(file) {
      return file.text();
    },
  };
}
