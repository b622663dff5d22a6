import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { toNoteError } from './provider-errors';

const ctx = {
  baseUrl: 'https://proxy.example/v1',
  model: 'm',
  apiKey: 'sk-live-CANARY-1234',
  timedOutAfterMs: null,
};

describe('toNoteError', () => {
  it('never repeats the key a server echoed back (the message is shown in the page)', () => {
    const err = new APIError(
      401,
      { message: 'Incorrect API key provided: sk-live-CANARY-1234.' },
      undefined,
      new Headers(),
    );
    const error = toNoteError(err, ctx);
    expect(error.code).toBe('auth');
    expect(error.message).not.toContain('CANARY');
    expect(error.message).toContain('Incorrect API key provided: [API key].');
  });

  it("keeps the provider's own words otherwise", () => {
    const err = new APIError(404, { message: 'The model `m` does not exist' }, undefined, new Headers());
    expect(toNoteError(err, ctx).message).toContain('The model `m` does not exist');
  });
});
