import { createBackgroundImagePreparer } from '../utils/background/background-image-preparer';

/**
 * Bundled by e2e/post-images.spec.ts and evaluated in the extension's service worker: the image
 * preparer exactly as the background builds it (the reader's setting, the extension's host
 * permissions, createImageBitmap and OffscreenCanvas), reachable from serviceWorker.evaluate().
 */
Object.assign(globalThis, { footnoteImagePreparer: createBackgroundImagePreparer() });
