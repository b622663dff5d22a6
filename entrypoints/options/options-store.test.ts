import { describe, expect, it, vi } from 'vitest';
import type { ProviderSettings } from '../../utils/settings/provider-settings';
import { DEFAULT_EVIDENCE_SETTINGS } from '../../utils/settings/evidence-settings';
import { backgroundClient } from '../../utils/messaging/extension-client';
import type { RequestIn } from '../../utils/messaging/protocol';
import type { ExtensionPageRequests } from '../../utils/messaging/extension-page-protocol';
import { createOptionsStore, type OptionsDeps } from './options-store';

/** The background as the page's messages reach it: what it answers, before validation. */
type RawBackground = (request: RequestIn<ExtensionPageRequests>) => Promise<unknown>;

function fakeDeps({
  background: answer = async () => ({ ok: true, models: ['m2', 'm1'] }),
  ...overrides
}: Partial<OptionsDeps> & { background?: RawBackground } = {}) {
  const background = vi.fn<RawBackground>(answer);
  const deps = {
    loadSettings: vi.fn<OptionsDeps['loadSettings']>(async () => ({
      settings: null,
      apiKey: '',
      answerLanguage: 'auto' as const,
      dailyTokenBudget: 0,
    })),
    saveSettings: vi.fn<OptionsDeps['saveSettings']>(async () => {}),
    loadEvidence: vi.fn<OptionsDeps['loadEvidence']>(async () => ({
      settings: { ...DEFAULT_EVIDENCE_SETTINGS },
      factCheckKey: '',
      searchKey: '',
    })),
    saveEvidence: vi.fn<OptionsDeps['saveEvidence']>(async () => {}),
    hasOriginPermission: vi.fn<OptionsDeps['hasOriginPermission']>(async () => false),
    requestOriginPermission: vi.fn<OptionsDeps['requestOriginPermission']>(async () => true),
    onDeviceAvailability: vi.fn<OptionsDeps['onDeviceAvailability']>(async () => 'unavailable'),
    onDeviceLanguages: vi.fn<OptionsDeps['onDeviceLanguages']>(async () => null),
    sendToBackground: backgroundClient(background),
    download: vi.fn<OptionsDeps['download']>(),
    ...overrides,
  };
  return { ...deps, background };
}

const stored: ProviderSettings = {
  preset: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
};

async function loaded(deps: OptionsDeps) {
  const store = createOptionsStore(deps, { testTimeoutMs: 50 });
  await store.getState().load();
  await Promise.resolve(); // the permission check after load
  return store;
}

describe('load', () => {
  it('fills the form from storage and the key store', async () => {
    const deps = fakeDeps({
      loadSettings: async () => ({
        settings: stored,
        apiKey: 'sk-1',
        answerLanguage: 'es',
        dailyTokenBudget: 9000,
      }),
    });
    const store = await loaded(deps);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().form).toEqual({
      ...stored,
      apiKey: 'sk-1',
      answerLanguage: 'es',
      dailyTokenBudget: '9000',
    });
    expect(deps.hasOriginPermission).toHaveBeenCalledWith(['https://api.openai.com/*']);
  });

  it('shows defaults and the error when storage fails', async () => {
    const store = await loaded(fakeDeps({ loadSettings: async () => Promise.reject(new Error('quota')) }));
    expect(store.getState()).toMatchObject({ phase: 'ready', loadError: 'quota' });
    expect(store.getState().form.preset).toBe('openai');
  });
});

