import { imageCapabilityOf } from '../ai/image-capability';
import type { ImageCapabilityMemory } from '../notes/note-engine-deps';
import { imageCapabilitiesItem } from '../settings/image-capabilities-item';

/** Which endpoint+model reads images: learnt, in extension storage, else the known models. */
export const storedImageCapabilities: ImageCapabilityMemory & { forget(): Promise<void> } = {
  get: async (key) => imageCapabilityOf(await imageCapabilitiesItem.getValue(), key),
  set: async (key, capability) => {
    const learned = await imageCapabilitiesItem.getValue();
    if (learned[key] !== capability) await imageCapabilitiesItem.setValue({ ...learned, [key]: capability });
  },
  /** Forgets what was learnt: the known models' defaults remain. */
  forget: () => imageCapabilitiesItem.removeValue(),
};
