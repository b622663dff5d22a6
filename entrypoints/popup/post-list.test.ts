import { describe, expect, it } from 'vitest';
import { samplePostListItem } from './sample-post-list-item';
import { hasWorkInProgress, parsePostListResponse } from './post-list';

const post = samplePostListItem;

describe('parsePostListResponse', () => {
  it('accepts a valid list', () => {
    const list = { site: 'x', posts: [post()], digest: { text: 'A digest', final: true }, noPosts: null };
    expect(parsePostListResponse(list)).toEqual({ kind: 'ok', list });
  });

  it('treats no answer as "not running here"', () => {
    expect(parsePostListResponse(undefined)).toEqual({ kind: 'no_answer' });
    expect(parsePostListResponse(null)).toEqual({ kind: 'no_answer' });
  });

  it('rejects answers that are not a post list', () => {
    expect(parsePostListResponse({ site: 'x' })).toEqual({ kind: 'bad_answer' });
    expect(parsePostListResponse({ site: 'x', posts: [{ ...post(), status: 'weird' }] })).toEqual({
      kind: 'bad_answer',
    });
    expect(parsePostListResponse({ site: 'x', posts: [{ ...post(), note: { summary: 'half' } }] })).toEqual({
      kind: 'bad_answer',
    });
  });
});

describe('hasWorkInProgress', () => {
  it('is true while some note is loading or streaming', () => {
    expect(hasWorkInProgress([post(), post({ status: 'streaming' })])).toBe(true);
    expect(hasWorkInProgress([post({ status: 'loading' })])).toBe(true);
    expect(hasWorkInProgress([post({ status: 'done' }), post({ status: 'error' })])).toBe(false);
    expect(hasWorkInProgress([])).toBe(false);
  });
});
