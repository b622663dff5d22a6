import type { OutputMode } from '../core/output-mode';
import { defineStoredItem } from './stored-item';

/** What each endpoint+model accepted, learnt on first use (cleared with the cache). */
export const outputModesItem = defineStoredItem<Record<string, OutputMode>>('local:outputModes', {
  fallback: {},
  version: 1,
});
