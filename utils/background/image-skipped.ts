import type { ImageSkipReason } from '../core/images';

/** A picture left out of the note request, and why (the card names it with the reason). */
export class ImageSkipped extends Error {
  constructor(readonly reason: ImageSkipReason) {
    super(`Image skipped: ${reason}`);
    this.name = 'ImageSkipped';
  }
}
