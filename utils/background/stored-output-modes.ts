import type { OutputModeMemory } from '../ai/structured-completion';
import { outputModesItem } from '../settings/output-modes-item';

/** The output mode each endpoint+model accepted, in extension storage. */
export const storedOutputModes: OutputModeMemory = {
  get: async (key) => (await outputModesItem.getValue())[key],
  set: async (key, mode) => {
    const modes = await outputModesItem.getValue();
    if (modes[key] !== mode) await outputModesItem.setValue({ ...modes, [key]: mode });
  },
};
