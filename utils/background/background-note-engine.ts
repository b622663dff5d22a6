import { streamCompletion } from '../ai/stream-completion';
import { NoteCache } from '../notes/note-cache';
import { createNoteEngine, type NoteEngine } from '../notes/note-engine';
import { selfCheckSuits } from '../notes/self-check';
import { createThreadCache } from '../notes/thread-cache';
import type { ChatEndpoint } from '../ai/openai-chat';
import { cachedValue } from '../settings/cached-item';
import { evidenceSettingsItem } from '../settings/evidence-settings-item';
import type { CachedTriage } from '../notes/triage-cache';
import { loadAnswerLanguage } from './answer-language';
import { createBackgroundImagePreparer } from './background-image-preparer';
import { loadConfiguredEndpoint } from './configured-endpoint';
import { loadEvidencePlan } from './evidence-plan';
import { idbNoteStore, idbThreadStore, idbTriageStore } from './idb-note-store';
import { storedImageCapabilities } from './stored-image-capabilities';
import { storedOutputModes } from './stored-output-modes';
import { storedUsage } from './stored-usage';

/** Bounds for the note cache (memory and IndexedDB): months of reading, a few MB. */
const CACHE_MAX_ENTRIES = 1_000;
const CACHE_MAX_BYTES = 8 * 1024 * 1024;
/**
 * Bounds for the triage cache: a verdict is ~0.5 KB, so days of scrolling (a long session is a
 * few thousand posts) in a few MB; the least recently seen go first.
 */
const TRIAGE_CACHE_MAX_ENTRIES = 5_000;
const TRIAGE_CACHE_MAX_BYTES = 3 * 1024 * 1024;
/** Model calls at once per endpoint: enough for a fast scroll, few enough to avoid 429s. */
const CONCURRENCY_PER_ENDPOINT = 3;

const evidenceSettings = cachedValue(evidenceSettingsItem);

/** "Check each note before showing it" (on unless switched off), where it applies (selfCheckSuits). */
async function selfCheckWanted(endpoint: ChatEndpoint): Promise<boolean> {
  return selfCheckSuits(endpoint) && (await evidenceSettings()).selfCheck;
}

/** The note engine as the background runs it: settings, keys, storage and IndexedDB. */
export function createBackgroundNoteEngine(): NoteEngine {
  return createNoteEngine({
    loadEndpoint: loadConfiguredEndpoint,
    answerLanguage: loadAnswerLanguage,
    evidencePlan: loadEvidencePlan,
    selfCheck: selfCheckWanted,
    cache: new NoteCache(CACHE_MAX_ENTRIES, CACHE_MAX_BYTES, idbNoteStore()),
    triageCache: new NoteCache<CachedTriage>(
      TRIAGE_CACHE_MAX_ENTRIES,
      TRIAGE_CACHE_MAX_BYTES,
      idbTriageStore(),
    ),
    threadCache: createThreadCache(idbThreadStore()),
    images: createBackgroundImagePreparer(),
    imageCapabilities: storedImageCapabilities,
    outputModes: storedOutputModes,
    usage: storedUsage,
    stream: streamCompletion,
    now: Date.now,
    concurrency: CONCURRENCY_PER_ENDPOINT,
  });
}
