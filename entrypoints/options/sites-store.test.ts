import { describe, expect, it, vi } from 'vitest';
import type { SiteId } from '../../utils/core/post';
import { backgroundClient } from '../../utils/messaging/extension-client';
import type { RequestIn } from '../../utils/messaging/protocol';
import type { ExtensionPageRequests } from '../../utils/messaging/extension-page-protocol';
import { BUILT_IN_SITES, createSitesStore, type SitesDeps } from './sites-store';

/** The background as the page's messages reach it: what it answers, before validation. */
type RawBackground = (request: RequestIn<ExtensionPageRequests>) => Promise<unknown>;

function fakeDeps({
  background: answer,
  ...overrides
}: Partial<SitesDeps> & { background?: RawBackground } = {}) {
  let disabled: SiteId[] = ['facebook'];
  let triage: SiteId[] = [];
  let origins = ['https://a.example', 'https://b.example', 'https://c.example'];
  const background = vi.fn<RawBackground>(
    answer ??
      (async (message) => {
        if (message.type === 'sites:disable') origins = origins.filter((o) => o !== message.origin);
        return { ok: true };
      }),
  );
  return {
    background,
    load: vi.fn<SitesDeps['load']>(async () => ({ disabled, triage, enabledOrigins: origins })),
    saveDisabled: vi.fn<SitesDeps['saveDisabled']>(async (next) => {
      disabled = next;
    }),
    saveTriage: vi.fn<SitesDeps['saveTriage']>(async (next) => {
      triage = next;
    }),
    sendToBackground: backgroundClient(background),
    watch: vi.fn<SitesDeps['watch']>(() => () => {}),
    ...overrides,
  };
}

describe('sites store', () => {
  it('lists every built-in site but the generic adapter', () => {
    expect(BUILT_IN_SITES).toEqual([
      'x',
      'bluesky',
      'mastodon',
      'reddit',
      'threads',
      'linkedin',
      'facebook',
      'hackernews',
      'youtube',
    ]);
  });

  it('switches a site off and on, storing the list in a stable order', async () => {
    const deps = fakeDeps();
    const store = createSitesStore(deps);
    await store.getState().load();
    await store.getState().setSiteEnabled('x', false);
    expect(deps.saveDisabled).toHaveBeenLastCalledWith(['x', 'facebook']);
    expect(store.getState().notice).toEqual({ kind: 'saved' });
    await store.getState().setSiteEnabled('facebook', true);
    expect(deps.saveDisabled).toHaveBeenLastCalledWith(['x']);
    expect(store.getState().sites).toMatchObject({ kind: 'ready', disabled: ['x'] });
  });

  it('switches triage on and off per site, saying open pages follow at once', async () => {
    const deps = fakeDeps();
    const store = createSitesStore(deps);
    await store.getState().load();
    await store.getState().setTriageEnabled('mastodon', true);
    await store.getState().setTriageEnabled('x', true);
    expect(deps.saveTriage).toHaveBeenLastCalledWith(['x', 'mastodon']);
    expect(store.getState().notice).toEqual({ kind: 'saved', live: true });
    await store.getState().setTriageEnabled('x', false);
    expect(store.getState().sites).toMatchObject({
      kind: 'ready',
      triage: ['mastodon'],
      disabled: ['facebook'],
    });

    vi.mocked(deps.saveTriage).mockRejectedValueOnce(new Error('quota'));
    await store.getState().setTriageEnabled('reddit', true);
    expect(store.getState().sites).toMatchObject({ triage: ['mastodon'] });
    expect(store.getState().notice).toEqual({ kind: 'failed', detail: 'quota' });
  });

  it('shows what is stored when a write fails', async () => {
    const store = createSitesStore(fakeDeps({ saveDisabled: () => Promise.reject(new Error('quota')) }));
    await store.getState().load();
    await store.getState().setSiteEnabled('x', false);
    expect(store.getState().sites).toMatchObject({ disabled: ['facebook'] });
    expect(store.getState().notice).toEqual({ kind: 'failed', detail: 'quota' });
  });

  it('removes an enabled origin through the background, then focuses the next one', async () => {
    const deps = fakeDeps();
    const store = createSitesStore(deps);
    await store.getState().load();
    await store.getState().removeOrigin('https://b.example');
    expect(deps.background).toHaveBeenCalledWith({
      type: 'sites:disable',
      origin: 'https://b.example',
    });
    expect(store.getState()).toMatchObject({
      sites: { enabledOrigins: ['https://a.example', 'https://c.example'] },
      notice: { kind: 'removed', origin: 'https://b.example' },
      focus: { origin: 'https://c.example' },
      removing: null,
    });
    await store.getState().removeOrigin('https://c.example');
    expect(store.getState().focus?.origin).toBe('https://a.example');
    await store.getState().removeOrigin('https://a.example');
    expect(store.getState().focus?.origin).toBeNull();
  });

  it('keeps the origin and says why when the background refuses or does not answer', async () => {
    const error = {
      code: 'invalid_request',
      message: 'Not from here.',
      action: null,
      status: null,
      retryAfterMs: null,
    };
    const refused = createSitesStore(fakeDeps({ background: async () => ({ ok: false, error }) }));
    await refused.getState().load();
    await refused.getState().removeOrigin('https://a.example');
    expect(refused.getState().notice).toEqual({ kind: 'failed', detail: 'Not from here.' });
    expect(refused.getState().sites).toMatchObject({
      enabledOrigins: ['https://a.example', 'https://b.example', 'https://c.example'],
    });

    const silent = createSitesStore(fakeDeps({ background: () => new Promise(() => {}) }), {
      removeTimeoutMs: 20,
    });
    await silent.getState().load();
    await silent.getState().removeOrigin('https://a.example');
    expect(silent.getState()).toMatchObject({
      removing: null,
      notice: { kind: 'failed', detail: 'no answer' },
    });
  });

  it('reloads when the lists change elsewhere', async () => {
    let changed = () => {};
    const deps = fakeDeps({
      watch: (onChange) => {
        changed = onChange;
        return () => {};
      },
    });
    const store = createSitesStore(deps);
    store.getState().watch();
    changed();
    await vi.waitFor(() => expect(store.getState().sites.kind).toBe('ready'));
  });
});
