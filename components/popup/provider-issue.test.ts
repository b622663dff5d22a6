import { describe, expect, it } from 'vitest';
import { noteError, type NoteErrorCode } from '../../utils/core/note-error';
import { samplePostListItem as post } from '../../entrypoints/popup/sample-post-list-item';
import { isLocalEndpoint, providerIssue } from './provider-issue';
import type { ProviderState } from './types';

const remote: ProviderState = {
  kind: 'configured',
  preset: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  model: 'm',
};
const ollama: ProviderState = {
  kind: 'configured',
  preset: 'ollama',
  baseUrl: 'http://localhost:11434/v1',
  model: 'm',
};
const NO_TRIAGE = { posts: 0, tokens: 0 };
const failed = (code: NoteErrorCode, message = 'detail', key = 'x:1') =>
  post({ key, status: 'error', error: noteError(code, message) });

describe('providerIssue', () => {
  it('is "none" when a provider is saved and nothing failed', () => {
    expect(
      providerIssue({
        provider: remote,
        posts: [post()],
        usage: { tokens: 10, notes: 1, budget: 0, triage: NO_TRIAGE, imageTokens: 0 },
      }),
    ).toEqual({
      kind: 'none',
    });
    expect(providerIssue({ provider: { kind: 'unknown' }, posts: [], usage: null })).toEqual({
      kind: 'none',
    });
  });

  it('sends a missing provider to the setup guide', () => {
    expect(providerIssue({ provider: { kind: 'missing' }, posts: [failed('auth')], usage: null })).toEqual({
      kind: 'no_provider',
      fix: 'onboarding',
    });
    expect(providerIssue({ provider: remote, posts: [failed('no_provider')], usage: null }).kind).toBe(
      'no_provider',
    );
  });

  it('sends 401 and a remote 403 to the key field', () => {
    for (const code of ['auth', 'forbidden'] as const) {
      const issue = providerIssue({ provider: remote, posts: [failed(code)], usage: null });
      expect(issue).toMatchObject({ kind: 'key', fix: 'api_key' });
    }
  });

  it('sends a local server’s 403 (Ollama without OLLAMA_ORIGINS) and an unreachable local server to setup help', () => {
    expect(providerIssue({ provider: ollama, posts: [failed('forbidden')], usage: null })).toMatchObject({
      kind: 'local_server',
      fix: 'setup_help',
    });
    expect(providerIssue({ provider: ollama, posts: [failed('network')], usage: null }).kind).toBe(
      'local_server',
    );
    // The background's message names OLLAMA_ORIGINS even when the provider is not known here.
    const hinted = failed('forbidden', 'refused (403). If this is Ollama, restart it with OLLAMA_ORIGINS=…');
    expect(providerIssue({ provider: { kind: 'unknown' }, posts: [hinted], usage: null }).kind).toBe(
      'local_server',
    );
    // A remote network error has no fix here.
    expect(providerIssue({ provider: remote, posts: [failed('network')], usage: null })).toMatchObject({
      kind: 'other',
      fix: null,
    });
  });

  it('sends a missing model to the model field, and a spent budget to the budget', () => {
    expect(
      providerIssue({ provider: remote, posts: [failed('model_not_found')], usage: null }),
    ).toMatchObject({
      kind: 'model',
      fix: 'model',
    });
    expect(providerIssue({ provider: remote, posts: [failed('budget_exhausted')], usage: null })).toEqual({
      kind: 'budget',
      fix: 'budget',
    });
    // Known from today's usage alone, before any post fails.
    expect(
      providerIssue({
        provider: remote,
        posts: [],
        usage: { tokens: 5000, notes: 3, budget: 5000, triage: NO_TRIAGE, imageTokens: 0 },
      }),
    ).toEqual({
      kind: 'budget',
      fix: 'budget',
    });
  });

  it('sends an answer language the on-device model cannot write to the answer-language field', () => {
    const posts = [failed('language_unsupported', 'cannot write in Brazilian Portuguese')];
    expect(providerIssue({ provider: remote, posts, usage: null })).toEqual({
      kind: 'language',
      fix: 'answer_language',
      error: posts[0]?.error,
    });
    // A missing model comes first: nothing is written until there is one.
    expect(
      providerIssue({
        provider: remote,
        posts: [...posts, failed('model_not_found', 'm', 'x:2')],
        usage: null,
      }).kind,
    ).toBe('model');
  });

  it('shows the most pressing problem first, and ignores one-post problems', () => {
    const posts = [
      failed('rate_limited', 'slow', 'x:1'),
      failed('budget_exhausted', 'b', 'x:2'),
      failed('auth', 'k', 'x:3'),
    ];
    expect(providerIssue({ provider: remote, posts, usage: null }).kind).toBe('key');
    expect(
      providerIssue({ provider: remote, posts: [failed('cancelled'), failed('malformed')], usage: null }),
    ).toEqual({
      kind: 'none',
    });
  });

  it('knows loopback endpoints', () => {
    expect(isLocalEndpoint('http://127.0.0.1:1234/v1')).toBe(true);
    expect(isLocalEndpoint('http://localhost:11434/v1')).toBe(true);
    expect(isLocalEndpoint('https://api.openai.com/v1')).toBe(false);
    expect(isLocalEndpoint('nope')).toBe(false);
  });
});
