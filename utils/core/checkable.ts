import type { Post, PostMedia } from './post';

/**
 * What sites write as an image's alt text when its author wrote none (X: "Image", in the
 * reader's UI language). They describe nothing, so they are no content to check.
 */
const PLACEHOLDER_ALTS = new Set([
  'image',
  'imagem',
  'imagen',
  'photo',
  'foto',
  'picture',
  'gif',
  'video',
  'vídeo',
  'embedded video',
  'image attachment',
]);

function describesSomething(alt: string): boolean {
  const flat = alt.trim().toLowerCase();
  return flat !== '' && !PLACEHOLDER_ALTS.has(flat);
}

function mediaSays(media: PostMedia): boolean {
  return media.imageAlts.some(describesSomething);
}

/**
 * Does the post give a model anything to work with: text, an image description, a quoted post
 * with content, or a link whose page can be read? A post with none of these (a bare picture, a
 * video without a caption) costs a model call that can only say nothing, so none is made.
 */
export function hasSomethingToCheck(post: Post): boolean {
  if (post.text.trim() !== '' || mediaSays(post.media) || post.links.length > 0) return true;
  const quoted = post.quoted;
  return quoted !== null && (quoted.text.trim() !== '' || mediaSays(quoted.media));
}
