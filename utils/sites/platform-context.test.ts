import { describe, expect, it } from 'vitest';
import { PLATFORM_CONTEXT_TEXT_MAX, PLATFORM_CONTEXTS_MAX } from '../core/post';
import { postSchema } from '../core/post-schema';
import { samplePost } from '../../test-support/sample-post';
import { platformContext, withPlatformContext } from './platform-context';

describe('platformContext', () => {
  it('tidies the text as shown: spaces collapsed, lines trimmed, one blank line at most', () => {
    expect(platformContext('label', '  Misleading \u00a0 claim \n\n\n\n  Labeled by  the author.  ')).toEqual(
      {
        kind: 'label',
        text: 'Misleading claim\n\nLabeled by the author.',
        url: null,
      },
    );
  });

  it('gives null for chrome only: no text, or only whitespace', () => {
    expect(platformContext('community_note', '')).toBeNull();
    expect(platformContext('community_note', ' \n\t \u00a0 ')).toBeNull();
  });

  it('clips a huge text to the cap, marking the cut, without splitting a surrogate pair', () => {
    const context = platformContext('moderation', `${'a'.repeat(PLATFORM_CONTEXT_TEXT_MAX - 2)}😀😀`);
    expect(context?.text).toHaveLength(PLATFORM_CONTEXT_TEXT_MAX - 1);
    expect(context?.text.endsWith('a…')).toBe(true);
    const exact = 'b'.repeat(PLATFORM_CONTEXT_TEXT_MAX);
    expect(platformContext('moderation', exact)?.text).toBe(exact);
  });

  it('keeps only http(s) links', () => {
    expect(platformContext('info_panel', 'WHO', 'https://www.who.int/')?.url).toBe('https://www.who.int/');
    for (const bad of ['javascript:alert(1)', '/redirect?q=x', 'data:text/html,x', ' ']) {
      expect(platformContext('info_panel', 'WHO', bad)?.url).toBeNull();
    }
  });
});

describe('withPlatformContext', () => {
  const post = samplePost();

  it('leaves a post without context as it was: no field at all', () => {
    expect(withPlatformContext(post, [])).toBe(post);
    expect(withPlatformContext(post, [null, null])).not.toHaveProperty('platformContext');
  });

  it('keeps each context once, at most the cap, and gives a valid Post', () => {
    const label = (text: string) => platformContext('label', text);
    const found = [
      label('Spam'),
      label('Spam'),
      null,
      ...Array.from({ length: 8 }, (_, i) => label(`L${i}`)),
    ];
    const withContext = withPlatformContext(post, found);
    expect(withContext.platformContext?.map((c) => c.text)).toEqual(['Spam', 'L0', 'L1', 'L2', 'L3']);
    expect(withContext.platformContext).toHaveLength(PLATFORM_CONTEXTS_MAX);
    expect(postSchema.safeParse(withContext).success).toBe(true);
  });
});
