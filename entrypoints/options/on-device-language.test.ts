import { describe, expect, it, vi } from 'vitest';
import { ON_DEVICE_BASE_URL } from '../../utils/settings/on-device-endpoint';
import type { AnswerLanguage } from '../../utils/settings/provider-settings';
import { onDeviceLanguageNotice, probeOnDeviceLanguages, type OnDeviceLanguages } from './on-device-language';

/** Chrome's documented output languages at the time of writing: no Portuguese. */
const chrome: OnDeviceLanguages = {
  auto: 'pt-BR',
  writable: { en: true, 'pt-BR': false, es: true },
};

const onDevice = (answerLanguage: AnswerLanguage) => ({ baseUrl: ON_DEVICE_BASE_URL, answerLanguage });

describe('probeOnDeviceLanguages', () => {
  it('asks about each answer language and what "auto" resolves to, once each', async () => {
    const writable = vi.fn(async (languages: readonly string[]) =>
      Object.fromEntries(languages.map((l) => [l, l !== 'pt-BR' && l !== 'fr'])),
    );
    expect(await probeOnDeviceLanguages('fr', writable)).toEqual({
      auto: 'fr',
      writable: { en: true, 'pt-BR': false, es: true, fr: false },
    });
    expect(writable).toHaveBeenLastCalledWith(['en', 'pt-BR', 'es', 'fr']);
    await probeOnDeviceLanguages('pt_BR', writable);
    expect(writable).toHaveBeenLastCalledWith(['en', 'pt-BR', 'es']);
  });

  it('knows nothing where the browser has no Prompt API', async () => {
    expect(await probeOnDeviceLanguages('en-US', async () => null)).toBeNull();
  });
});

describe('onDeviceLanguageNotice', () => {
  it('warns when "auto" resolves to a language the model cannot write, offering those it can', () => {
    expect(
      onDeviceLanguageNotice({ form: onDevice('auto'), onDevice: 'available', languages: chrome }),
    ).toEqual({
      kind: 'unsupported',
      language: 'pt-BR',
      choices: ['en', 'es'],
    });
  });

  it('warns for a chosen language too, and offers no choices when the model writes none of them', () => {
    const none: OnDeviceLanguages = { auto: 'en', writable: { en: false, 'pt-BR': false, es: false } };
    expect(
      onDeviceLanguageNotice({ form: onDevice('pt-BR'), onDevice: 'downloadable', languages: none }),
    ).toEqual({ kind: 'unsupported', language: 'pt-BR', choices: [] });
  });

  it('says nothing when the model writes the language', () => {
    for (const language of ['en', 'es'] as const) {
      expect(
        onDeviceLanguageNotice({ form: onDevice(language), onDevice: 'available', languages: chrome }),
      ).toEqual({ kind: 'none' });
    }
    const english = { ...chrome, auto: 'en' };
    expect(
      onDeviceLanguageNotice({ form: onDevice('auto'), onDevice: 'available', languages: english }).kind,
    ).toBe('none');
  });

  it('says nothing for other providers, without the model, or when nothing is known', () => {
    const remote = { baseUrl: 'https://api.openai.com/v1', answerLanguage: 'pt-BR' as const };
    expect(onDeviceLanguageNotice({ form: remote, onDevice: 'available', languages: chrome }).kind).toBe(
      'none',
    );
    expect(
      onDeviceLanguageNotice({ form: onDevice('pt-BR'), onDevice: 'unavailable', languages: chrome }).kind,
    ).toBe('none');
    expect(onDeviceLanguageNotice({ form: onDevice('pt-BR'), onDevice: null, languages: chrome }).kind).toBe(
      'none',
    );
    expect(
      onDeviceLanguageNotice({ form: onDevice('pt-BR'), onDevice: 'available', languages: null }).kind,
    ).toBe('none');
    // A language that was not asked about is not known to be missing.
    const partial = { auto: 'fr', writable: { en: true } };
    expect(
      onDeviceLanguageNotice({ form: onDevice('auto'), onDevice: 'available', languages: partial }).kind,
    ).toBe('none');
  });
});
