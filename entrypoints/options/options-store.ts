import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import { sendToBackground, type SendToBackground } from '../../utils/messaging/extension-client';
import { BadAnswerError, NoAnswerError } from '../../utils/messaging/message-errors';
import type { ProviderTestResult } from '../../utils/messaging/extension-page-protocol';
import { readApiKey, readSecret, writeApiKey, writeSecret } from '../../utils/settings/api-key-store';
import { evidenceSettingsItem } from '../../utils/settings/evidence-settings-item';
import { isOnDevice } from '../../utils/settings/on-device-endpoint';
import { onDeviceAvailability, onDeviceWritable, type OnDeviceAvailability } from '../../utils/ai/on-device';
import { probeOnDeviceLanguages, type OnDeviceLanguages } from './on-device-language';
import type { AnswerLanguage, ProviderSettings } from '../../utils/settings/provider-settings';
import { answerLanguageItem, providerSettingsItem } from '../../utils/settings/provider-items';
import {
  buildDraft,
  dailyTokenBudgetField,
  defaultFormValues,
  describeError,
  firstInvalidField,
  formFromSettings,
  hasErrors,
  applyPreset,
  originPattern,
  parseDailyTokenBudget,
  testFailureNotice,
  testOutcome,
  validateForSave,
  validateForTest,
} from './form-logic';
import {
  ALL_SITES,
  buildEvidence,
  evidenceFormFromSettings,
  evidencePatterns,
  validateEvidence,
} from './evidence-logic';
import type {
  ClearStep,
  EvidenceFormValues,
  FieldErrors,
  FormField,
  HistoryNotice,
  HistoryState,
  LinksNotice,
  OnboardingStep,
  OptionsFormValues,
  OptionsMode,
  OptionsNotice,
} from '../../components/options/types';
import { DEFAULT_EVIDENCE_SETTINGS, type EvidenceSettings } from '../../utils/settings/evidence-settings';
import { ONBOARDING_DONE_ID, PAGE_HEADING_ID } from '../../components/options/sections';
import { dailyTokenBudgetItem } from '../../utils/settings/usage-items';
import {
  buildExport,
  newestFirst,
  type ExportFile,
  type ExportFormat,
  type MarkdownLabels,
} from './history-export';
import { withTimeout } from '../../utils/messaging/with-timeout';

/**
 * State of the options page. This module is the only place where the options page talks to
 * the browser (storage, the key store, permissions, the background); components get the
 * state and callbacks.
 */

/** The side effects the store needs; the browser-backed set is `browserOptionsDeps`. */
export interface OptionsDeps {
  loadSettings(): Promise<{
    settings: ProviderSettings | null;
    apiKey: string;
    answerLanguage: AnswerLanguage;
    /** Tokens per day; 0 means no budget. */
    dailyTokenBudget: number;
  }>;
  saveSettings(
    settings: ProviderSettings,
    answerLanguage: AnswerLanguage,
    apiKey: string,
    dailyTokenBudget: number,
  ): Promise<void>;
  /** Evidence sources and their keys (the keys come from the secret store). */
  loadEvidence(): Promise<{ settings: EvidenceSettings; factCheckKey: string; searchKey: string }>;
  saveEvidence(settings: EvidenceSettings, factCheckKey: string, searchKey: string): Promise<void>;
  /** Whether every one of these host patterns is granted. */
  hasOriginPermission(patterns: readonly string[]): Promise<boolean>;
  /** Must be called while handling the user's click (a user gesture). Asks for all at once. */
  requestOriginPermission(patterns: readonly string[]): Promise<boolean>;
  /** Whether Chrome's on-device model (the Prompt API) is there. */
  onDeviceAvailability(): Promise<OnDeviceAvailability>;
  /** Which answer languages that model writes; null where the browser has no Prompt API. */
  onDeviceLanguages(): Promise<OnDeviceLanguages | null>;
  sendToBackground: SendToBackground;
  /** Hands a file to the browser's downloads (a Blob, an object URL and an <a download>). */
  download(file: ExportFile): void;
}

