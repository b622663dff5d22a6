import { describe, expect, it } from 'vitest';
import { languageOf } from './detected-language';

describe('languageOf', () => {
  it('takes the top language of a reliable detection', () => {
    expect(
      languageOf({
        isReliable: true,
        languages: [
          { language: 'pt', percentage: 92 },
          { language: 'en', percentage: 8 },
        ],
      }),
    ).toBe('pt');
  });

  it('gives null when the detector is unsure, undetermined or the language is a minority', () => {
    expect(languageOf({ isReliable: false, languages: [{ language: 'pt', percentage: 92 }] })).toBeNull();
    expect(languageOf({ isReliable: true, languages: [{ language: 'und', percentage: 100 }] })).toBeNull();
    expect(languageOf({ isReliable: true, languages: [{ language: 'es', percentage: 40 }] })).toBeNull();
    expect(languageOf({ isReliable: true, languages: [] })).toBeNull();
  });
});
