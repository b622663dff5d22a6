import { describe, expect, it, vi } from 'vitest';
import type { ProviderSettings } from '../../utils/settings/provider-settings';
import { createOptionsStore, type OptionsDeps } from './options-store';

function fakeDeps(overrides: Partial<OptionsDeps> = {}) {
  const deps = {
    loadSettings: vi.fn<OptionsDeps['loadSettings']>(async () => ({
      settings: null,
      apiKey: '',
      answerLanguage: 'auto' as const,
      dailyTokenBudget: 0,
    })),
    saveSettings: vi.fn<OptionsDeps['saveSettings']>(async () => {}),
    hasOriginPermission: vi.fn<OptionsDeps['hasOriginPermission']>(async () => false),
    requestOriginPermission: vi.fn<OptionsDeps['requestOriginPermission']>(async () => true),
    sendToBackground: vi.fn<OptionsDeps['sendToBackground']>(async () => ({
      ok: true,
      models: ['m2', 'm1'],
    })),
    download: vi.fn<OptionsDeps['download']>(),
    ...overrides,
  };
  return deps;
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
      loadSettings: async () => ({ settings: stored, apiKey: 'sk-1', answerLanguage: 'es', dailyTokenBudget: 9000 }),
    });
    const store = await loaded(deps);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().form).toEqual({ ...stored, apiKey: 'sk-1', answerLanguage: 'es', dailyTokenBudget: '9000' });
    expect(deps.hasOriginPermission).toHaveBeenCalledWith('https://api.openai.com/*');
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
    expect(deps.requestOriginPermission).toHaveBeenCalledWith('https://api.openai.com/*');
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
      pattern: 'https://api.openai.com/*',
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
    expect(deps.sendToBackground).toHaveBeenCalledWith({
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
    const store = await loaded(fakeDeps({ sendToBackground: async () => ({ ok: false, error }) }));
    await store.getState().testConnection();
    expect(store.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'failed', error } });
  });

  it('never hangs: no answer, a rejection, or silence become errors', async () => {
    const silent = await loaded(fakeDeps({ sendToBackground: async () => undefined }));
    await silent.getState().testConnection();
    expect(silent.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'no_answer' } });

    const rejected = await loaded(
      fakeDeps({ sendToBackground: () => Promise.reject(new Error('Receiving end does not exist.')) }),
    );
    await rejected.getState().testConnection();
    expect(rejected.getState().notice).toEqual({
      kind: 'unreachable',
      detail: 'Receiving end does not exist.',
    });

    const hanging = await loaded(fakeDeps({ sendToBackground: () => new Promise(() => {}) }));
    await hanging.getState().testConnection();
    expect(hanging.getState().notice).toEqual({ kind: 'test', outcome: { kind: 'no_answer' } });
    expect(hanging.getState().busy).toBeNull();
  });

  it('asks for a known-missing origin before testing, and tests anyway if refused', async () => {
    const deps = fakeDeps({ requestOriginPermission: vi.fn(async () => false) });
    const store = await loaded(deps);
    await store.getState().testConnection();
    expect(deps.requestOriginPermission).toHaveBeenCalledWith('https://api.openai.com/*');
    expect(deps.sendToBackground).toHaveBeenCalled();
  });

  it('validates only the base URL', async () => {
    const deps = fakeDeps();
    const store = await loaded(deps);
    store.getState().setField('baseUrl', 'localhost:11434');
    await store.getState().testConnection();
    expect(store.getState().errors).toEqual({ baseUrl: 'invalid_url' });
    expect(deps.sendToBackground).not.toHaveBeenCalled();
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
    post: { key: `x:${createdAt}`, url: `https://x.com/a/status/${createdAt}`, authorName: 'A', handle: 'a', text: 't' },
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
      sendToBackground: vi.fn<OptionsDeps['sendToBackground']>(async (message) => {
        if (message.type === 'notes:history') return { notes: kept };
        if (message.type === 'notes:clear') {
          kept = [];
          return { ok: true };
        }
        return undefined;
      }),
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
    const store = createOptionsStore(fakeDeps({ sendToBackground: () => new Promise(() => {}) }), {
      historyTimeoutMs: 20,
    });
    await store.getState().loadHistory();
    expect(store.getState().history).toEqual({ kind: 'failed', detail: null });

    const refused = createOptionsStore(
      fakeDeps({ sendToBackground: () => Promise.reject(new Error('Receiving end does not exist.')) }),
    );
    await refused.getState().loadHistory();
    expect(refused.getState().history).toEqual({ kind: 'failed', detail: 'Receiving end does not exist.' });
  });

  it('exports what is listed, as JSON or Markdown', async () => {
    const deps = historyDeps();
    const store = createOptionsStore(deps, { now: () => Date.UTC(2026, 0, 2, 12) });
    await store.getState().loadHistory();
    store.getState().exportHistory('json', labels);
    const json = vi.mocked(deps.download).mock.calls[0]![0];
    expect(json.fileName).toBe('footnote-notes-2026-01-02.json');
    expect(JSON.parse(json.text).notes.map((n: { meta: { createdAt: number } }) => n.meta.createdAt)).toEqual([3, 2, 1]);
    expect(store.getState().historyNotice).toEqual({ kind: 'exported', fileName: json.fileName });

    store.getState().exportHistory('markdown', labels);
    const md = vi.mocked(deps.download).mock.calls[1]![0];
    expect(md).toMatchObject({ fileName: 'footnote-notes-2026-01-02.md', mimeType: 'text/markdown;charset=utf-8' });
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
    expect(deps.sendToBackground).not.toHaveBeenCalledWith({ type: 'notes:clear' });

    await store.getState().confirmClear(); // not confirming: nothing happens
    expect(deps.sendToBackground).not.toHaveBeenCalledWith({ type: 'notes:clear' });

    store.getState().askClear();
    await store.getState().confirmClear();
    expect(deps.sendToBackground).toHaveBeenCalledWith({ type: 'notes:clear' });
    expect(store.getState()).toMatchObject({
      clearStep: 'idle',
      historyNotice: { kind: 'cleared' },
      history: { kind: 'ready', notes: [] },
      historyFocus: { target: 'clear' },
    });
  });

  it('reports a refused clear with the background’s words', async () => {
    const error = { code: 'invalid_request', message: 'Not from here.', action: null, status: null, retryAfterMs: null };
    const store = createOptionsStore(fakeDeps({ sendToBackground: async () => ({ ok: false, error }) }));
    store.getState().askClear();
    await store.getState().confirmClear();
    expect(store.getState().historyNotice).toEqual({ kind: 'clear_failed', detail: 'Not from here.' });
  });
});
