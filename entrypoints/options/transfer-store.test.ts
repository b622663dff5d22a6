import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_EVIDENCE_SETTINGS } from '../../utils/settings/evidence-settings';
import type { SettingsSnapshot } from '../../utils/settings/settings-transfer';
import { backgroundClient } from '../../utils/messaging/extension-client';
import type { RequestIn } from '../../utils/messaging/protocol';
import type { ExtensionPageRequests } from '../../utils/messaging/extension-page-protocol';
import { createTransferStore, patternsFor, type TransferDeps } from './transfer-store';

const snapshot: SettingsSnapshot = {
  provider: { preset: 'custom', baseUrl: 'https://llm.example.com/v1', model: 'm' },
  answerLanguage: 'es',
  dailyTokenBudget: 1000,
  disabledSites: ['youtube'],
  triageSites: ['bluesky'],
  enabledOrigins: ['https://social.example.org'],
  evidence: DEFAULT_EVIDENCE_SETTINGS,
  keys: { apiKey: 'sk-secret', factCheckKey: '', searchKey: '' },
};

function fakeDeps(overrides: Partial<TransferDeps> = {}) {
  /** The background as the page's messages reach it: what it answers, before validation. */
  const background = vi.fn(async (_request: RequestIn<ExtensionPageRequests>): Promise<unknown> => ({
    ok: true,
  }));
  return {
    background,
    readSnapshot: vi.fn<TransferDeps['readSnapshot']>(async () => snapshot),
    applySettings: vi.fn<TransferDeps['applySettings']>(async () => {}),
    hasOriginPermission: vi.fn<TransferDeps['hasOriginPermission']>(async () => true),
    requestOriginPermission: vi.fn<TransferDeps['requestOriginPermission']>(async () => true),
    sendToBackground: backgroundClient(background),
    download: vi.fn<TransferDeps['download']>(),
    readFile: vi.fn<TransferDeps['readFile']>(async () => ''),
    ...overrides,
  };
}

const NOW = new Date(2026, 2, 4, 10).getTime();
const fileWith = (text: string) => new File([text], 'settings.json', { type: 'application/json' });
const exported = (deps: ReturnType<typeof fakeDeps>) => vi.mocked(deps.download).mock.calls.at(-1)![0].text;

describe('settings export', () => {
  it('downloads every setting without keys, unless asked', async () => {
    const deps = fakeDeps();
    const store = createTransferStore(deps, { onImported: () => {}, now: () => NOW });
    await store.getState().exportSettings();
    const file = vi.mocked(deps.download).mock.calls[0]![0];
    expect(file.fileName).toBe('footnote-settings-2026-03-04.json');
    expect(JSON.parse(file.text)).toMatchObject({
      format: 'footnote-settings',
      answerLanguage: 'es',
      sites: { disabled: ['youtube'], triage: ['bluesky'] },
    });
    expect(file.text).not.toContain('sk-secret');
    expect(store.getState().notice).toEqual({ kind: 'exported', fileName: file.fileName });

    store.getState().setIncludeKeys(true);
    await store.getState().exportSettings();
    expect(JSON.parse(exported(deps)).keys).toEqual({ apiKey: 'sk-secret' });
  });

  it('says when reading the settings fails', async () => {
    const store = createTransferStore(fakeDeps({ readSnapshot: () => Promise.reject(new Error('broken')) }), {
      onImported: () => {},
    });
    await store.getState().exportSettings();
    expect(store.getState().notice).toEqual({ kind: 'export_failed', detail: 'broken' });
  });
});

