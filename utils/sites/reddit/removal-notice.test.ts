// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { postSchema } from '../../core/post-schema';
import { loadFixture, rootById, rootsIn } from '../../../test-support/adapter-test-helpers';
import { redditAdapter } from './adapter';

const POST = 't3_1p9c4r2';
const MOD_COMMENT = 't1_m4b1c2d';
const NOTICE = 'Sorry, this post has been removed by the moderators of r/HealthNews.';

function page(): Document {
  return loadFixture('reddit', 'removed.html');
}

describe('Reddit removal notices', () => {
  it('reads the removed post’s banner as a moderation notice, beside the title it keeps', () => {
    const post = redditAdapter.extractPost(rootById(redditAdapter, page(), POST));
    expect(post).toMatchObject({
      id: POST,
      text: 'New study says seed oils cause most heart attacks',
      platformContext: [{ kind: 'moderation', text: NOTICE, url: null }],
    });
    expect(postSchema.safeParse(post).success).toBe(true);
  });

  it('leaves the moderators’ stickied comment a comment: no notice on it, none taken from it', () => {
    const comment = redditAdapter.extractPost(rootById(redditAdapter, page(), MOD_COMMENT));
    expect(comment?.text).toContain('Rule 2');
    expect(comment).not.toHaveProperty('platformContext');
    expect(comment?.parent?.id).toBe(POST);
  });

  it('gives nothing for an empty banner, and no notice on posts that have none', () => {
    const doc = page();
    const root = rootById(redditAdapter, doc, POST);
    root.querySelector('[slot="post-removed-banner"]')!.replaceChildren(doc.createElement('svg'));
    expect(redditAdapter.extractPost(root)).not.toHaveProperty('platformContext');
    for (const name of ['comments.html', 'feed.html', 'old.html']) {
      const posts = rootsIn(redditAdapter, loadFixture('reddit', name)).map((r) =>
        redditAdapter.extractPost(r),
      );
      expect(posts.some((post) => post !== null && 'platformContext' in post)).toBe(false);
    }
  });

  it('reads only the post’s own banner, not one inside a comment', () => {
    const doc = page();
    const banner = rootById(redditAdapter, doc, POST).querySelector('[slot="post-removed-banner"]')!;
    rootById(redditAdapter, doc, MOD_COMMENT).append(banner);
    expect(redditAdapter.extractPost(rootById(redditAdapter, doc, POST))).not.toHaveProperty(
      'platformContext',
    );
    expect(redditAdapter.extractPost(rootById(redditAdapter, doc, MOD_COMMENT))).not.toHaveProperty(
      'platformContext',
    );
  });
});