export interface OptionsState {
  phase: 'loading' | 'ready';
  /** A setup guide until a provider is saved; the full settings page afterwards. */
  mode: OptionsMode;
  onboardingStep: OnboardingStep;
  /** Chrome's on-device model, probed at load (null until then). */
  onDevice: OnDeviceAvailability | null;
  /** The answer languages Chrome's on-device model writes, probed at load (null: not known). */
  onDeviceLanguages: OnDeviceLanguages | null;
  /** Reading the stored settings failed; the form shows defaults. */
  loadError: string | null;
  form: OptionsFormValues;
  errors: FieldErrors;
  /** Bumped when a field should receive focus (the first invalid one). */
  focus: { field: FormField; token: number } | null;
  notice: OptionsNotice;
  busy: 'save' | 'test' | null;
  /** Model IDs from the last successful Test connection (the Model field's suggestions). */
  models: string[];
  /** Known host-permission state per origin pattern (checked as the base URL changes). */
  granted: Record<string, boolean>;
  /** The "Evidence sources" settings, saved with the rest of the form. */
  evidence: EvidenceFormValues;
  /** Whether the all-sites host permission ("Linked pages") is granted. */
  allSites: boolean;
  linksNotice: LinksNotice;
  /** Bumped when focus should move to the element with this id (a section, a field). */
  jump: { target: string; token: number } | null;
  /** Past notes, most recent first. */
  history: HistoryState;
  clearStep: ClearStep;
  historyNotice: HistoryNotice;
  /** Bumped when focus should move within the history actions. */
  historyFocus: { target: 'clear' | 'cancel'; token: number } | null;

  load(): Promise<void>;
  setField<K extends keyof OptionsFormValues>(field: K, value: OptionsFormValues[K]): void;
  choosePreset(presetId: string): void;
  setEvidence<K extends keyof EvidenceFormValues>(field: K, value: EvidenceFormValues[K]): void;
  /** Call from the switch's click: turning it on may ask for the all-sites permission. */
  setLinks(on: boolean): Promise<void>;
  /** Leaves the setup guide for the full settings page. */
  showSettings(): void;
  /** Moves focus to the element with this id (a section or field of the page). */
  jumpTo(target: string): void;
  /** Call from the submit/click handler: it may ask for a host permission. */
  save(): Promise<void>;
  /** Call from the click handler: it may ask for a host permission. */
  testConnection(): Promise<void>;
  /** (Re)reads the notes history from the background. */
  loadHistory(): Promise<void>;
  /** Downloads the listed notes as a file; `labels` are the Markdown export's words. */
  exportHistory(format: ExportFormat, labels: MarkdownLabels): void;
  /** First step of "Clear cache": the page asks for confirmation. */
  askClear(): void;
  cancelClear(): void;
  /** Second step: forget every cached note, then list what is left. */
  confirmClear(): Promise<void>;
}

/** The background has its own request timeout; this only guards against a silent one. */
export const TEST_TIMEOUT_MS = 30_000;
/** Reading or clearing the cache is local work for the background: a few seconds at most. */
export const HISTORY_TIMEOUT_MS = 10_000;
/** availability() answers at once where the Prompt API exists; this only guards a hang. */
export const ON_DEVICE_PROBE_MS = 3_000;
/** On-device states in which the guide offers (and preselects) Chrome's own model. */
const ON_DEVICE_USABLE: ReadonlySet<OnDeviceAvailability> = new Set([
  'available',
  'downloadable',
  'downloading',
]);

export function onDeviceOffered(availability: OnDeviceAvailability | null): boolean {
  return availability !== null && ON_DEVICE_USABLE.has(availability);
}

