import { describe, expect, it } from 'vitest';
import { DEFAULT_EVIDENCE_SETTINGS } from '../../utils/settings/evidence-settings';
import {
  buildEvidence,
  evidenceFormFromSettings,
  evidencePatterns,
  validateEvidence,
} from './evidence-logic';

const form = (overrides = {}) => ({
  ...evidenceFormFromSettings(DEFAULT_EVIDENCE_SETTINGS, '', '', true),
  ...overrides,
});

describe('evidence logic', () => {
  it('shows linked pages on only with the all-sites permission', () => {
    expect(evidenceFormFromSettings(DEFAULT_EVIDENCE_SETTINGS, '', '', false).links).toBe(false);
    expect(evidenceFormFromSettings(DEFAULT_EVIDENCE_SETTINGS, '', '', true).links).toBe(true);
  });

  it('checks only the sources that are on', () => {
    expect(validateEvidence(form())).toEqual({});
    expect(validateEvidence(form({ factCheck: true }))).toEqual({ factCheckKey: 'required' });
    expect(validateEvidence(form({ webSearch: 'tavily' }))).toEqual({ searchKey: 'required' });
    expect(validateEvidence(form({ webSearch: 'searxng', searxngUrl: 'searx.local' }))).toEqual({
      searxngUrl: 'invalid_url',
    });
    expect(validateEvidence(form({ webSearch: 'searxng', searxngUrl: 'http://192.168.1.2:8080' }))).toEqual(
      {},
    );
    expect(validateEvidence(form({ searchKey: 'x'.repeat(2_001) }))).toEqual({ searchKey: 'too_long' });
  });

  it('trims what it stores', () => {
    expect(
      buildEvidence(form({ factCheckKey: ' a ', searchKey: ' b ', searxngUrl: ' https://s.example/ ' })),
    ).toEqual({
      settings: { ...DEFAULT_EVIDENCE_SETTINGS, searxngUrl: 'https://s.example' },
      factCheckKey: 'a',
      searchKey: 'b',
    });
  });

  it('names the hosts each source needs', () => {
    expect(evidencePatterns(DEFAULT_EVIDENCE_SETTINGS)).toEqual([]);
    expect(evidencePatterns({ webSearch: 'tavily', searxngUrl: '' })).toEqual(['https://api.tavily.com/*']);
    expect(evidencePatterns({ webSearch: 'searxng', searxngUrl: 'http://localhost:8888' })).toEqual([
      'http://localhost/*',
    ]);
    const ratings = { ...DEFAULT_EVIDENCE_SETTINGS, sourceRatings: true };
    expect(evidencePatterns(ratings)).toEqual(['https://raw.githubusercontent.com/*']);
    expect(evidencePatterns({ ...ratings, ratingListUrl: 'https://lists.example.net/r.json' })).toEqual([
      'https://lists.example.net/*',
    ]);
  });
});
