import type { OutputMode } from '../utils/core/output-mode';
import type { OutputModeMemory } from '../utils/ai/structured-completion';

/** Output modes remembered for as long as this object lives (tests, the eval harness). */
export function memoryOutputModes(): OutputModeMemory & { modes: Map<string, OutputMode> } {
  const modes = new Map<string, OutputMode>();
  return { modes, get: async (key) => modes.get(key), set: async (key, mode) => void modes.set(key, mode) };
}