export function createOptionsStore(
  deps: OptionsDeps,
  {
    testTimeoutMs = TEST_TIMEOUT_MS,
    historyTimeoutMs = HISTORY_TIMEOUT_MS,
    onDeviceProbeMs = ON_DEVICE_PROBE_MS,
    now = Date.now,
  }: { testTimeoutMs?: number; historyTimeoutMs?: number; onDeviceProbeMs?: number; now?: () => number } = {},
): StoreApi<OptionsState> {
  let focusToken = 0;
  let jumpToken = 0;
  let historyToken = 0;
  /** Answers to older history reads must not overwrite newer ones. */
  let historyGeneration = 0;

  return createStore<OptionsState>()((set, get) => {
    /** Remember whether an origin pattern is already granted, ahead of the click. */
    const checkPattern = (pattern: string | null): void => {
      if (!pattern || get().granted[pattern] !== undefined) return;
      deps.hasOriginPermission([pattern]).then(
        (granted) => set((s) => ({ granted: { ...s.granted, [pattern]: granted } })),
        () => {
          // Unknown: save/test will simply ask, which is harmless when already granted.
        },
      );
    };
    const checkPermission = (baseUrl: string): void => checkPattern(originPattern(baseUrl));
    const checkEvidencePermissions = (evidence: EvidenceFormValues): void => {
      for (const pattern of evidencePatterns(buildEvidence(evidence).settings)) checkPattern(pattern);
    };

    const rejectInvalid = (errors: FieldErrors): void => {
      const field = firstInvalidField(errors);
      set({ errors, notice: { kind: 'invalid' }, focus: field ? { field, token: ++focusToken } : null });
    };

    /**
     * Ask for the patterns not known to be granted, all in one prompt. Runs synchronously up
     * to `permissions.request`, so the click's user activation is still there (Firefox
     * requires the call within the input handler itself).
     */
    const ensurePermissions = (patterns: readonly string[]): Promise<boolean> => {
      const { granted, allSites } = get();
      const missing = allSites ? [] : patterns.filter((pattern) => granted[pattern] !== true);
      if (missing.length === 0) return Promise.resolve(true);
      return deps.requestOriginPermission(missing).then((ok) => {
        set((s) => ({ granted: { ...s.granted, ...Object.fromEntries(missing.map((p) => [p, ok])) } }));
        return ok;
      });
    };

    const clearError = (errors: FieldErrors, field: string): FieldErrors => {
      const next = { ...errors };
      delete next[field as FormField];
      return next;
    };

    return {
      phase: 'loading',
      mode: 'settings',
      onboardingStep: 'setup',
      onDevice: null,
      onDeviceLanguages: null,
      loadError: null,
      form: defaultFormValues(),
      errors: {},
      focus: null,
      notice: { kind: 'none' },
      busy: null,
      models: [],
      granted: {},
      evidence: evidenceFormFromSettings(DEFAULT_EVIDENCE_SETTINGS, '', '', false),
      allSites: false,
      linksNotice: { kind: 'none' },
      jump: null,
      history: { kind: 'loading' },
      clearStep: 'idle',
      historyNotice: { kind: 'none' },
      historyFocus: null,

      async load() {
        const probe = withTimeout(deps.onDeviceAvailability(), onDeviceProbeMs).catch(
          (): OnDeviceAvailability => 'unavailable',
        );
        const languagesProbe = withTimeout(deps.onDeviceLanguages(), onDeviceProbeMs).catch(() => null);
        const allSites = deps.hasOriginPermission(ALL_SITES).catch(() => false);
        try {
          const [{ settings, apiKey, answerLanguage, dailyTokenBudget }, evidence, onDevice, languages, all] =
            await Promise.all([deps.loadSettings(), deps.loadEvidence(), probe, languagesProbe, allSites]);
          let form = formFromSettings(settings, apiKey, answerLanguage, dailyTokenBudget);
          const mode: OptionsMode = settings ? 'settings' : 'onboarding';
          // First run where Chrome has its own model: nothing to paste, nothing leaves the device.
          if (mode === 'onboarding' && onDeviceOffered(onDevice)) form = applyPreset(form, 'chrome-ai');
          set({
            form,
            mode,
            onDevice,
            onDeviceLanguages: languages,
            allSites: all,
            evidence: evidenceFormFromSettings(
              evidence.settings,
              evidence.factCheckKey,
              evidence.searchKey,
              all,
            ),
            loadError: null,
          });
        } catch (error) {
          set({
            loadError: describeError(error),
            onDevice: await probe,
            onDeviceLanguages: await languagesProbe,
            allSites: await allSites,
          });
        }
        set({ phase: 'ready' });
        checkPermission(get().form.baseUrl);
        checkEvidencePermissions(get().evidence);
      },

      setField(field, value) {
        const { form, errors, notice, busy } = get();
        set({
          form: { ...form, [field]: value },
          errors: clearError(errors, field),
          // A result about other values is stale once the form changes.
          notice: busy ? notice : { kind: 'none' },
        });
        if (field === 'baseUrl') checkPermission(String(value));
      },

      choosePreset(presetId) {
        const { form, busy, notice, mode } = get();
        let next = applyPreset(form, presetId);
        // In the guide, "Custom" starts empty: another preset's address and model would mislead.
        if (mode === 'onboarding' && presetId === 'custom') next = { ...next, baseUrl: '', model: '' };
        set({ form: next, errors: {}, notice: busy ? notice : { kind: 'none' } });
        checkPermission(next.baseUrl);
      },

      setEvidence(field, value) {
        const { evidence, errors, notice, busy } = get();
        const next = { ...evidence, [field]: value };
        set({ evidence: next, errors: clearError(errors, field), notice: busy ? notice : { kind: 'none' } });
        checkEvidencePermissions(next);
      },

      setLinks(on) {
        const { evidence, allSites } = get();
        if (!on || allSites) {
          set({
            evidence: { ...evidence, links: on },
            linksNotice: { kind: 'none' },
            notice: { kind: 'none' },
          });
          return Promise.resolve();
        }
        set({ linksNotice: { kind: 'asking' } });
        // No await before this call: it must run inside the user's gesture.
        let asked: Promise<boolean>;
        try {
          asked = deps.requestOriginPermission(ALL_SITES);
        } catch (error) {
          asked = Promise.reject(error);
        }
        return asked.then(
          (granted) =>
            set((s) =>
              granted
                ? {
                    allSites: true,
                    evidence: { ...s.evidence, links: true },
                    linksNotice: { kind: 'none' },
                    notice: { kind: 'none' },
                  }
                : { evidence: { ...s.evidence, links: false }, linksNotice: { kind: 'denied' } },
            ),
          (error: unknown) =>
            set((s) => ({
              evidence: { ...s.evidence, links: false },
              linksNotice: { kind: 'failed', detail: describeError(error) },
            })),
        );
      },

      showSettings() {
        set({
          mode: 'settings',
          onboardingStep: 'setup',
          notice: { kind: 'none' },
          jump: { target: PAGE_HEADING_ID, token: ++jumpToken },
        });
      },

      jumpTo(target) {
        set({ jump: { target, token: ++jumpToken } });
      },

      save() {
        const { form, evidence, busy, mode } = get();
        if (busy) return Promise.resolve();
        // The guide shows only the provider: evidence settings are saved from the full page.
        const onboarding = mode === 'onboarding';
        const errors = { ...validateForSave(form), ...(onboarding ? {} : validateEvidence(evidence)) };
        if (hasErrors(errors)) {
          rejectInvalid(errors);
          return Promise.resolve();
        }
        const draft = buildDraft(form);
        // Chrome's own model needs no host permission: nothing leaves the browser.
        const onDevice = isOnDevice(draft);
        const pattern = onDevice ? null : originPattern(draft.baseUrl);
        if (!onDevice && !pattern) {
          rejectInvalid({ baseUrl: 'invalid_url' });
          return Promise.resolve();
        }
        const built = onboarding ? null : buildEvidence(evidence);
        const patterns = [...(pattern ? [pattern] : []), ...(built ? evidencePatterns(built.settings) : [])];
        set({ errors: {}, busy: 'save', notice: { kind: 'saving' } });

        // No await before this call: it must run inside the user's gesture.
        let permission: Promise<boolean>;
        try {
          permission = ensurePermissions(patterns);
        } catch (error) {
          permission = Promise.reject(error);
        }

        return (async () => {
          try {
            let allowed: boolean;
            try {
              allowed = await permission;
            } catch (error) {
              set({ notice: { kind: 'permission_failed', patterns, detail: describeError(error) } });
              return;
            }
            if (!allowed) {
              set({ notice: { kind: 'permission_denied', patterns } });
              return;
            }
            const { apiKey, ...settings } = draft;
            const { answerLanguage } = get().form;
            const budget = parseDailyTokenBudget(form.dailyTokenBudget) ?? 0; // validated above
            try {
              await Promise.all([
                deps.saveSettings(settings, answerLanguage, apiKey, budget),
                built ? deps.saveEvidence(built.settings, built.factCheckKey, built.searchKey) : null,
              ]);
            } catch (error) {
              set({ notice: { kind: 'save_failed', detail: describeError(error) } });
              return;
            }
            set((s) => ({
              // Show what was stored (trimmed), unless the user typed on meanwhile.
              form:
                s.form === form
                  ? { ...form, ...draft, dailyTokenBudget: dailyTokenBudgetField(budget) }
                  : s.form,
              evidence:
                built && s.evidence === evidence
                  ? {
                      ...evidence,
                      ...built.settings,
                      factCheckKey: built.factCheckKey,
                      searchKey: built.searchKey,
                    }
                  : s.evidence,
              notice: { kind: 'saved' },
            }));
            if (onboarding && get().mode === 'onboarding') {
              set({ onboardingStep: 'done', jump: { target: ONBOARDING_DONE_ID, token: ++jumpToken } });
            }
          } finally {
            set({ busy: null });
          }
        })();
      },

      testConnection() {
        const { form, busy } = get();
        if (busy) return Promise.resolve();
        const errors = validateForTest(form);
        if (hasErrors(errors)) {
          rejectInvalid(errors);
          return Promise.resolve();
        }
        const draft = buildDraft(form);
        const pattern = isOnDevice(draft) ? null : originPattern(draft.baseUrl);
        set({ errors: {}, busy: 'test', notice: { kind: 'testing' } });

        // Without the host permission the background's request may be blocked (CORS), so
        // ask now, in the gesture, when the origin is known not to be granted yet.
        let permission: Promise<unknown> = Promise.resolve();
        if (pattern && get().granted[pattern] === false && !get().allSites) {
          try {
            permission = ensurePermissions([pattern]).catch(() => false);
          } catch {
            // The test still runs and reports what the endpoint says.
          }
        }

        return (async () => {
          try {
            await permission;
            let result: ProviderTestResult;
            try {
              result = await withTimeout(
                deps.sendToBackground({ type: 'provider:test', draft }),
                testTimeoutMs,
              );
            } catch (error) {
              set({ notice: testFailureNotice(error) });
              return;
            }
            const outcome = testOutcome(result);
            set((s) => {
              // An empty Model field takes the first model the endpoint lists.
              const first = outcome.kind === 'ok' ? outcome.models[0] : undefined;
              const fill = first !== undefined && s.form.model.trim() === '';
              return {
                notice: { kind: 'test', outcome },
                models: outcome.kind === 'ok' ? outcome.models : s.models,
                form: fill ? { ...s.form, model: first } : s.form,
                errors: fill ? clearError(s.errors, 'model') : s.errors,
              };
            });
          } finally {
            set({ busy: null });
          }
        })();
      },

      async loadHistory() {
        const mine = ++historyGeneration;
        let history: HistoryState;
        try {
          const { notes } = await withTimeout(
            deps.sendToBackground({ type: 'notes:history' }),
            historyTimeoutMs,
          );
          history = { kind: 'ready', notes: newestFirst(notes) };
        } catch (error) {
          // Silence and garbage have no words worth showing; a refusal or a failure has.
          const wordless = error instanceof NoAnswerError || error instanceof BadAnswerError;
          history = { kind: 'failed', detail: wordless ? null : describeError(error) };
        }
        if (mine === historyGeneration) set({ history });
      },

      exportHistory(format, labels) {
        const { history } = get();
        if (history.kind !== 'ready' || history.notes.length === 0) return;
        try {
          const file = buildExport(format, history.notes, labels, now());
          deps.download(file);
          set({ historyNotice: { kind: 'exported', fileName: file.fileName } });
        } catch (error) {
          set({ historyNotice: { kind: 'export_failed', detail: describeError(error) } });
        }
      },

      askClear() {
        if (get().clearStep !== 'idle') return;
        set({
          clearStep: 'confirming',
          historyNotice: { kind: 'none' },
          historyFocus: { target: 'cancel', token: ++historyToken },
        });
      },

      cancelClear() {
        if (get().clearStep !== 'confirming') return;
        set({ clearStep: 'idle', historyFocus: { target: 'clear', token: ++historyToken } });
      },

      async confirmClear() {
        if (get().clearStep !== 'confirming') return;
        set({ clearStep: 'clearing' });
        let notice: HistoryNotice;
        try {
          await withTimeout(deps.sendToBackground({ type: 'notes:clear' }), historyTimeoutMs);
          notice = { kind: 'cleared' };
        } catch (error) {
          notice = { kind: 'clear_failed', detail: describeError(error) };
        }
        set({
          clearStep: 'idle',
          historyNotice: notice,
          historyFocus: { target: 'clear', token: ++historyToken },
        });
        await get().loadHistory();
      },
    };
  });
}

