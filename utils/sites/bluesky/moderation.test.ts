// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { postSchema } from '../../core/post-schema';
import { samplePost } from '../../../test-support/sample-post';
import { loadFixture, rootById, rootsIn } from '../../../test-support/adapter-test-helpers';
import { blueskyAdapter } from './adapter';
import { tidTime } from './tid';

const LABELLED = 'wellnesstruths.bsky.social/3n3cx2ab4kq2s';
const HIDDEN = 'streetlens.bsky.social/3n3cy7qw2bd2k';
const PLAIN = 'civicdesk.bsky.social/3n3czkd6s7c2f';

function feed(): Document {
  return loadFixture('bluesky', 'labels.html');
}

function extract(doc: Document, id: string) {
  return blueskyAdapter.extractPost(rootById(blueskyAdapter, doc, id));
}

describe('Bluesky labels and content warnings', () => {
  it('reads the label pills above a post, each by its name', () => {
    const post = extract(feed(), LABELLED);
    expect(post).toEqual(
      samplePost({
        site: 'bluesky',
        id: LABELLED,
        url: 'https://bsky.app/profile/wellnesstruths.bsky.social/post/3n3cx2ab4kq2s',
        author: { name: 'Wellness Truths', handle: 'wellnesstruths.bsky.social' },
        time: tidTime('3n3cx2ab4kq2s'),
        lang: null,
        text: 'Lemon water cures diabetes in two weeks. Doctors hate this one trick.',
        media: { imageAlts: [], imageUrls: [], hasVideo: false },
        platformContext: [
          { kind: 'label', text: 'Misleading', url: null },
          { kind: 'label', text: 'Unverified health claim', url: null },
        ],
      }),
    );
    expect(postSchema.safeParse(post).success).toBe(true);
  });

  it('reads a hiding label as a content warning, with who applied it and without "Show"', () => {
    const post = extract(feed(), HIDDEN);
    expect(post?.text).toBe(''); // the hidden content is not in the page
    expect(post?.platformContext).toEqual([
      { kind: 'content_warning', text: 'Graphic Media. Labeled by the author.', url: null },
    ]);
  });

  it('gives a post with neither no platform context', () => {
    expect(extract(feed(), PLAIN)).not.toHaveProperty('platformContext');
  });

  it('reads the pills of the thread anchor, whose content hider has no test id', () => {
    const doc = feed();
    const root = rootById(blueskyAdapter, doc, PLAIN);
    const hider = root.querySelector('[data-testid="contentHider-post"]')!;
    hider.removeAttribute('data-testid');
    const text = root.querySelector('[data-testid="postText"]')!;
    const row = rootById(blueskyAdapter, doc, LABELLED).querySelector('[role="button"]')!.parentElement!;
    text.before(row); // RichText straight in the hider, the pill row right before it
    expect(blueskyAdapter.extractPost(root)?.platformContext?.map((c) => c.text)).toEqual([
      'Misleading',
      'Unverified health claim',
    ]);
  });

  it('ignores pills and hiders inside the quote card', () => {
    const doc = feed();
    const root = rootById(blueskyAdapter, doc, PLAIN);
    // The post's own hider has no test id (as on a thread's anchor): the first one is the card's.
    root.querySelector('[data-testid="contentHider-post"]')!.removeAttribute('data-testid');
    const card = doc.createElement('div');
    card.setAttribute('role', 'link');
    card.setAttribute('aria-label', 'Post by wellnesstruths.bsky.social');
    for (const quoted of [HIDDEN, LABELLED]) {
      card.append(rootById(blueskyAdapter, doc, quoted).querySelector('[data-testid="contentHider-post"]')!);
    }
    root.querySelector('[data-testid="postText"]')!.parentElement!.after(card);
    expect(blueskyAdapter.extractPost(root)).not.toHaveProperty('platformContext');
  });

  it('gives nothing for empty pills and keeps hostile label names as clipped text', () => {
    const doc = feed();
    const root = rootById(blueskyAdapter, doc, LABELLED);
    const [first, second] = Array.from(
      root.querySelectorAll('[aria-label][role="button"]:not([data-testid])'),
    );
    first!.setAttribute('aria-label', '');
    first!.querySelector('[dir="auto"]')!.textContent = '   ';
    second!.setAttribute('aria-label', `<script>alert(1)</script>${'!'.repeat(3_000)}`);
    const [context, ...rest] = blueskyAdapter.extractPost(root)?.platformContext ?? [];
    expect(rest).toEqual([]);
    expect(context?.text.startsWith('<script>alert(1)</script>!!!')).toBe(true);
    expect(context?.text.length).toBe(1_500);
  });

  it('finds no platform context in the feed fixture of ordinary posts', () => {
    const doc = loadFixture('bluesky', 'feed.html');
    const posts = rootsIn(blueskyAdapter, doc).map((root) => blueskyAdapter.extractPost(root));
    expect(posts.filter((post) => post !== null).length).toBeGreaterThan(3);
    expect(posts.some((post) => post?.platformContext !== undefined)).toBe(false);
  });
});
