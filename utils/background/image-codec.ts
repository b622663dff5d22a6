/**
 * Decoding and re-encoding pictures, behind an interface so the preparer's choices (which
 * pictures, what size, which quality, what is refused) are tested in Node with a fake, and the
 * real codec in Chromium (e2e/post-images.spec.ts).
 */

/** A decoded picture; close() gives its memory back. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** A picture drawn at the size it is sent at, to encode at one quality or another. */
export interface DrawnImage {
  /** JPEG at `quality` (0–1). */
  jpeg(quality: number): Promise<Blob>;
}

export interface ImageCodec<Decoded extends DecodedImage = DecodedImage> {
  /** Rejects when the bytes are not a picture the browser decodes. */
  decode(bytes: Blob): Promise<Decoded>;
  /**
   * Draws it at width × height over white: JPEG has no transparency, and its encoder would turn
   * transparent pixels black, hiding dark text drawn on a transparent background.
   */
  draw(image: Decoded, width: number, height: number): DrawnImage;
}

/** createImageBitmap and OffscreenCanvas: in Chromium's and Firefox's workers, no DOM needed. */
export const browserImageCodec: ImageCodec<ImageBitmap> = {
  // EXIF orientation is applied (imageOrientation defaults to 'from-image').
  decode: (bytes) => createImageBitmap(bytes),
  draw(image, width, height) {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('The browser gave no 2D canvas context.');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, 0, 0, width, height);
    return { jpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) };
  },
};
