/**
 * What a Post keeps of a post's pictures and video (issue #17): each picture's alt text and its
 * address at a size a model reads well, and the video's alt text where the site shows one. The
 * readers accept anything and never throw.
 */
import { ALT_MAX, IMAGES_MAX, type PostMedia } from '../core/post';
import { clip, httpUrl } from './post-fields';

/**
 * The widest picture taken from a `srcset`: X's name=medium, about the size the note request
 * sends (larger ones cost bytes for nothing, smaller ones blur text in screenshots).
 */
export const READABLE_WIDTH = 1_200;

/** A `srcset` candidate with a width descriptor: its URL and width. */
const SRCSET_WIDTH = /([^\s,]\S*)\s+(\d{1,5})w/g;

type Pictures = Pick<PostMedia, 'imageAlts' | 'imageUrls'>;

/**
 * The alt text ("" without) and address ("" without an http(s) one, or one longer than a Post
 * holds) of each of `images`, in order, at most IMAGES_MAX. `addressOf` reads an image's address;
 * by default its readable source.
 */
export function picturesOf(
  images: Iterable<Element>,
  addressOf: (img: Element) => string | null = readableSrc,
): Pictures {
  const imageAlts: string[] = [];
  const imageUrls: string[] = [];
  for (const img of images) {
    if (imageAlts.length >= IMAGES_MAX) break;
    imageAlts.push(clip(img.getAttribute('alt')?.trim() ?? '', ALT_MAX));
    imageUrls.push(httpUrl(addressOf(img)) ?? '');
  }
  return { imageAlts, imageUrls };
}

/**
 * An image's absolute address: the widest `srcset` candidate at most READABLE_WIDTH px wide, else
 * its `src`; null when it has neither or it does not resolve against the page.
 */
export function readableSrc(img: Element): string | null {
  let best = img.getAttribute('src');
  let bestWidth = 0;
  for (const [, url, width] of (img.getAttribute('srcset') ?? '').matchAll(SRCSET_WIDTH)) {
    const px = Number(width);
    if (url !== undefined && px <= READABLE_WIDTH && px > bestWidth) [best, bestWidth] = [url, px];
  }
  const base = img.baseURI;
  return best !== null && URL.canParse(best, base) ? new URL(best, base).href : null;
}

/** A Post's media: `videoAlt` only when the site shows one (trimmed, capped). */
export function postMedia(pictures: Pictures, hasVideo: boolean, videoAlt?: string | null): PostMedia {
  const alt = clip(videoAlt?.trim() ?? '', ALT_MAX);
  return alt === '' ? { ...pictures, hasVideo } : { ...pictures, hasVideo, videoAlt: alt };
}
