import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { disabledSitesItem, triageSitesItem } from './site-items';
import { DISABLED_SITES_KEY, readSiteList, TRIAGE_SITES_KEY, watchSiteList } from './site-switches';

// Content scripts read the options' site switches without @wxt-dev/storage: what they read must
// be exactly what the storage item writes.
describe('site switches as content scripts read them', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what the options page stored, and nothing from a missing or corrupt value', async () => {
    expect(await readSiteList(DISABLED_SITES_KEY)).toEqual([]);
    await disabledSitesItem.setValue(['x', 'reddit']);
    expect(await readSiteList(DISABLED_SITES_KEY)).toEqual(['x', 'reddit']);
    await fakeBrowser.storage.local.set({ disabledSites: 'x' });
    expect(await readSiteList(DISABLED_SITES_KEY)).toEqual([]);
  });

  it('tells each change until unsubscribed', async () => {
    const onChange = vi.fn();
    const stop = watchSiteList(DISABLED_SITES_KEY, onChange);
    await disabledSitesItem.setValue(['bluesky']);
    await vi.waitFor(() => expect(onChange).toHaveBeenLastCalledWith(['bluesky']));
    stop();
    await disabledSitesItem.setValue([]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('reads the triage switches the same way, apart from the disabled sites', async () => {
    await triageSitesItem.setValue(['x']);
    expect(await readSiteList(TRIAGE_SITES_KEY)).toEqual(['x']);
    expect(await readSiteList(DISABLED_SITES_KEY)).toEqual([]);
  });
});
