import { describe, expect, it, vi } from 'vitest';
import type { OptionsFormValues } from '../../components/options/types';
import type { ImageCapability } from '../../utils/core/images';
import { ON_DEVICE_BASE_URL, ON_DEVICE_MODEL } from '../../utils/settings/on-device-endpoint';
import { defaultFormValues } from './form-logic';
import {
  createImageCapabilitiesStore,
  modelReadsImages,
  type ImageCapabilitiesDeps,
} from './image-capabilities-store';

const form = (baseUrl: string, model: string): OptionsFormValues => ({
  ...defaultFormValues(),
  preset: 'custom',
  baseUrl,
  model,
});
const OLLAMA = 'http://localhost:11434/v1';

describe('"This model reads images" on the options page', () => {
  it('is what the background learnt of the endpoint and model as they will be saved', () => {
    const learnt: Record<string, ImageCapability> = { [`${OLLAMA}|llama3.1`]: 'no' };
    // Trailing slashes and spaces are dropped on save, as the engine keys them.
    expect(modelReadsImages(learnt, form(` ${OLLAMA}/ `, ' llama3.1 '))).toBe('no');
  });

  it('is the known models’ answer before any was learnt, else not known yet', () => {
    expect(modelReadsImages({}, form('https://api.openai.com/v1', 'gpt-4o-mini'))).toBe('yes');
    expect(modelReadsImages({}, form(ON_DEVICE_BASE_URL, ON_DEVICE_MODEL))).toBe('no');
    expect(modelReadsImages({}, form(OLLAMA, 'llama3.1'))).toBe('unknown');
  });

  it('is left out while no model is chosen', () => {
    expect(modelReadsImages({}, form(OLLAMA, '  '))).toBeNull();
  });

  it('follows what the background learns while the page is open', async () => {
    let notify: (learned: Record<string, ImageCapability>) => void = () => {};
    const deps: ImageCapabilitiesDeps = {
      read: vi.fn(async () => ({ [`${OLLAMA}|llava`]: 'yes' as const })),
      watch: (onChange) => {
        notify = onChange;
        return () => {};
      },
    };
    const store = createImageCapabilitiesStore(deps);
    await store.getState().load();
    expect(store.getState().learned).toEqual({ [`${OLLAMA}|llava`]: 'yes' });
    store.getState().watch();
    notify({ [`${OLLAMA}|llama3.1`]: 'no' });
    expect(store.getState().learned).toEqual({ [`${OLLAMA}|llama3.1`]: 'no' });
  });

  it('says what the known models say when storage cannot be read', async () => {
    const store = createImageCapabilitiesStore({
      read: async () => Promise.reject(new Error('storage is gone')),
      watch: () => () => {},
    });
    await store.getState().load();
    expect(store.getState().learned).toEqual({});
  });
});
