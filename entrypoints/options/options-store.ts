import { createStore, type StoreApi } from 'zustand/vanilla';
import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '../../utils/messaging/protocol';
import { readApiKey, writeApiKey } from '../../utils/settings/api-key-store';
import {
  answerLanguageItem,
  providerSettingsItem,
  type AnswerLanguage,
  type ProviderSettings,
} from '../../utils/settings/provider-settings';
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
  parseTestResponse,
  validateForSave,
  validateForTest,
} from './form-logic';
import type {
  ClearStep,
  FieldErrors,
  FormField,
  HistoryNotice,
  HistoryState,
  OptionsFormValues,
  OptionsNotice,
} from '../../components/options/types';
import { dailyTokenBudgetItem } from '../../utils/notes/usage-ledger';
import {
  buildExport,
  clearFailureDetail,
  isClearConfirmed,
  parseHistoryResponse,
  type ExportFile,
  type ExportFormat,
  type MarkdownLabels,
} from './history-export';
import { NoAnswerError, withTimeout } from '../../utils/messaging/with-timeout';

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
  hasOriginPermission(pattern: string): Promise<boolean>;
  /** Must be called while handling the user's click (a user gesture). */
  requestOriginPermission(pattern: string): Promise<boolean>;
  sendToBackground(message: BackgroundRequest): Promise<unknown>;
  /** Hands a file to the browser's downloads (a Blob, an object URL and an <a download>). */
  download(file: ExportFile): void;
}

export interface OptionsState {
  phase: 'loading' | 'ready';
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
  /** Past notes, most recent first. */
  history: HistoryState;
  clearStep: ClearStep;
  historyNotice: HistoryNotice;
  /** Bumped when focus should move within the history actions. */
  historyFocus: { target: 'clear' | 'cancel'; token: number } | null;

