import { describe, expect, it } from 'vitest';
import {
  buildSettingsFile,
  keysInFile,
  parseSettingsFile,
  settingsFileName,
  settingsFileText,
  SETTINGS_FILE_MAX_BYTES,
  type SettingsSnapshot,
} from './settings-transfer';

const snapshot: SettingsSnapshot = {
  provider: { preset: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  answerLanguage: 'pt-BR',
  dailyTokenBudget: 50_000,
  disabledSites: ['facebook', 'youtube'],
  triageSites: ['x'],
  enabledOrigins: ['https://social.example.org'],
  evidence: {
    links: true,
    wikipedia: false,
    factCheck: true,
    webSearch: 'searxng',
    searxngUrl: 'https://search.example.net',
    selfCheck: false,
    sendImages: false,
    sourceRatings: true,
    ratingListUrl: 'https://lists.example.org/ratings.json',
  },
  keys: { apiKey: 'sk-1', factCheckKey: 'fc-1', searchKey: '' },
};
const NOW = Date.UTC(2026, 4, 6, 12);

describe('buildSettingsFile', () => {
  it('writes every setting, and no key unless asked', () => {
    const file = buildSettingsFile(snapshot, { includeKeys: false, now: NOW });
    expect(file).toEqual({
      format: 'footnote-settings',
      version: 1,
      exportedAt: '2026-05-06T12:00:00.000Z',
      provider: snapshot.provider,
      answerLanguage: 'pt-BR',
      dailyTokenBudget: 50_000,
      sites: {
        disabled: ['facebook', 'youtube'],
        triage: ['x'],
        enabledOrigins: ['https://social.example.org'],
      },
      evidence: snapshot.evidence,
    });
    expect(settingsFileText(file)).not.toContain('sk-1');
  });

  it('includes the keys that exist when asked', () => {
    const file = buildSettingsFile(snapshot, { includeKeys: true, now: NOW });
    expect(file.keys).toEqual({ apiKey: 'sk-1', factCheckKey: 'fc-1' });
    const none = buildSettingsFile(
      { ...snapshot, keys: { apiKey: '', factCheckKey: '', searchKey: '' } },
      { includeKeys: true, now: NOW },
    );
    expect(none.keys).toBeUndefined();
  });

  it('names the file after the local date', () => {
    expect(settingsFileName(new Date(2026, 0, 2, 23, 59).getTime())).toBe(
      'footnote-settings-2026-01-02.json',
    );
  });
});

describe('parseSettingsFile', () => {
  it('reads back what was exported (round trip)', () => {
    const file = buildSettingsFile(snapshot, { includeKeys: true, now: NOW });
    const outcome = parseSettingsFile(settingsFileText(file));
    expect(outcome).toEqual({
      kind: 'ok',
      file,
      parts: ['provider', 'answerLanguage', 'dailyTokenBudget', 'sites', 'evidence', 'keys'],
    });
    expect(keysInFile(file)).toEqual(['apiKey', 'factCheckKey']);
  });

  it('accepts a file with only some parts, and a byte-order mark', () => {
    const outcome = parseSettingsFile(
      '\uFEFF{"format":"footnote-settings","version":1,"answerLanguage":"es"}',
    );
    expect(outcome).toMatchObject({ kind: 'ok', parts: ['answerLanguage'] });
  });

  it('does not count a null provider or empty keys as something to import', () => {
    expect(
      parseSettingsFile('{"format":"footnote-settings","version":1,"provider":null,"keys":{"apiKey":""}}'),
    ).toEqual({
      kind: 'empty',
    });
  });

  it('tells apart what is not JSON, not a settings file, too new, or too large', () => {
    expect(parseSettingsFile('{nope')).toEqual({ kind: 'not_json' });
    expect(parseSettingsFile('[1,2]')).toEqual({ kind: 'not_settings' });
    expect(parseSettingsFile('{"notes":[]}')).toEqual({ kind: 'not_settings' });
    expect(parseSettingsFile('{"format":"footnote-settings","version":7}')).toEqual({
      kind: 'newer_version',
      version: 7,
    });
    expect(parseSettingsFile(' '.repeat(SETTINGS_FILE_MAX_BYTES + 1))).toEqual({ kind: 'too_large' });
  });

  it('rejects the whole file and names every bad field', () => {
    const bad = {
      format: 'footnote-settings',
      version: 1,
      provider: { preset: 'openai', baseUrl: 'javascript:alert(1)', model: 'm' },
      answerLanguage: 'fr',
      dailyTokenBudget: -1,
      sites: {
        disabled: ['x', 'myspace'],
        triage: ['orkut'],
        enabledOrigins: ['https://ok.example', 'https://a.example/path'],
      },
      evidence: { ...snapshot.evidence, webSearch: 'bing' },
      keys: { apiKey: 42 },
      extra: true,
    };
    const outcome = parseSettingsFile(JSON.stringify(bad));
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && [...outcome.fields].sort()).toEqual(
      [
        'answerLanguage',
        'dailyTokenBudget',
        'evidence.webSearch',
        'extra',
        'keys.apiKey',
        'provider.baseUrl',
        'sites.disabled.1',
        'sites.triage.0',
        'sites.enabledOrigins.1',
      ].sort(),
    );
  });

  it('rejects a SearXNG address that is not http(s)', () => {
    const file = {
      format: 'footnote-settings',
      version: 1,
      evidence: { ...snapshot.evidence, searxngUrl: 'ftp://x' },
    };
    expect(parseSettingsFile(JSON.stringify(file))).toEqual({
      kind: 'invalid',
      fields: ['evidence.searxngUrl'],
    });
  });
});