/** The real side effects, through webextension-polyfill's `browser`. */
export const browserOptionsDeps: OptionsDeps = {
  async loadSettings() {
    const [settings, answerLanguage, apiKey, dailyTokenBudget] = await Promise.all([
      providerSettingsItem.getValue(),
      answerLanguageItem.getValue(),
      readApiKey(),
      dailyTokenBudgetItem.getValue(),
    ]);
    return { settings, answerLanguage, apiKey, dailyTokenBudget };
  },
  async saveSettings(settings, answerLanguage, apiKey, dailyTokenBudget) {
    await Promise.all([
      providerSettingsItem.setValue(settings),
      answerLanguageItem.setValue(answerLanguage),
      writeApiKey(apiKey),
      dailyTokenBudgetItem.setValue(dailyTokenBudget),
    ]);
  },
  async loadEvidence() {
    const [settings, factCheckKey, searchKey] = await Promise.all([
      evidenceSettingsItem.getValue(),
      readSecret('factCheckKey'),
      readSecret('searchKey'),
    ]);
    return { settings, factCheckKey, searchKey };
  },
  async saveEvidence(settings, factCheckKey, searchKey) {
    await Promise.all([
      evidenceSettingsItem.setValue(settings),
      writeSecret('factCheckKey', factCheckKey),
      writeSecret('searchKey', searchKey),
    ]);
  },
  hasOriginPermission(patterns) {
    return browser.permissions.contains({ origins: [...patterns] });
  },
  requestOriginPermission(patterns) {
    return browser.permissions.request({ origins: [...patterns] });
  },
  onDeviceAvailability,
  onDeviceLanguages: () => probeOnDeviceLanguages(browser.i18n.getUILanguage(), onDeviceWritable),
  sendToBackground,
  download({ fileName, mimeType, text }) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started by now; keep the URL a while for slow file pickers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};
