import type { ImageCapability } from '../core/images';
import { defineStoredItem } from './stored-item';

/**
 * Whether each endpoint+model read the pictures it was sent, learnt on first use and keyed like
 * output modes (outputModeKey); forgotten with the notes ("Clear cache"), so a model that has
 * since learnt to see is tried again.
 */
export const imageCapabilitiesItem = defineStoredItem<Record<string, ImageCapability>>(
  'local:imageCapabilities',
  { fallback: {}, version: 1 },
);
