import type { ImagePreparer } from '../notes/note-engine-deps';
import { cachedValue } from '../settings/cached-item';
import { evidenceSettingsItem } from '../settings/evidence-settings-item';
import { hasHostPermission } from './host-permission';
import { browserImageCodec } from './image-codec';
import { fetchImage } from './image-fetch';
import { createPostImagePreparer } from './post-images';

/** The preparer the background runs: the reader's setting, host permissions, the browser's codec. */
export function createBackgroundImagePreparer(): ImagePreparer {
  const settings = cachedValue(evidenceSettingsItem);
  return createPostImagePreparer({
    enabled: async () => (await settings()).sendImages,
    fetch: (url, signal) => fetchImage(url, signal, { canFetch: hasHostPermission }),
    codec: browserImageCodec,
  });
}
