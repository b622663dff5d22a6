import * as z from 'zod/mini';

/**
 * Pictures sent with a note request (issue #17): at most this many per post (the post's own
 * first, then its quoted post's), each at most IMAGE_EDGE_MAX pixels on its long side.
 */
export const IMAGES_SENT_MAX = 4;
export const IMAGE_EDGE_MAX = 1_024;

/** Whose image it is: the post's own or its quoted post's. */
export const IMAGE_OWNERS = ['post', 'quoted'] as const;
export type ImageOwner = (typeof IMAGE_OWNERS)[number];

/** Why an image was not sent (the card names the image and says why). */
export const IMAGE_SKIP_REASONS = [
  /** 404 or another HTTP error. */
  'unavailable',
  /** More bytes than Footnote reads, or more pixels than it decodes. */
  'too_large',
  /** Not an image (HTML, JSON…), or one Footnote does not decode. */
  'not_image',
  /** SVG is never sent: it is a document, not a picture. */
  'svg',
  'timeout',
  /** Footnote may not read the image's host. */
  'no_permission',
  /** Past IMAGES_SENT_MAX. */
  'over_limit',
  /** The page gave no address for it. */
  'no_address',
] as const;
export type ImageSkipReason = (typeof IMAGE_SKIP_REASONS)[number];

const imageRef = {
  of: z.enum(IMAGE_OWNERS),
  /** 1-based, in the post's (or quoted post's) order. */ index: z.number(),
};

/** What a note's metadata keeps of its images: what was sent, what was not and why. */
export const imageReportSchema = z.object({
  sent: z.array(z.object({ ...imageRef, width: z.number(), height: z.number(), bytes: z.number() })),
  skipped: z.array(z.object({ ...imageRef, reason: z.enum(IMAGE_SKIP_REASONS) })),
  /** The model was given alt text only: it reads no images (learned, or set in options). */
  textOnly: z.boolean(),
  /** Prompt tokens the images are estimated to cost (providers do not report them apart). */
  estimatedTokens: z.number(),
});
export type ImageReport = z.infer<typeof imageReportSchema>;

/** Whether a model reads images: learned per endpoint and model like output modes. */
export const IMAGE_CAPABILITIES = ['yes', 'no'] as const;
export type ImageCapability = (typeof IMAGE_CAPABILITIES)[number];