describe('settings import', () => {
  async function exportedText(includeKeys = false) {
    const deps = fakeDeps();
    const store = createTransferStore(deps, { onImported: () => {}, now: () => NOW });
    store.getState().setIncludeKeys(includeKeys);
    await store.getState().exportSettings();
    return exported(deps);
  }

  it('applies a valid file, enables its sites and reloads the page’s state', async () => {
    const text = await exportedText(true);
    const onImported = vi.fn();
    const deps = fakeDeps({ readFile: async () => text });
    const store = createTransferStore(deps, { onImported });
    await store.getState().importFile(fileWith(text));
    expect(deps.applySettings).toHaveBeenCalledWith(
      expect.objectContaining({ answerLanguage: 'es', keys: { apiKey: 'sk-secret' } }),
    );
    expect(deps.background).toHaveBeenCalledWith({
      type: 'sites:enable',
      origin: 'https://social.example.org',
    });
    expect(store.getState().notice).toEqual({
      kind: 'imported',
      parts: ['provider', 'answerLanguage', 'dailyTokenBudget', 'sites', 'evidence', 'keys'],
      pending: [],
      pendingOrigins: [],
      permission: 'idle',
    });
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('changes nothing for an invalid file, and says what is wrong', async () => {
    const bad = JSON.stringify({
      format: 'footnote-settings',
      version: 1,
      answerLanguage: 'klingon',
      dailyTokenBudget: 5,
    });
    const onImported = vi.fn();
    const deps = fakeDeps({ readFile: async () => bad });
    const store = createTransferStore(deps, { onImported });
    await store.getState().importFile(fileWith(bad));
    expect(store.getState().notice).toEqual({
      kind: 'rejected',
      outcome: { kind: 'invalid', fields: ['answerLanguage'] },
    });
    expect(deps.applySettings).not.toHaveBeenCalled();
    expect(deps.background).not.toHaveBeenCalled();
    expect(onImported).not.toHaveBeenCalled();

    const notJson = fakeDeps({ readFile: async () => 'hello' });
    const store2 = createTransferStore(notJson, { onImported });
    await store2.getState().importFile(fileWith('hello'));
    expect(store2.getState().notice).toEqual({ kind: 'rejected', outcome: { kind: 'not_json' } });
  });

  it('reports a file that cannot be read or written', async () => {
    const unreadable = createTransferStore(fakeDeps({ readFile: () => Promise.reject(new Error('gone')) }), {
      onImported: () => {},
    });
    await unreadable.getState().importFile(fileWith(''));
    expect(unreadable.getState().notice).toEqual({ kind: 'import_failed', detail: 'gone' });

    const text = await exportedText();
    const unwritable = createTransferStore(
      fakeDeps({ readFile: async () => text, applySettings: () => Promise.reject(new Error('quota')) }),
      { onImported: () => {} },
    );
    await unwritable.getState().importFile(fileWith(text));
    expect(unwritable.getState().notice).toEqual({ kind: 'import_failed', detail: 'quota' });
  });

  it('lists the hosts still needing permission, and asks for all of them in one click', async () => {
    const text = await exportedText();
    const onImported = vi.fn();
    const deps = fakeDeps({ readFile: async () => text, hasOriginPermission: async () => false });
    const store = createTransferStore(deps, { onImported });
    await store.getState().importFile(fileWith(text));
    expect(deps.background).not.toHaveBeenCalled(); // the site waits for its permission
    expect(store.getState().notice).toMatchObject({
      kind: 'imported',
      pending: ['https://llm.example.com/*', 'https://*/*', 'http://*/*', 'https://social.example.org/*'],
      pendingOrigins: ['https://social.example.org'],
    });

    const done = store.getState().allowPending();
    expect(deps.requestOriginPermission).toHaveBeenCalledTimes(1); // synchronously, in the click
    await done;
    expect(deps.background).toHaveBeenCalledWith({
      type: 'sites:enable',
      origin: 'https://social.example.org',
    });
    expect(store.getState().notice).toMatchObject({ pending: [], permission: 'granted' });
    expect(onImported).toHaveBeenCalledTimes(2);
  });

  it('keeps the list when the permission is refused', async () => {
    const text = await exportedText();
    const deps = fakeDeps({
      readFile: async () => text,
      hasOriginPermission: async () => false,
      requestOriginPermission: async () => false,
    });
    const store = createTransferStore(deps, { onImported: () => {} });
    await store.getState().importFile(fileWith(text));
    await store.getState().allowPending();
    expect(store.getState().notice).toMatchObject({
      permission: 'denied',
      pendingOrigins: ['https://social.example.org'],
    });
    expect(deps.background).not.toHaveBeenCalled();
  });

  it('needs no host for the on-device model', () => {
    expect(
      patternsFor({
        format: 'footnote-settings',
        version: 1,
        provider: { preset: 'chrome-ai', baseUrl: 'chrome-ai://on-device', model: 'gemini-nano' },
      }),
    ).toEqual([]);
  });
});
