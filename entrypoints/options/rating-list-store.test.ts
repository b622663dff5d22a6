import { describe, expect, it, vi } from 'vitest';
import { noteError } from '../../utils/core/note-error';
import { backgroundClient } from '../../utils/messaging/extension-client';
import type { RequestIn } from '../../utils/messaging/protocol';
import type { ExtensionPageRequests } from '../../utils/messaging/extension-page-protocol';
import type { RatingListStatus } from '../../utils/settings/rating-list-items';
import { createRatingListStore, type RatingListDeps } from './rating-list-store';

type RawBackground = (request: RequestIn<ExtensionPageRequests>) => Promise<unknown>;

const STATUS: RatingListStatus = {
  url: 'https://lists.example.net/r.json',
  updatedAt: 1_750_000_000_000,
  entries: 2,
  skipped: 0,
  error: null,
};

function setup(overrides: Partial<RatingListDeps> & { background?: RawBackground } = {}) {
  const background = vi.fn<RawBackground>(overrides.background ?? (async () => ({ ok: true })));
  let notify: (status: RatingListStatus | null) => void = () => {};
  const deps = {
    readStatus: vi.fn<RatingListDeps['readStatus']>(async () => null),
    watchStatus: vi.fn<RatingListDeps['watchStatus']>((onChange) => {
      notify = onChange;
      return () => {};
    }),
    requestOriginPermission: vi.fn<RatingListDeps['requestOriginPermission']>(async () => true),
    sendToBackground: backgroundClient(background),
    ...overrides,
  };
  const onEnabledChange = vi.fn<(on: boolean) => void>();
  const store = createRatingListStore(deps, onEnabledChange, { updateTimeoutMs: 1_000 });
  return { store, deps, background, onEnabledChange, notify: (s: RatingListStatus | null) => notify(s) };
}

describe('the Source ratings switch', () => {
  it('asks for CRED-1’s host in the click itself, and switches on once granted', async () => {
    const { store, deps, onEnabledChange } = setup();
    const done = store.getState().setEnabled(true, '');
    // Called before any await: the click's user activation is still there.
    expect(deps.requestOriginPermission).toHaveBeenCalledWith(['https://raw.githubusercontent.com/*']);
    expect(store.getState().permission).toEqual({ kind: 'asking' });
    await done;
    expect(onEnabledChange).toHaveBeenCalledWith(true);
    expect(store.getState().permission).toEqual({ kind: 'none' });
  });

  it('asks for a custom list’s own host', async () => {
    const { store, deps } = setup();
    await store.getState().setEnabled(true, ' https://lists.example.net:8443/r.json ');
    expect(deps.requestOriginPermission).toHaveBeenCalledWith(['https://lists.example.net/*']);
  });

  it('stays off when the reader refuses, and says so', async () => {
    const { store, onEnabledChange } = setup({ requestOriginPermission: async () => false });
    await store.getState().setEnabled(true, '');
    expect(onEnabledChange).not.toHaveBeenCalled();
    expect(store.getState().permission).toEqual({ kind: 'denied' });
  });

  it('stays off when the browser cannot ask, with its words', async () => {
    const { store, onEnabledChange } = setup({
      requestOriginPermission: () => {
        throw new Error('Permissions may only be requested from a user gesture.');
      },
    });
    await store.getState().setEnabled(true, '');
    expect(onEnabledChange).not.toHaveBeenCalled();
    expect(store.getState().permission).toEqual({
      kind: 'failed',
      detail: 'Permissions may only be requested from a user gesture.',
    });
  });

  it('switches off without asking anything', async () => {
    const { store, deps, onEnabledChange } = setup();
    await store.getState().setEnabled(false, '');
    expect(deps.requestOriginPermission).not.toHaveBeenCalled();
    expect(onEnabledChange).toHaveBeenCalledWith(false);
  });
});

describe('the list’s status', () => {
  it('is read at load and follows what the background writes', async () => {
    const { store, notify } = setup({ readStatus: async () => STATUS });
    await store.getState().load();
    expect(store.getState().status).toEqual(STATUS);
    store.getState().watch();
    const failed = { ...STATUS, error: { code: 'unreachable' as const, detail: 'HTTP 503', at: 1 } };
    notify(failed);
    expect(store.getState().status).toEqual(failed);
  });

  it('"Update now" asks the background, then shows the status it wrote', async () => {
    let written: RatingListStatus | null = null;
    const { store, background } = setup({
      readStatus: async () => written,
      background: async () => {
        written = STATUS;
        return { ok: true };
      },
    });
    const done = store.getState().update();
    expect(store.getState().updating).toBe(true);
    await done;
    expect(background).toHaveBeenCalledWith({ type: 'ratings:refresh' });
    expect(store.getState()).toMatchObject({ status: STATUS, updating: false, updateFailed: null });
  });

  it('"Update now" says when the background could not be asked, keeping the status it had', async () => {
    const { store } = setup({
      readStatus: async () => STATUS,
      background: async () => ({ ok: false, error: noteError('internal', 'Storage is full.') }),
    });
    await store.getState().load();
    await store.getState().update();
    expect(store.getState()).toMatchObject({
      status: STATUS,
      updating: false,
      updateFailed: 'Storage is full.',
    });
  });
});
