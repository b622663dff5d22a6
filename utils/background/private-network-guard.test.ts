import { describe, expect, it } from 'vitest';
import { DEFAULT_EVIDENCE_SETTINGS } from '../settings/evidence-settings';
import type { ProviderSettings } from '../settings/provider-settings';
import { CRED1 } from '../settings/rating-lists';
import { configuredPrefixes, guardRules } from './private-network-guard';

const provider = (baseUrl: string): ProviderSettings => ({ preset: 'ollama', baseUrl, model: 'llama3' });

describe('guardRules', () => {
  const rules = guardRules('abcdefghijklmnop', ['http://localhost:11434/v1/']);
  const blocks = rules.filter((rule) => rule.action.type === 'block');
  const allows = rules.filter((rule) => rule.action.type === 'allow');

  it('blocks GETs to private hosts from the extension itself', () => {
    expect(blocks.length).toBeGreaterThan(1);
    for (const rule of blocks) {
      expect(rule.condition).toMatchObject({
        initiatorDomains: ['abcdefghijklmnop'],
        requestMethods: ['get'],
        regexFilter: expect.stringMatching(/^\^https\?:\/\//) as unknown as string,
      });
    }
  });

  it('lets a configured address through, above the blocks', () => {
    expect(allows).toEqual([
      {
        id: blocks.length + 1,
        priority: 2,
        action: { type: 'allow' },
        condition: {
          initiatorDomains: ['abcdefghijklmnop'],
          urlFilter: '|http://localhost:11434/v1/',
        },
      },
    ]);
    expect(Math.max(...blocks.map((rule) => rule.priority ?? 1))).toBeLessThan(allows[0]!.priority!);
  });

  it('gives every rule its own id', () => {
    const ids = guardRules('x', ['http://a/', 'http://b/']).map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cuts a prefix before characters urlFilter reads as wildcards', () => {
    const [allow] = guardRules('x', ['http://localhost:8080/a*b/']).filter((r) => r.action.type === 'allow');
    expect(allow?.condition.urlFilter).toBe('|http://localhost:8080/a');
  });
});

describe('configuredPrefixes', () => {
  it("allows the model endpoint's base URL as a path prefix", () => {
    expect(configuredPrefixes(provider('http://LOCALHOST:11434/v1//'), DEFAULT_EVIDENCE_SETTINGS)).toEqual([
      'http://localhost:11434/v1/',
    ]);
    expect(configuredPrefixes(provider('http://192.168.1.20:1234'), DEFAULT_EVIDENCE_SETTINGS)).toEqual([
      'http://192.168.1.20:1234/',
    ]);
  });

  it('allows nothing for the on-device model or no provider', () => {
    expect(configuredPrefixes(provider('chrome-ai://on-device'), DEFAULT_EVIDENCE_SETTINGS)).toEqual([]);
    expect(configuredPrefixes(null, DEFAULT_EVIDENCE_SETTINGS)).toEqual([]);
  });

  it('allows a SearXNG instance only while it is the web search in use', () => {
    const searxng = { ...DEFAULT_EVIDENCE_SETTINGS, searxngUrl: 'http://localhost:8888' };
    expect(configuredPrefixes(null, { ...searxng, webSearch: 'searxng' })).toEqual([
      'http://localhost:8888/',
    ]);
    expect(configuredPrefixes(null, { ...searxng, webSearch: 'off' })).toEqual([]);
  });

  it('allows the rating list while source ratings are on: its own address, else CRED-1', () => {
    const ratings = { ...DEFAULT_EVIDENCE_SETTINGS, sourceRatings: true };
    expect(configuredPrefixes(null, { ...ratings, ratingListUrl: 'http://nas.lan/ratings.json' })).toEqual([
      'http://nas.lan/ratings.json',
    ]);
    expect(configuredPrefixes(null, ratings)).toEqual([CRED1.url]);
    expect(configuredPrefixes(null, { ...ratings, sourceRatings: false })).toEqual([]);
  });
});
