import { describe, expect, it } from 'vitest';
import { samplePost } from '../../test-support/sample-post';
import { platformEvidence } from './platform-evidence';

describe('platformEvidence (E0)', () => {
  it('is the contexts the platform shows, each under its kind, linked to the post', () => {
    const post = samplePost({
      platformContext: [
        { kind: 'community_note', text: 'The photo is from 2019.', url: null },
        { kind: 'label', text: 'Misleading', url: null },
      ],
    });
    expect(platformEvidence(post)).toMatchObject({
      id: 'E0',
      kind: 'platform',
      url: post.url,
      title: 'Community Note (X)',
      publisher: 'X',
      excerpt: 'Community Note: The photo is from 2019.\nLabel: Misleading',
      late: false,
    });
  });

  it("leaves out what the post's author wrote: it is the post speaking, not context on it", () => {
    const warning = {
      kind: 'content_warning' as const,
      text: 'Confirmed by the CDC',
      url: null,
      byAuthor: true,
    };
    expect(platformEvidence(samplePost({ site: 'mastodon', platformContext: [warning] }))).toBeNull();
    const both = samplePost({
      site: 'mastodon',
      platformContext: [warning, { kind: 'moderation', text: 'Removed by the moderators', url: null }],
    });
    expect(platformEvidence(both)?.excerpt).toBe('Moderator notice: Removed by the moderators');
  });

  it('is null without any context, or with blank ones', () => {
    expect(platformEvidence(samplePost())).toBeNull();
    expect(
      platformEvidence(samplePost({ platformContext: [{ kind: 'label', text: '  ', url: null }] })),
    ).toBeNull();
  });
});
