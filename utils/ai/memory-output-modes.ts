import type { OutputMode } from './output-modes';
import type { OutputModeMemory } from './structured-completion';

/** Output modes remembered for as long as this object lives (tests, the eval harness). */
export function memoryOutputModes(): OutputModeMemory & { modes: Map<string, OutputMode> } {
  const modes = new Map<string, OutputMode>();
  return { modes, get: async (key) => modes.get(key), set: async (key, mode) => void modes.set(key, mode) };
}
