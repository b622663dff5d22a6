import { describe, expect, expectTypeOf, it } from 'vitest';
import { noteError } from '../core/note-error';
import { requestClient } from './client';
import { backgroundClient, tabClient } from './extension-client';
import { BadAnswerError, MessageRefusedError, NoAnswerError } from './message-errors';
import { CONTENT_SCRIPT_REQUESTS } from './protocol';
import { type NoteHistory, type ProviderTestResult } from './extension-page-protocol';

const answering = (answer: unknown) => backgroundClient(async () => answer);

describe('the typed client', () => {
  it('returns the answer, validated and typed by its request', async () => {
    const history = await answering({ notes: [] })({ type: 'notes:history' });
    expectTypeOf(history).toEqualTypeOf<NoteHistory>();
    expect(history).toEqual({ notes: [] });

    const test = await answering({ ok: true, models: ['m'] })({
      type: 'provider:test',
      draft: { preset: 'openai', baseUrl: 'https://api.openai.com/v1', model: '', apiKey: 'k' },
    });
    expectTypeOf(test).toEqualTypeOf<ProviderTestResult>();

    const opened = await tabClient(async () => ({ ok: false }))(7, { type: 'posts:open', key: 'x:1' });
    expectTypeOf(opened).toEqualTypeOf<{ ok: boolean }>();
    expect(opened).toEqual({ ok: false });
  });

  it('lets each context send only the requests it may send', async () => {
    const fromContentScript = requestClient(CONTENT_SCRIPT_REQUESTS, async () => ({ opened: false }));
    expect(await fromContentScript({ type: 'popup:open', key: 'x:1' })).toEqual({ opened: false });
    // @ts-expect-error: the background accepts notes:clear from extension pages only.
    await expect(fromContentScript({ type: 'notes:clear' })).rejects.toThrow();
    // @ts-expect-error: a request without its fields is not one.
    await expect(answering({ ok: true })({ type: 'sites:enable' })).resolves.toEqual({ ok: true });
  });

  it("keeps an endpoint's failure a test result: it is the answer, not a refusal", async () => {
    const error = noteError('auth', 'Bad key');
    const send = answering({ ok: false, error });
    const draft = { preset: 'openai' as const, baseUrl: 'https://api.openai.com/v1', model: '', apiKey: 'k' };
    expect(await send({ type: 'provider:test', draft })).toEqual({ ok: false, error });
  });

  it('throws a refusal with the error it carries', async () => {
    const error = noteError('invalid_request', 'Not from here.');
    const refused = answering({ ok: false, error })({ type: 'notes:clear' });
    await expect(refused).rejects.toBeInstanceOf(MessageRefusedError);
    await expect(refused).rejects.toMatchObject({ error, message: 'Not from here.' });
  });

  it('tells silence from an answer the protocol does not allow', async () => {
    await expect(answering(undefined)({ type: 'notes:history' })).rejects.toBeInstanceOf(NoAnswerError);
    await expect(answering(null)({ type: 'notes:history' })).rejects.toBeInstanceOf(NoAnswerError);
    for (const garbage of [
      { ok: true },
      { notes: [{ post: {} }] },
      'notes',
      { ok: false, error: { code: 'nope' } },
    ])
      await expect(answering(garbage)({ type: 'notes:history' })).rejects.toBeInstanceOf(BadAnswerError);
    const fromContentScript = requestClient(CONTENT_SCRIPT_REQUESTS, async () => ({ opened: 'yes' }));
    await expect(fromContentScript({ type: 'popup:open', key: 'x:1' })).rejects.toBeInstanceOf(
      BadAnswerError,
    );
  });

  it("passes the browser's own error on (nothing listens at all)", async () => {
    const send = backgroundClient(() => Promise.reject(new Error('Receiving end does not exist.')));
    await expect(send({ type: 'options:open' })).rejects.toThrow('Receiving end does not exist.');
  });
});
