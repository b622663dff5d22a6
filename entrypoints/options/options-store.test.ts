import { describe, expect, it, vi } from 'vitest';
import type { ProviderSettings } from '../../utils/settings/provider-settings';
import { createOptionsStore, type OptionsDeps } from './options-store';

function fakeDeps(overrides: Partial<OptionsDeps> = {}) {
  const deps = {
    loadSettings: vi.fn<OptionsDeps['loadSettings']>(async () => ({
      settings: null,
      apiKey: '',
      answerLanguage: 'auto' as const,
    })),
    saveSettings: vi.fn<OptionsDeps['saveSettings']>(async () => {}),
    hasOriginPermission: vi.fn<OptionsDeps['hasOriginPermission']>(async () => false),
    requestOriginPermission: vi.fn<OptionsDeps['requestOriginPermission']>(async () => true),
    sendToBackground: vi.fn<OptionsDeps['sendToBackground']>(async () => ({
      ok: true,
      models: ['m2', 'm1'],
    })),
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
      loadSettings: async () => ({ settings: stored, apiKey: 'sk-1', answerLanguage: 'es' }),
    });
    const store = await loaded(deps);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().form).toEqual({ ...stored, apiKey: 'sk-1', answerLanguage: 'es' });
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
    expect(deps.saveSettings).toHaveBeenCalledWith(stored, 'pt-BR', 'sk-new');
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
    );
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