  load(): Promise<void>;
  setField<K extends keyof OptionsFormValues>(field: K, value: OptionsFormValues[K]): void;
  choosePreset(presetId: string): void;
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

export function createOptionsStore(
  deps: OptionsDeps,
  {
    testTimeoutMs = TEST_TIMEOUT_MS,
    historyTimeoutMs = HISTORY_TIMEOUT_MS,
    now = Date.now,
  }: { testTimeoutMs?: number; historyTimeoutMs?: number; now?: () => number } = {},
): StoreApi<OptionsState> {
  let focusToken = 0;
  let historyToken = 0;
  /** Answers to older history reads must not overwrite newer ones. */
  let historyGeneration = 0;

  return createStore<OptionsState>()((set, get) => {
    /** Remember whether the endpoint's origin is already granted, ahead of the click. */
    const checkPermission = (baseUrl: string): void => {
      const pattern = originPattern(baseUrl);
      if (!pattern || get().granted[pattern] !== undefined) return;
      deps.hasOriginPermission(pattern).then(
        (granted) => set((s) => ({ granted: { ...s.granted, [pattern]: granted } })),
        () => {
          // Unknown: save/test will simply ask, which is harmless when already granted.
        },
      );
    };

    const rejectInvalid = (errors: FieldErrors): void => {
      const field = firstInvalidField(errors);
      set({ errors, notice: { kind: 'invalid' }, focus: field ? { field, token: ++focusToken } : null });
    };

    /**
     * Ask for the endpoint's origin unless it is known to be granted. Runs synchronously up
     * to `permissions.request`, so the click's user activation is still there (Firefox
     * requires the call within the input handler itself).
     */
    const ensurePermission = (pattern: string): Promise<boolean> => {
      if (get().granted[pattern] === true) return Promise.resolve(true);
      return deps.requestOriginPermission(pattern).then((granted) => {
        set((s) => ({ granted: { ...s.granted, [pattern]: granted } }));
        return granted;
      });
    };

    return {
      phase: 'loading',
      loadError: null,
      form: defaultFormValues(),
      errors: {},
      focus: null,
      notice: { kind: 'none' },
      busy: null,
      models: [],
      granted: {},
      history: { kind: 'loading' },
      clearStep: 'idle',
      historyNotice: { kind: 'none' },
      historyFocus: null,

      async load() {
        try {
          const { settings, apiKey, answerLanguage, dailyTokenBudget } = await deps.loadSettings();
          set({ form: formFromSettings(settings, apiKey, answerLanguage, dailyTokenBudget), loadError: null });
        } catch (error) {
          set({ loadError: describeError(error) });
        }
        set({ phase: 'ready' });
        checkPermission(get().form.baseUrl);
      },

      setField(field, value) {
        const { form, errors, notice, busy } = get();
        const nextErrors = { ...errors };
        delete nextErrors[field as FormField];
        set({
          form: { ...form, [field]: value },
          errors: nextErrors,
          // A result about other values is stale once the form changes.
          notice: busy ? notice : { kind: 'none' },
        });
        if (field === 'baseUrl') checkPermission(String(value));
      },

      choosePreset(presetId) {
        const { form, busy, notice } = get();
        const next = applyPreset(form, presetId);
        set({ form: next, errors: {}, notice: busy ? notice : { kind: 'none' } });
        checkPermission(next.baseUrl);
      },

      save() {
        const { form, busy } = get();
        if (busy) return Promise.resolve();
        const errors = validateForSave(form);
        if (hasErrors(errors)) {
          rejectInvalid(errors);
          return Promise.resolve();
        }
        const draft = buildDraft(form);
        const pattern = originPattern(draft.baseUrl);
        if (!pattern) {
          rejectInvalid({ baseUrl: 'invalid_url' });
          return Promise.resolve();
        }
        set({ errors: {}, busy: 'save', notice: { kind: 'saving' } });

        // No await before this call: it must run inside the user's gesture.
        let permission: Promise<boolean>;
        try {
          permission = ensurePermission(pattern);
        } catch (error) {
          permission = Promise.reject(error);
        }

        return (async () => {
          try {
            let allowed: boolean;
            try {
              allowed = await permission;
            } catch (error) {
              set({ notice: { kind: 'permission_failed', pattern, detail: describeError(error) } });
              return;
            }
            if (!allowed) {
              set({ notice: { kind: 'permission_denied', pattern } });
              return;
            }
            const { apiKey, ...settings } = draft;
            const { answerLanguage } = get().form;
            const budget = parseDailyTokenBudget(form.dailyTokenBudget) ?? 0; // validated above
            try {
              await deps.saveSettings(settings, answerLanguage, apiKey, budget);
            } catch (error) {
              set({ notice: { kind: 'save_failed', detail: describeError(error) } });
              return;
            }
            set((s) => ({
              // Show what was stored (trimmed), unless the user typed on meanwhile.
              form: s.form === form ? { ...form, ...draft, dailyTokenBudget: dailyTokenBudgetField(budget) } : s.form,
              notice: { kind: 'saved' },
            }));
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
        const pattern = originPattern(draft.baseUrl);
        set({ errors: {}, busy: 'test', notice: { kind: 'testing' } });

        // Without the host permission the background's request may be blocked (CORS), so
        // ask now, in the gesture, when the origin is known not to be granted yet.
        let permission: Promise<unknown> = Promise.resolve();
        if (pattern && get().granted[pattern] === false) {
          try {
            permission = ensurePermission(pattern).catch(() => false);
          } catch {
            // The test still runs and reports what the endpoint says.
          }
        }

        return (async () => {
          try {
            await permission;
            let raw: unknown;
            try {
              raw = await withTimeout(deps.sendToBackground({ type: 'provider:test', draft }), testTimeoutMs);
            } catch (error) {
              set({
                notice:
                  error instanceof NoAnswerError
                    ? { kind: 'test', outcome: { kind: 'no_answer' } }
                    : { kind: 'unreachable', detail: describeError(error) },
              });
              return;
            }
            const outcome = parseTestResponse(raw);
            set((s) => ({
              notice: { kind: 'test', outcome },
              models: outcome.kind === 'ok' ? outcome.models : s.models,
            }));
          } finally {
            set({ busy: null });
          }
        })();
      },

      async loadHistory() {
        const mine = ++historyGeneration;
        let history: HistoryState;
        try {
          const raw = await withTimeout(deps.sendToBackground({ type: 'notes:history' }), historyTimeoutMs);
          const outcome = parseHistoryResponse(raw);
          history =
            outcome.kind === 'ok'
              ? { kind: 'ready', notes: outcome.notes }
              : { kind: 'failed', detail: outcome.kind === 'failed' ? outcome.detail : null };
        } catch (error) {
          history = { kind: 'failed', detail: error instanceof NoAnswerError ? null : describeError(error) };
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
        set({ clearStep: 'confirming', historyNotice: { kind: 'none' }, historyFocus: { target: 'cancel', token: ++historyToken } });
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
          const raw = await withTimeout(deps.sendToBackground({ type: 'notes:clear' }), historyTimeoutMs);
          notice = isClearConfirmed(raw)
            ? { kind: 'cleared' }
            : { kind: 'clear_failed', detail: clearFailureDetail(raw) ?? describeError(raw) };
        } catch (error) {
          notice = { kind: 'clear_failed', detail: describeError(error) };
        }
        set({ clearStep: 'idle', historyNotice: notice, historyFocus: { target: 'clear', token: ++historyToken } });
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
  hasOriginPermission(pattern) {
    return browser.permissions.contains({ origins: [pattern] });
  },
  requestOriginPermission(pattern) {
    return browser.permissions.request({ origins: [pattern] });
  },
  sendToBackground(message) {
    return browser.runtime.sendMessage(message);
  },
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