describe('save', () => {
  it('rejects an invalid form without asking or writing, and focuses the first bad field', async () => {
    const deps = fakeDeps();
    const store = await loaded(deps);
    store.getState().setField('baseUrl', 'nope');
    store.getState().setField('apiKey', '');
    await store.getState().save();
    expect(store.getState().errors).toEqual({ baseUrl: 'invalid_url', apiKey: 'required' });
    expect(store.getState().focus?.field).toBe('baseUrl');
    expect(store.getState().notice).toEqual({ kind: 'invalid' });
    expect(deps.requestOriginPermission).not.toHaveBeenCalled();
    expect(deps.saveSettings).not.toHaveBeenCalled();
  });

  it('asks for the origin within the click (synchronously), then writes everything', async () => {
    const deps = fakeDeps();
    const store = await loaded(deps);
    store.getState().setField('apiKey', ' sk-new ');
    store.getState().setField('answerLanguage', 'pt-BR');
    const done = store.getState().save();
    expect(deps.requestOriginPermission).toHaveBeenCalledWith(['https://api.openai.com/*']);
    expect(store.getState().notice).toEqual({ kind: 'saving' });
    await done;
    expect(deps.saveSettings).toHaveBeenCalledWith(stored, 'pt-BR', 'sk-new', 0);
    expect(store.getState().notice).toEqual({ kind: 'saved' });
    expect(store.getState().form.apiKey).toBe('sk-new');
    expect(store.getState().busy).toBeNull();
  });

  it('does not ask again for an origin that is already granted', async () => {
    const deps = fakeDeps({ hasOriginPermission: async () => true });
    const store = await loaded(deps);
    store.getState().setField('apiKey', 'k');
    await store.getState().save();
    expect(deps.requestOriginPermission).not.toHaveBeenCalled();
    expect(deps.saveSettings).toHaveBeenCalled();
  });

  it('writes nothing when the permission is refused', async () => {
    const deps = fakeDeps({ requestOriginPermission: async () => false });
    const store = await loaded(deps);
    store.getState().setField('apiKey', 'k');
    await store.getState().save();
    expect(deps.saveSettings).not.toHaveBeenCalled();
    expect(store.getState().notice).toEqual({
      kind: 'permission_denied',
      patterns: ['https://api.openai.com/*'],
    });
  });

  it('reports a failing permission request and a failing write', async () => {
    const store = await loaded(
      fakeDeps({ requestOriginPermission: () => Promise.reject(new Error('not a user gesture')) }),
    );
    store.getState().setField('apiKey', 'k');
    await store.getState().save();
    expect(store.getState().notice).toMatchObject({
      kind: 'permission_failed',
      detail: 'not a user gesture',
    });

    const store2 = await loaded(fakeDeps({ saveSettings: () => Promise.reject(new Error('disk full')) }));
    store2.getState().setField('apiKey', 'k');
    await store2.getState().save();
    expect(store2.getState().notice).toEqual({ kind: 'save_failed', detail: 'disk full' });
  });

  it('saves a local server without a key', async () => {
    const deps = fakeDeps({ hasOriginPermission: async () => true });
    const store = await loaded(deps);
    store.getState().choosePreset('ollama');
    await Promise.resolve();
    await store.getState().save();
    expect(deps.saveSettings).toHaveBeenCalledWith(
      { preset: 'ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
      'auto',
      '',
      0,
    );
  });

  it('saves the daily token budget, and shows it as stored', async () => {
    const deps = fakeDeps({ hasOriginPermission: async () => true });
    const store = await loaded(deps);
    store.getState().setField('apiKey', 'k');
    store.getState().setField('dailyTokenBudget', ' 0050000 ');
    await store.getState().save();
    expect(deps.saveSettings).toHaveBeenCalledWith(stored, 'auto', 'k', 50_000);
    expect(store.getState().form.dailyTokenBudget).toBe('50000');
  });

  it('rejects a budget that is not a whole number and focuses it', async () => {
    const deps = fakeDeps();
    const store = await loaded(deps);
    store.getState().setField('apiKey', 'k');
    store.getState().setField('dailyTokenBudget', '-5');
    await store.getState().save();
    expect(store.getState().errors).toEqual({ dailyTokenBudget: 'invalid_budget' });
    expect(store.getState().focus?.field).toBe('dailyTokenBudget');
    expect(deps.saveSettings).not.toHaveBeenCalled();
  });

  it('clears the Saved status when the form changes', async () => {
    const store = await loaded(fakeDeps());
    store.getState().setField('apiKey', 'k');
    await store.getState().save();
    store.getState().setField('model', 'other');
    expect(store.getState().notice).toEqual({ kind: 'none' });
  });
});

describe('testConnection', () => {
  it('sends the unsaved draft and lists the models', async () => {
    const deps = fakeDeps({ hasOriginPermission: async () => true });
    const store = await loaded(deps);
    store.getState().setField('apiKey', 'unsaved');
    store.getState().setField('model', '');
    await store.getState().testConnection();
    expect(deps.background).toHaveBeenCalledWith({
      type: 'provider:test',
      draft: { preset: 'openai', baseUrl: 'https://api.openai.com/v1', model: '', apiKey: 'unsaved' },
    });
    expect(store.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'ok', models: ['m1', 'm2'] } });
    expect(store.getState().models).toEqual(['m1', 'm2']);
    expect(deps.saveSettings).not.toHaveBeenCalled();
  });

  it('keeps the exact failure', async () => {
    const error = {
      code: 'auth',
      message: 'Bad key',
      action: 'open_options',
      status: 401,
      retryAfterMs: null,
    };
    const store = await loaded(fakeDeps({ background: async () => ({ ok: false, error }) }));
    await store.getState().testConnection();
    expect(store.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'failed', error } });
  });

  it('never hangs: no answer, a rejection, or silence become errors', async () => {
    const silent = await loaded(fakeDeps({ background: async () => undefined }));
    await silent.getState().testConnection();
    expect(silent.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'no_answer' } });

    const unreadable = await loaded(fakeDeps({ background: async () => ({ ok: true }) }));
    await unreadable.getState().testConnection();
    expect(unreadable.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'bad_answer' } });

    const rejected = await loaded(
      fakeDeps({ background: () => Promise.reject(new Error('Receiving end does not exist.')) }),
    );
    await rejected.getState().testConnection();
    expect(rejected.getState().notice).toEqual({
      kind: 'unreachable',
      detail: 'Receiving end does not exist.',
    });

    const hanging = await loaded(fakeDeps({ background: () => new Promise(() => {}) }));
    await hanging.getState().testConnection();
    expect(hanging.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'no_answer' } });
    expect(hanging.getState().busy).toBeNull();
  });

  it('asks for a known-missing origin before testing, and tests anyway if refused', async () => {
    const deps = fakeDeps({ requestOriginPermission: vi.fn(async () => false) });
    const store = await loaded(deps);
    await store.getState().testConnection();
    expect(deps.requestOriginPermission).toHaveBeenCalledWith(['https://api.openai.com/*']);
    expect(deps.background).toHaveBeenCalled();
  });

  it('validates only the base URL', async () => {
    const deps = fakeDeps();
    const store = await loaded(deps);
    store.getState().setField('baseUrl', 'localhost:11434');
    await store.getState().testConnection();
    expect(store.getState().errors).toEqual({ baseUrl: 'invalid_url' });
    expect(deps.background).not.toHaveBeenCalled();
  });
});

