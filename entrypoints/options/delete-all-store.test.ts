import { describe, expect, it, vi } from 'vitest';
import { noteError } from '../../utils/core/note-error';
import { backgroundClient } from '../../utils/messaging/extension-client';
import type { RequestIn } from '../../utils/messaging/protocol';
import type { ExtensionPageRequests } from '../../utils/messaging/extension-page-protocol';
import { createDeleteAllStore } from './delete-all-store';

type RawBackground = (request: RequestIn<ExtensionPageRequests>) => Promise<unknown>;

function setup(background: RawBackground = async () => ({ ok: true })) {
  const sent = vi.fn<RawBackground>(background);
  // What the page shows while it starts over: the deletion's outcome comes after.
  const seenWhileStartingOver: unknown[] = [];
  const startOver = vi.fn(async () => void seenWhileStartingOver.push(store.getState().notice));
  const store = createDeleteAllStore(
    { sendToBackground: backgroundClient(sent), startOver },
    { timeoutMs: 1_000 },
  );
  return { store, sent, startOver, seenWhileStartingOver };
}

describe('Delete all Footnote data', () => {
  it('asks first, with focus on Cancel; Cancel deletes nothing and gives focus back to the button', () => {
    const { store, sent } = setup();
    store.getState().ask();
    expect(store.getState()).toMatchObject({ step: 'confirming', focus: { target: 'cancel' } });
    store.getState().cancel();
    expect(store.getState()).toMatchObject({ step: 'idle', focus: { target: 'delete' } });
    expect(sent).not.toHaveBeenCalled();
  });

  it('deletes only once confirmed, then starts the page over and says it is done', async () => {
    const { store, sent, startOver, seenWhileStartingOver } = setup();
    await store.getState().confirm(); // not asked yet: nothing happens
    expect(sent).not.toHaveBeenCalled();

    store.getState().ask();
    const done = store.getState().confirm();
    expect(store.getState().step).toBe('deleting');
    await done;
    expect(sent).toHaveBeenCalledExactlyOnceWith({ type: 'data:delete-all' });
    expect(startOver).toHaveBeenCalledOnce();
    expect(seenWhileStartingOver).toEqual([{ kind: 'none' }]);
    expect(store.getState()).toMatchObject({ step: 'idle', notice: { kind: 'deleted' } });
  });

  it('a second click while deleting sends nothing more', async () => {
    const { store, sent } = setup();
    store.getState().ask();
    const first = store.getState().confirm();
    await store.getState().confirm();
    await first;
    expect(sent).toHaveBeenCalledOnce();
  });

  it('says what the background could not delete, and still shows what is left', async () => {
    const refusal = noteError('internal', 'Footnote could not delete the site access you granted: denied.');
    const { store, startOver } = setup(async () => ({ ok: false, error: refusal }));
    store.getState().ask();
    await store.getState().confirm();
    expect(startOver).toHaveBeenCalledOnce();
    expect(store.getState()).toMatchObject({
      step: 'idle',
      notice: { kind: 'failed', detail: refusal.message },
    });
  });

  it('a new question clears the last outcome', async () => {
    const { store } = setup();
    store.getState().ask();
    await store.getState().confirm();
    store.getState().ask();
    expect(store.getState().notice).toEqual({ kind: 'none' });
  });
});
