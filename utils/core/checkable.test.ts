import { describe, expect, it } from 'vitest';
import { hasSomethingToCheck } from './checkable';
import { samplePost } from '../../test-support/sample-post';

const bare = samplePost({ text: '', links: [], quoted: null, media: { imageAlts: [], hasVideo: false } });

describe('hasSomethingToCheck', () => {
  it('is true for a post with text', () => {
    expect(hasSomethingToCheck(samplePost({ text: 'A claim.' }))).toBe(true);
  });

  it('is false for a post with no text, alt text, quote or link', () => {
    expect(hasSomethingToCheck(bare)).toBe(false);
    expect(hasSomethingToCheck({ ...bare, text: ' \n\t ' })).toBe(false);
  });

  it('is false for a bare picture or video: a placeholder alt describes nothing', () => {
    for (const alt of ['Image', 'Imagem', ' imagen ', 'GIF', '']) {
      expect(hasSomethingToCheck({ ...bare, media: { imageAlts: [alt], hasVideo: false } }), alt).toBe(false);
    }
    expect(hasSomethingToCheck({ ...bare, media: { imageAlts: [], hasVideo: true } })).toBe(false);
  });

  it('is true when an image has a real description', () => {
    const media = { imageAlts: ['Image', 'A chart of inflation since 2019'], hasVideo: false };
    expect(hasSomethingToCheck({ ...bare, media })).toBe(true);
  });

  it('is true for a link alone: its page can be read as evidence', () => {
    expect(hasSomethingToCheck({ ...bare, links: ['https://example.org/report'] })).toBe(true);
  });

  it('looks into a quoted post', () => {
    const quoted = {
      id: '1',
      url: null,
      author: { name: 'A', handle: 'a' },
      time: null,
      text: '',
      lang: null,
      truncated: false,
      media: { imageAlts: ['Image'], hasVideo: false },
    };
    expect(hasSomethingToCheck({ ...bare, quoted })).toBe(false);
    expect(hasSomethingToCheck({ ...bare, quoted: { ...quoted, text: 'The quoted claim.' } })).toBe(true);
  });
});