describe('notes history', () => {
  const note = {
    summary: 'S',
    classification: 'accurate' as const,
    note: '',
    claims: [],
    detail: '',
    injection_detected: false,
  };
  const meta = (createdAt: number) => ({
    provider: 'p',
    model: 'm',
    promptVersion: 'p2',
    evidence: [],
    usage: { promptTokens: 1, completionTokens: 1, estimated: false },
    mode: 'json_schema' as const,
    repaired: false,
    createdAt,
    fromCache: false,
  });
  const item = (createdAt: number) => ({
    post: {
      key: `x:${createdAt}`,
      url: `https://x.com/a/status/${createdAt}`,
      authorName: 'A',
      handle: 'a',
      text: 't',
    },
    note,
    meta: meta(createdAt),
  });
  const labels = {
    title: 'T',
    exportedAt: 'E',
    post: 'P',
    author: 'A',
    date: 'D',
    classification: 'C',
    summary: 'S',
    note: 'N',
    claims: 'Cl',
    verdict: 'V',
    confidence: 'Co',
    quote: 'Q',
    explanation: 'Ex',
    model: 'M',
    classificationName: (c: string) => c,
    verdictName: (v: string) => v,
    formatDate: (t: number) => String(t),
  };

  /** A background that keeps notes until told to clear them. */
  function historyDeps(notes = [item(1), item(3), item(2)]) {
    let kept = notes;
    return fakeDeps({
      background: async (message) => {
        if (message.type === 'notes:history') return { notes: kept };
        if (message.type === 'notes:clear') {
          kept = [];
          return { ok: true };
        }
        return undefined;
      },
    });
  }

  it('lists the notes most recent first', async () => {
    const store = createOptionsStore(historyDeps());
    expect(store.getState().history).toEqual({ kind: 'loading' });
    await store.getState().loadHistory();
    const { history } = store.getState();
    expect(history.kind === 'ready' && history.notes.map((n) => n.meta.createdAt)).toEqual([3, 2, 1]);
  });

  it('shows a failure instead of hanging', async () => {
    const store = createOptionsStore(fakeDeps({ background: () => new Promise(() => {}) }), {
      historyTimeoutMs: 20,
    });
    await store.getState().loadHistory();
    expect(store.getState().history).toEqual({ kind: 'failed', detail: null });

    const refused = createOptionsStore(
      fakeDeps({ background: () => Promise.reject(new Error('Receiving end does not exist.')) }),
    );
    await refused.getState().loadHistory();
    expect(refused.getState().history).toEqual({ kind: 'failed', detail: 'Receiving end does not exist.' });

    // The background's own words for a refusal; nothing to say for an answer that is not a history.
    const error = {
      code: 'invalid_request',
      message: 'Not from here.',
      action: null,
      status: null,
      retryAfterMs: null,
    };
    const notHere = createOptionsStore(fakeDeps({ background: async () => ({ ok: false, error }) }));
    await notHere.getState().loadHistory();
    expect(notHere.getState().history).toEqual({ kind: 'failed', detail: 'Not from here.' });
    const garbage = createOptionsStore(fakeDeps({ background: async () => ({ notes: [{ post: {} }] }) }));
    await garbage.getState().loadHistory();
    expect(garbage.getState().history).toEqual({ kind: 'failed', detail: null });
  });

  it('exports what is listed, as JSON or Markdown', async () => {
    const deps = historyDeps();
    const store = createOptionsStore(deps, { now: () => Date.UTC(2026, 0, 2, 12) });
    await store.getState().loadHistory();
    store.getState().exportHistory('json', labels);
    const json = vi.mocked(deps.download).mock.calls[0]![0];
    expect(json.fileName).toBe('footnote-notes-2026-01-02.json');
    expect(JSON.parse(json.text).notes.map((n: { meta: { createdAt: number } }) => n.meta.createdAt)).toEqual(
      [3, 2, 1],
    );
    expect(store.getState().historyNotice).toEqual({ kind: 'exported', fileName: json.fileName });

    store.getState().exportHistory('markdown', labels);
    const md = vi.mocked(deps.download).mock.calls[1]![0];
    expect(md).toMatchObject({
      fileName: 'footnote-notes-2026-01-02.md',
      mimeType: 'text/markdown;charset=utf-8',
    });
    expect(md.text.match(/^## /gm)).toHaveLength(3);
  });

  it('clears only after confirmation, then lists what is left and gives focus back', async () => {
    const deps = historyDeps();
    const store = createOptionsStore(deps);
    await store.getState().loadHistory();

    store.getState().askClear();
    expect(store.getState().clearStep).toBe('confirming');
    expect(store.getState().historyFocus?.target).toBe('cancel');
    store.getState().cancelClear();
    expect(store.getState().clearStep).toBe('idle');
    expect(store.getState().historyFocus?.target).toBe('clear');
    expect(deps.background).not.toHaveBeenCalledWith({ type: 'notes:clear' });

    await store.getState().confirmClear(); // not confirming: nothing happens
    expect(deps.background).not.toHaveBeenCalledWith({ type: 'notes:clear' });

    store.getState().askClear();
    await store.getState().confirmClear();
    expect(deps.background).toHaveBeenCalledWith({ type: 'notes:clear' });
    expect(store.getState()).toMatchObject({
      clearStep: 'idle',
      historyNotice: { kind: 'cleared' },
      history: { kind: 'ready', notes: [] },
      historyFocus: { target: 'clear' },
    });
  });

  it('reports a refused clear with the background’s words', async () => {
    const error = {
      code: 'invalid_request',
      message: 'Not from here.',
      action: null,
      status: null,
      retryAfterMs: null,
    };
    const store = createOptionsStore(fakeDeps({ background: async () => ({ ok: false, error }) }));
    store.getState().askClear();
    await store.getState().confirmClear();
    expect(store.getState().historyNotice).toEqual({ kind: 'clear_failed', detail: 'Not from here.' });
  });
});

describe('onboarding', () => {
  it('is the page while no provider is saved, and the full settings afterwards', async () => {
    const first = await loaded(fakeDeps());
    expect(first.getState().mode).toBe('onboarding');
    const later = await loaded(
      fakeDeps({
        loadSettings: async () => ({
          settings: stored,
          apiKey: 'k',
          answerLanguage: 'auto',
          dailyTokenBudget: 0,
        }),
      }),
    );
    expect(later.getState().mode).toBe('settings');
  });

  it('preselects Chrome’s on-device model where the browser has it or can download it', async () => {
    for (const availability of ['available', 'downloadable', 'downloading'] as const) {
      const store = await loaded(fakeDeps({ onDeviceAvailability: async () => availability }));
      expect(store.getState().form.preset).toBe('chrome-ai');
      expect(store.getState().onDevice).toBe(availability);
    }
    const none = await loaded(fakeDeps({ onDeviceAvailability: async () => 'unavailable' }));
    expect(none.getState().form.preset).toBe('openai');
    // Never for someone who already chose a provider.
    const configured = await loaded(
      fakeDeps({
        onDeviceAvailability: async () => 'available',
        loadSettings: async () => ({
          settings: stored,
          apiKey: 'k',
          answerLanguage: 'auto',
          dailyTokenBudget: 0,
        }),
      }),
    );
    expect(configured.getState().form.preset).toBe('openai');
  });

  it('does not wait forever for the on-device probe', async () => {
    const store = createOptionsStore(
      fakeDeps({
        onDeviceAvailability: () => new Promise(() => {}),
        onDeviceLanguages: () => new Promise(() => {}),
      }),
      { onDeviceProbeMs: 20 },
    );
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      phase: 'ready',
      onDevice: 'unavailable',
      onDeviceLanguages: null,
      form: { preset: 'openai' },
    });
  });

  it('learns which answer languages the on-device model writes, even when settings fail to load', async () => {
    const languages = { auto: 'pt-BR', writable: { en: true, 'pt-BR': false, es: true } };
    const store = await loaded(fakeDeps({ onDeviceLanguages: async () => languages }));
    expect(store.getState().onDeviceLanguages).toEqual(languages);
    const failing = await loaded(
      fakeDeps({
        onDeviceLanguages: async () => languages,
        loadSettings: async () => Promise.reject(new Error('storage')),
      }),
    );
    expect(failing.getState()).toMatchObject({ loadError: 'storage', onDeviceLanguages: languages });
  });

  it('saves the on-device model without asking for any host', async () => {
    const deps = fakeDeps({ onDeviceAvailability: async () => 'available' });
    const store = await loaded(deps);
    await store.getState().save();
    expect(deps.requestOriginPermission).not.toHaveBeenCalled();
    expect(deps.saveSettings).toHaveBeenCalledWith(
      { preset: 'chrome-ai', baseUrl: 'chrome-ai://on-device', model: 'gemini-nano' },
      'auto',
      '',
      0,
    );
  });

  it('Done saves only the provider, then shows "ready"; Show all settings leaves the guide', async () => {
    const deps = fakeDeps({
      loadEvidence: async () => ({
        settings: { ...DEFAULT_EVIDENCE_SETTINGS, factCheck: true },
        factCheckKey: '',
        searchKey: '',
      }),
    });
    const store = await loaded(deps);
    store.getState().setField('apiKey', 'sk-1');
    await store.getState().save(); // the fact-check key is missing, but the guide does not show it
    expect(deps.saveSettings).toHaveBeenCalled();
    expect(deps.saveEvidence).not.toHaveBeenCalled();
    expect(store.getState().onboardingStep).toBe('done');
    expect(store.getState().jump?.target).toBe('onboarding-done');
    store.getState().showSettings();
    expect(store.getState()).toMatchObject({ mode: 'settings', jump: { target: 'page-heading' } });
  });

  it('fills an empty Model field with the first model the endpoint lists', async () => {
    const store = await loaded(fakeDeps({ hasOriginPermission: async () => true }));
    store.getState().choosePreset('lmstudio');
    store.getState().setField('model', '');
    await store.getState().testConnection();
    expect(store.getState().form.model).toBe('m1');
    // A model the user typed is kept.
    store.getState().setField('model', 'mine');
    await store.getState().testConnection();
    expect(store.getState().form.model).toBe('mine');
  });

  it('jumps to a section or field on request (the popup’s links)', () => {
    const store = createOptionsStore(fakeDeps());
    store.getState().jumpTo('api-key');
    const first = store.getState().jump;
    store.getState().jumpTo('api-key');
    expect(store.getState().jump).toEqual({ target: 'api-key', token: first!.token + 1 });
  });
});

