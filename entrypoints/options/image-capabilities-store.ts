import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelReadsImages } from '../../components/options/SendImagesField';
import type { OptionsFormValues } from '../../components/options/types';
import { imageCapabilityOf } from '../../utils/ai/image-capability';
import { outputModeKey } from '../../utils/ai/output-modes';
import type { ImageCapability } from '../../utils/core/images';
import { imageCapabilitiesItem } from '../../utils/settings/image-capabilities-item';
import { buildDraft } from './form-logic';

/**
 * What the background learnt of which models read images (read from storage and followed as a
 * note teaches it more), for the options page's "This model reads images" line.
 */

type Learned = Record<string, ImageCapability>;

export interface ImageCapabilitiesDeps {
  read(): Promise<Learned>;
  /** Calls back whenever the background learns something; returns unwatch. */
  watch(onChange: (learned: Learned) => void): () => void;
}

export interface ImageCapabilitiesState {
  learned: Learned;
  load(): Promise<void>;
  /** Starts following what the background learns; returns stop. */
  watch(): () => void;
}

export function createImageCapabilitiesStore(deps: ImageCapabilitiesDeps): StoreApi<ImageCapabilitiesState> {
  return createStore<ImageCapabilitiesState>()((set) => ({
    learned: {},
    async load() {
      try {
        set({ learned: await deps.read() });
      } catch {
        // Nothing learnt that can be read: the line says what the known models say.
      }
    },
    watch: () => deps.watch((learned) => set({ learned })),
  }));
}

/** What the page says of the endpoint and model in the form, as the engine will key them. */
export function modelReadsImages(learned: Learned, form: OptionsFormValues): ModelReadsImages {
  const { baseUrl, model } = buildDraft(form);
  if (!model) return null;
  return imageCapabilityOf(learned, outputModeKey(baseUrl, model)) ?? 'unknown';
}

/** The real storage item the background writes (utils/background/stored-image-capabilities.ts). */
export const browserImageCapabilitiesDeps: ImageCapabilitiesDeps = {
  read: () => imageCapabilitiesItem.getValue(),
  watch: (onChange) => imageCapabilitiesItem.watch(onChange),
};
