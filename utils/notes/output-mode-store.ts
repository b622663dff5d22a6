import { storage } from '@wxt-dev/storage';
import type { OutputMode } from '../ai/output-modes';
import type { OutputModeMemory } from '../ai/structured-completion';

/** What each endpoint+model accepted, learnt on first use (cleared with the cache). */
export const outputModesItem = storage.defineItem<Record<string, OutputMode>>('local:outputModes', {
  fallback: {},
  version: 1,
});

export const storedOutputModes: OutputModeMemory = {
  get: async (key) => (await outputModesItem.getValue())[key],
  set: async (key, mode) => {
    const modes = await outputModesItem.getValue();
    if (modes[key] !== mode) await outputModesItem.setValue({ ...modes, [key]: mode });
  },
};
