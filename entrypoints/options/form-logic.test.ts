import { describe, expect, it } from 'vitest';
import {
  applyPreset,
  dailyTokenBudgetField,
  parseDailyTokenBudget,
  buildDraft,
  defaultFormValues,
  describeError,
  firstInvalidField,
  formFromSettings,
  hasErrors,
  normalizeBaseUrl,
  originPattern,
  testFailureNotice,
  testOutcome,
  uniqueSorted,
  validateForSave,
  validateForTest,
} from './form-logic';
import type { OptionsFormValues } from '../../components/options/types';
import { BadAnswerError, NoAnswerError } from '../../utils/messaging/message-errors';

const base: OptionsFormValues = {
  preset: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  apiKey: 'sk-test',
  model: 'gpt-4o-mini',
  answerLanguage: 'auto',
  dailyTokenBudget: '',
};

describe('defaults and loading', () => {
  it('starts from the first preset', () => {
    expect(defaultFormValues()).toEqual({ ...base, apiKey: '' });
  });

  it('fills the form from stored settings', () => {
    const form = formFromSettings(
      { preset: 'ollama', baseUrl: 'http://localhost:11434/v1', model: 'qwen' },
      '',
      'pt-BR',
    );
    expect(form).toEqual({
      preset: 'ollama',
      baseUrl: 'http://localhost:11434/v1',
      model: 'qwen',
      apiKey: '',
      answerLanguage: 'pt-BR',
      dailyTokenBudget: '',
    });
  });

  it('shows a stored budget, and no budget as an empty field', () => {
    expect(formFromSettings(null, '', 'auto', 50_000).dailyTokenBudget).toBe('50000');
    expect(formFromSettings(null, '', 'auto', 0).dailyTokenBudget).toBe('');
    expect(dailyTokenBudgetField(-3)).toBe('');
  });

  it('keeps key and language when nothing is configured yet', () => {
    expect(formFromSettings(null, 'k', 'es')).toMatchObject({
      preset: 'openai',
      apiKey: 'k',
      answerLanguage: 'es',
    });
  });
});

describe('applyPreset', () => {
  it("fills base URL and model with the preset's values", () => {
    expect(applyPreset(base, 'groq')).toEqual({
      ...base,
      preset: 'groq',
      baseUrl: 'https://api.groq.com/openai/v1',
      model: 'llama-3.3-70b-versatile',
    });
  });

  it('empties the model when the preset has no default', () => {
    expect(applyPreset(base, 'lmstudio')).toMatchObject({ baseUrl: 'http://localhost:1234/v1', model: '' });
  });

  it('keeps the typed values for Custom, and the key always', () => {
    expect(applyPreset(base, 'custom')).toEqual({ ...base, preset: 'custom' });
  });

  it('ignores unknown presets', () => {
    expect(applyPreset(base, 'nope')).toBe(base);
  });
});

describe('buildDraft', () => {
  it('trims every value and drops trailing slashes from the base URL', () => {
    const draft = buildDraft({ ...base, baseUrl: ' https://x.test/v1// ', model: ' m ', apiKey: ' k ' });
    expect(draft).toEqual({ preset: 'openai', baseUrl: 'https://x.test/v1', model: 'm', apiKey: 'k' });
  });

  it('does not carry the answer language', () => {
    expect(buildDraft(base)).not.toHaveProperty('answerLanguage');
  });

  it('normalizes only the end of the URL', () => {
    expect(normalizeBaseUrl('http://a.test//v1/')).toBe('http://a.test//v1');
  });
});

