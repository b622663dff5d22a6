import { describe, expect, it } from 'vitest';
import { notePortInSchema } from '../messaging/note-port-requests';
import { asQuoted, POST_TEXT_MAX, postKey } from './post';
import { postSchema } from './post-schema';
import { samplePost } from '../../test-support/sample-post';

describe('thread context in a Post', () => {
  const parent = asQuoted(samplePost({ id: '1', text: 'The post replied to.' }));

  it('takes the fields a quoted post has from the post replied to', () => {
    expect(parent).toEqual({
      id: '1',
      url: 'https://x.com/someone/status/1851263513130018247',
      author: { name: 'Some One', handle: 'someone' },
      time: '2024-10-29T14:00:00.000Z',
      text: 'The post replied to.',
      lang: 'en',
      truncated: false,
      media: { imageAlts: [], hasVideo: false },
    });
    expect(() => postSchema.parse(samplePost({ parent }))).not.toThrow();
  });

  it('travels in note and batch requests at the size caps (post, quote and parent each at most POST_TEXT_MAX)', () => {
    const full = 'x'.repeat(POST_TEXT_MAX);
    const post = samplePost({
      text: full,
      quoted: { ...parent, text: full },
      parent: { ...parent, text: full },
    });
    expect(notePortInSchema.safeParse({ type: 'note:request', requestId: 'r1', post }).success).toBe(true);
    const items = Array.from({ length: 3 }, (_, i) => ({ requestId: `r${i}`, post }));
    expect(notePortInSchema.safeParse({ type: 'batch:request', batchId: 'b', items }).success).toBe(true);
  });

  it('rejects a parent over the cap, and a post without the field', () => {
    const tooLong = samplePost({ parent: { ...parent, text: 'x'.repeat(POST_TEXT_MAX + 1) } });
    expect(postSchema.safeParse(tooLong).success).toBe(false);
    const { parent: _dropped, ...withoutParent } = samplePost();
    expect(postSchema.safeParse(withoutParent).success).toBe(false);
  });

  it('keys a post by site and id, whatever its context', () => {
    expect(postKey(samplePost({ parent }))).toBe('x:1851263513130018247');
  });
});
