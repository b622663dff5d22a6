import { beforeEach, describe, expect, it, vi } from 'vitest';
import { noteError } from '../core/note-error';
import {
  CONTENT_SCRIPT_SENDER,
  fakeRuntime,
  PAGE_SENDER,
  POPUP_SENDER,
  type FakeSender,
} from '../../test-support/fake-runtime';
import { MessageRefusedError } from './message-errors';
import type { BackgroundHandlers } from './background-router';

vi.mock('wxt/browser', async () => ({
  browser: (await import('../../test-support/fake-runtime')).fakeRuntime.browser,
}));
const { routeBackgroundMessages } = await import('./background-router');

function handlers() {
  return {
    extensionPage: {
      'provider:test': vi.fn(async () => ({ ok: true as const, models: ['m'] })),
      'notes:history': vi.fn(async () => ({ notes: [] })),
      'notes:clear': vi.fn(async () => ({ ok: true as const })),
      'sites:enable': vi.fn(async () => ({ ok: true as const })),
      'sites:disable': vi.fn(async () => ({ ok: true as const })),
      'options:open': vi.fn(async () => ({ ok: true as const })),
      'ratings:refresh': vi.fn(async () => ({ ok: true as const })),
      'data:delete-all': vi.fn(async () => ({ ok: true as const })),
    },
    contentScript: {
      'card-ui:load': vi.fn(async () => ({ ok: true as const })),
      'options:open': vi.fn(async () => ({ ok: true as const })),
      'popup:open': vi.fn(async () => ({ opened: true })),
      'toolbar:flagged': vi.fn(async () => ({ ok: true as const })),
    },
  } satisfies BackgroundHandlers;
}

const REFUSED = {
  ok: false,
  error: noteError('invalid_request', 'This message is not accepted from this context.'),
};
const send = (message: unknown, sender: FakeSender) => fakeRuntime.send(message, sender);

let h: ReturnType<typeof handlers>;
beforeEach(() => {
  fakeRuntime.reset();
  h = handlers();
  routeBackgroundMessages(h);
});

describe('background router', () => {
  it("hands each request, validated, to its handler and answers with the handler's answer", async () => {
    expect(await send({ type: 'notes:history' }, POPUP_SENDER)).toEqual({ notes: [] });
    expect(await send({ type: 'sites:enable', origin: 'https://a.example' }, POPUP_SENDER)).toEqual({
      ok: true,
    });
    expect(h.extensionPage['sites:enable']).toHaveBeenCalledWith({
      type: 'sites:enable',
      origin: 'https://a.example',
    });
    expect(await send({ type: 'popup:open', key: 'x:1' }, CONTENT_SCRIPT_SENDER)).toEqual({ opened: true });
    // A content script's handler learns which frame asked.
    expect(await send({ type: 'card-ui:load' }, { ...CONTENT_SCRIPT_SENDER, frameId: 3 })).toEqual({
      ok: true,
    });
    expect(h.contentScript['card-ui:load']).toHaveBeenCalledWith(
      { type: 'card-ui:load' },
      { tabId: 7, frameId: 3 },
    );
  });

  it('takes a request that both kinds may send from either, each to its own handler', async () => {
    await send({ type: 'options:open' }, POPUP_SENDER);
    await send({ type: 'options:open' }, CONTENT_SCRIPT_SENDER);
    expect(h.extensionPage['options:open']).toHaveBeenCalledTimes(1);
    expect(h.contentScript['options:open']).toHaveBeenCalledTimes(1);
  });

  it('refuses a request from a context it is not accepted from, without running anything', async () => {
    expect(await send({ type: 'notes:clear' }, CONTENT_SCRIPT_SENDER)).toEqual(REFUSED);
    expect(await send({ type: 'card-ui:load' }, POPUP_SENDER)).toEqual(REFUSED);
    expect(await send({ type: 'notes:clear' }, PAGE_SENDER)).toEqual(REFUSED);
    expect(await send({ type: 'options:open' }, { ...POPUP_SENDER, id: 'another-extension' })).toEqual(
      REFUSED,
    );
    // A page's content script can never wipe the reader's data.
    expect(await send({ type: 'data:delete-all' }, CONTENT_SCRIPT_SENDER)).toEqual(REFUSED);
    expect(h.extensionPage['data:delete-all']).not.toHaveBeenCalled();
    expect(h.extensionPage['notes:clear']).not.toHaveBeenCalled();
    expect(h.contentScript['card-ui:load']).not.toHaveBeenCalled();
    expect(h.extensionPage['options:open']).not.toHaveBeenCalled();
  });

  it('does not answer what is not in the protocol, or malformed', async () => {
    expect(await send({ type: 'notes:nuke' }, POPUP_SENDER)).toBeUndefined();
    expect(await send({ type: 'sites:enable' }, POPUP_SENDER)).toBeUndefined();
    expect(await send('notes:history', POPUP_SENDER)).toBeUndefined();
    expect(await send({ type: 'notes:clear' }, { ...CONTENT_SCRIPT_SENDER, id: undefined })).toEqual(REFUSED);
    expect(h.extensionPage['sites:enable']).not.toHaveBeenCalled();
  });

  it("answers a handler's failure as an error: its own refusal, or what it threw", async () => {
    const refusal = noteError('invalid_request', '"ftp://a" is not an http(s) origin.');
    h.extensionPage['sites:disable'].mockRejectedValueOnce(new MessageRefusedError(refusal));
    expect(await send({ type: 'sites:disable', origin: 'ftp://a' }, POPUP_SENDER)).toEqual({
      ok: false,
      error: refusal,
    });
    h.extensionPage['notes:clear'].mockRejectedValueOnce(new Error('IDB broke'));
    expect(await send({ type: 'notes:clear' }, POPUP_SENDER)).toEqual({
      ok: false,
      error: noteError('internal', 'IDB broke'),
    });
  });
});