describe('evidence sources', () => {
  const configured = (overrides: Partial<OptionsDeps> = {}) =>
    fakeDeps({
      loadSettings: async () => ({
        settings: stored,
        apiKey: 'k',
        answerLanguage: 'auto',
        dailyTokenBudget: 0,
      }),
      ...overrides,
    });

  it('shows Linked pages on only while the all-sites permission is granted', async () => {
    const without = await loaded(configured());
    expect(without.getState().evidence.links).toBe(false);
    const withAll = await loaded(
      configured({ hasOriginPermission: async (patterns) => patterns.includes('https://*/*') }),
    );
    expect(withAll.getState()).toMatchObject({ allSites: true, evidence: { links: true, wikipedia: true } });
  });

  it('asks for all sites within the switch’s click, and stays off when refused', async () => {
    const deps = configured({ requestOriginPermission: vi.fn(async () => false) });
    const store = await loaded(deps);
    const done = store.getState().setLinks(true);
    expect(deps.requestOriginPermission).toHaveBeenCalledWith(['https://*/*', 'http://*/*']);
    expect(store.getState().linksNotice).toEqual({ kind: 'asking' });
    await done;
    expect(store.getState()).toMatchObject({ evidence: { links: false }, linksNotice: { kind: 'denied' } });

    const granting = await loaded(configured());
    await granting.getState().setLinks(true);
    expect(granting.getState()).toMatchObject({
      allSites: true,
      evidence: { links: true },
      linksNotice: { kind: 'none' },
    });
    // Off asks nothing.
    await granting.getState().setLinks(false);
    expect(granting.getState().evidence.links).toBe(false);

    const failing = await loaded(
      configured({ requestOriginPermission: () => Promise.reject(new Error('no gesture')) }),
    );
    await failing.getState().setLinks(true);
    expect(failing.getState().linksNotice).toEqual({ kind: 'failed', detail: 'no gesture' });
  });

  it('requires the keys and address of the sources that are on, and focuses the first missing', async () => {
    const deps = configured();
    const store = await loaded(deps);
    store.getState().setEvidence('factCheck', true);
    store.getState().setEvidence('webSearch', 'searxng');
    store.getState().setEvidence('searxngUrl', 'not a url');
    await store.getState().save();
    expect(store.getState().errors).toEqual({ factCheckKey: 'required', searxngUrl: 'invalid_url' });
    expect(store.getState().focus?.field).toBe('factCheckKey');
    expect(deps.saveSettings).not.toHaveBeenCalled();
  });

  it('saves them with the provider, asking in one prompt for every host they need', async () => {
    const deps = configured({
      hasOriginPermission: async (patterns) => patterns.includes('https://api.openai.com/*'),
    });
    const store = await loaded(deps);
    store.getState().setEvidence('factCheck', true);
    store.getState().setEvidence('factCheckKey', ' fc-key ');
    store.getState().setEvidence('webSearch', 'brave');
    store.getState().setEvidence('searchKey', 'brave-key');
    store.getState().setEvidence('wikipedia', false);
    await Promise.resolve();
    await store.getState().save();
    expect(deps.requestOriginPermission).toHaveBeenCalledTimes(1);
    // Fact Check Tools answers cross-origin requests: only the search API needs a host.
    expect(deps.requestOriginPermission).toHaveBeenCalledWith(['https://api.search.brave.com/*']);
    expect(deps.saveEvidence).toHaveBeenCalledWith(
      {
        links: false,
        wikipedia: false,
        factCheck: true,
        webSearch: 'brave',
        searxngUrl: '',
        selfCheck: true,
        sendImages: true,
        sourceRatings: false,
        ratingListUrl: '',
      },
      'fc-key',
      'brave-key',
    );
    expect(store.getState().evidence.factCheckKey).toBe('fc-key');
    expect(store.getState().notice).toEqual({ kind: 'saved' });
  });

  it('asks for a SearXNG instance’s host, and nothing more once all sites are granted', async () => {
    const deps = configured();
    const store = await loaded(deps);
    store.getState().setEvidence('webSearch', 'searxng');
    store.getState().setEvidence('searxngUrl', 'https://searx.example.org/');
    await store.getState().save();
    expect(deps.requestOriginPermission).toHaveBeenCalledWith([
      'https://api.openai.com/*',
      'https://searx.example.org/*',
    ]);
    expect(deps.saveEvidence).toHaveBeenCalledWith(
      expect.objectContaining({ searxngUrl: 'https://searx.example.org' }),
      '',
      '',
    );

    const all = configured({ hasOriginPermission: async (patterns) => patterns.includes('https://*/*') });
    const covered = await loaded(all);
    covered.getState().setEvidence('webSearch', 'searxng');
    covered.getState().setEvidence('searxngUrl', 'https://searx.example.org');
    await covered.getState().save();
    expect(all.requestOriginPermission).not.toHaveBeenCalled();
  });

  it('writes nothing when the hosts are refused', async () => {
    const deps = configured({ requestOriginPermission: async () => false });
    const store = await loaded(deps);
    store.getState().setEvidence('webSearch', 'tavily');
    store.getState().setEvidence('searchKey', 'k');
    await store.getState().save();
    expect(store.getState().notice).toEqual({
      kind: 'permission_denied',
      patterns: ['https://api.openai.com/*', 'https://api.tavily.com/*'],
    });
    expect(deps.saveSettings).not.toHaveBeenCalled();
    expect(deps.saveEvidence).not.toHaveBeenCalled();
  });
});

describe('onboarding: Custom', () => {
  it('starts with empty address and model in the guide, but keeps them in the full settings', async () => {
    const store = await loaded(fakeDeps());
    store.getState().choosePreset('custom');
    expect(store.getState().form).toMatchObject({ preset: 'custom', baseUrl: '', model: '' });
    store.getState().showSettings();
    store.getState().choosePreset('openai');
    store.getState().choosePreset('custom');
    expect(store.getState().form).toMatchObject({
      preset: 'custom',
      baseUrl: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
    });
  });
});