describe('validation', () => {
  it('accepts a complete form', () => {
    expect(validateForSave(base)).toEqual({});
    expect(hasErrors(validateForSave(base))).toBe(false);
  });

  it('rejects base URLs that are not absolute http(s)', () => {
    for (const baseUrl of ['', 'api.openai.com/v1', 'ftp://x.test', 'javascript:alert(1)', 'not a url']) {
      expect(validateForSave({ ...base, baseUrl }).baseUrl).toBe('invalid_url');
    }
  });

  it('requires a model to save, not to test', () => {
    expect(validateForSave({ ...base, model: '  ' }).model).toBe('required');
    expect(validateForTest({ ...base, model: '' })).toEqual({});
  });

  it('requires a key only for presets that need one', () => {
    expect(validateForSave({ ...base, apiKey: ' ' }).apiKey).toBe('required');
    const local = applyPreset({ ...base, apiKey: '' }, 'ollama');
    expect(validateForSave(local)).toEqual({});
    expect(validateForSave({ ...base, preset: 'custom', apiKey: '' })).toEqual({});
  });

  it('does not require the key to test (the endpoint says what it thinks)', () => {
    expect(validateForTest({ ...base, apiKey: '' })).toEqual({});
  });

  it('enforces the draft schema lengths', () => {
    expect(validateForSave({ ...base, model: 'm'.repeat(301) }).model).toBe('too_long');
    expect(validateForSave({ ...base, apiKey: 'k'.repeat(2001) }).apiKey).toBe('too_long');
    expect(validateForSave({ ...base, baseUrl: `https://x.test/${'a'.repeat(2000)}` }).baseUrl).toBe(
      'too_long',
    );
  });

  it('takes an empty or zero budget as no budget, and rejects what is not a whole number', () => {
    expect(parseDailyTokenBudget('')).toBe(0);
    expect(parseDailyTokenBudget(' 0 ')).toBe(0);
    expect(parseDailyTokenBudget('200000')).toBe(200_000);
    for (const bad of ['-1', '1.5', '1e5', 'lots', '99999999999999999']) {
      expect(parseDailyTokenBudget(bad)).toBeNull();
      expect(validateForSave({ ...base, dailyTokenBudget: bad }).dailyTokenBudget).toBe('invalid_budget');
    }
    expect(validateForTest({ ...base, dailyTokenBudget: 'lots' })).toEqual({});
  });

  it('names the first invalid field in page order', () => {
    expect(firstInvalidField({ model: 'required', baseUrl: 'invalid_url' })).toBe('baseUrl');
    expect(firstInvalidField({ model: 'required', apiKey: 'required' })).toBe('apiKey');
    expect(firstInvalidField({ dailyTokenBudget: 'invalid_budget', model: 'required' })).toBe('model');
    expect(firstInvalidField({})).toBeNull();
  });
});

describe('originPattern', () => {
  it('is the scheme and host, any path and port', () => {
    expect(originPattern('https://api.openai.com/v1')).toBe('https://api.openai.com/*');
    expect(originPattern('http://localhost:11434/v1/')).toBe('http://localhost/*');
    expect(originPattern('http://[::1]:8080/v1')).toBe('http://[::1]/*');
  });

  it('is null for unusable URLs', () => {
    expect(originPattern('')).toBeNull();
    expect(originPattern('file:///etc/passwd')).toBeNull();
  });
});

describe('testOutcome', () => {
  it('lists the models of a successful test, sorted and unique', () => {
    expect(testOutcome({ ok: true, models: ['b', 'a', 'b', ' '] })).toEqual({
      kind: 'ok',
      models: ['a', 'b'],
    });
  });

  it('keeps the exact error of a failed test', () => {
    const error = {
      code: 'auth' as const,
      message: 'Incorrect API key provided: sk-***',
      action: 'open_options' as const,
      status: 401,
      retryAfterMs: null,
    };
    expect(testOutcome({ ok: false, error })).toEqual({ kind: 'failed', error });
  });

  it('tells a missing answer from an unreadable one, and both from an unreachable background', () => {
    expect(testFailureNotice(new NoAnswerError('No answer within 50 ms'))).toEqual({
      kind: 'test',
      outcome: { kind: 'no_answer' },
    });
    expect(testFailureNotice(new BadAnswerError('provider:test'))).toEqual({
      kind: 'test',
      outcome: { kind: 'bad_answer' },
    });
    expect(testFailureNotice(new Error('Receiving end does not exist.'))).toEqual({
      kind: 'unreachable',
      detail: 'Receiving end does not exist.',
    });
  });
});

describe('helpers', () => {
  it('uniqueSorted', () => {
    expect(uniqueSorted([' z ', 'a', 'a'])).toEqual(['a', 'z']);
  });

  it('describeError', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('plain')).toBe('plain');
    expect(describeError(42)).toBe('42');
  });
});
