import type { Post, QuotedPost } from './post-schema';

// The post as every layer uses it: its caps and lists (post-caps.ts), its types (inferred from
// post-schema.ts, imported as types only so content scripts do not build the schema), and keys.

export * from './post-caps';
export type { PlatformContext, Post, PostMedia, QuotedPost } from './post-schema';

/** A post as context for another (the one it replies to): the fields a quoted post has. */
export function asQuoted(post: Post): QuotedPost {
  return {
    id: post.id,
    url: post.url,
    author: post.author,
    time: post.time,
    text: post.text,
    lang: post.lang,
    truncated: post.truncated,
    media: post.media,
  };
}

/** The key every layer uses for a post: `<site>:<native id>`, also the `data-footnote-post` value. */
export function postKey(post: Pick<Post, 'site' | 'id'>): string {
  return `${post.site}:${post.id}`;
}
