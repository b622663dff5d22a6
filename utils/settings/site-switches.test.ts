import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { disabledSitesItem } from './site-items';
import { readDisabledSites, watchDisabledSites } from './site-switches';

// Content scripts read the options' site switches without @wxt-dev/storage: what they read must
// be exactly what the storage item writes.
describe('site switches as content scripts read them', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what the options page stored, and nothing from a missing or corrupt value', async () => {
    expect(await readDisabledSites()).toEqual([]);
    await disabledSitesItem.setValue(['x', 'reddit']);
    expect(await readDisabledSites()).toEqual(['x', 'reddit']);
    await fakeBrowser.storage.local.set({ disabledSites: 'x' });
    expect(await readDisabledSites()).toEqual([]);
  });

  it('tells each change until unsubscribed', async () => {
    const onChange = vi.fn();
    const stop = watchDisabledSites(onChange);
    await disabledSitesItem.setValue(['bluesky']);
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(['bluesky']));
    stop();
    await disabledSitesItem.setValue([]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
