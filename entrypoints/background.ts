import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { streamCompletion } from '@/utils/ai/stream-completion';
import { resolveAnswerLanguage } from '@/utils/ai/answer-language';
import { routeBackgroundMessages } from '@/utils/messaging/background-router';
import { serveNotePorts } from '@/utils/messaging/note-port-server';
import { COMMANDS, type TabRequest } from '@/utils/messaging/protocol';
import { idbNoteStore } from '@/utils/notes/idb-note-store';
import { NoteCache } from '@/utils/notes/note-cache';
import { createNoteEngine } from '@/utils/notes/note-engine';
import { storedOutputModes } from '@/utils/notes/output-mode-store';
import { loadConfiguredEndpoint } from '@/utils/notes/provider-endpoint';
import { loadEvidencePlan } from '@/utils/notes/evidence-plan';
import { syncEnabledSites } from '@/utils/sites/dynamic-sites';
import { budgetExceeded, recordUsage } from '@/utils/notes/usage-ledger';
import { cachedValue } from '@/utils/settings/cached-item';
import { answerLanguageItem } from '@/utils/settings/provider-settings';

/** Bounds for the note cache (memory and IndexedDB): months of reading, a few MB. */
const CACHE_MAX_ENTRIES = 1_000;
const CACHE_MAX_BYTES = 8 * 1024 * 1024;
/** Model calls at once per endpoint: enough for a fast scroll, few enough to avoid 429s. */
const CONCURRENCY_PER_ENDPOINT = 3;

export default defineBackground(() => {
  const answerLanguage = cachedValue(answerLanguageItem);
  const engine = createNoteEngine({
    loadEndpoint: loadConfiguredEndpoint,
    answerLanguage: async () => resolveAnswerLanguage(await answerLanguage(), browser.i18n.getUILanguage()),
    evidencePlan: loadEvidencePlan,
    cache: new NoteCache(CACHE_MAX_ENTRIES, CACHE_MAX_BYTES, idbNoteStore()),
    outputModes: storedOutputModes,
    usage: { exceeded: budgetExceeded, record: recordUsage },
    stream: streamCompletion,
    now: Date.now,
    concurrency: CONCURRENCY_PER_ENDPOINT,
  });
  serveNotePorts(engine);
  routeBackgroundMessages(engine);

  // Sites the user enabled: registered content scripts that match their stored list, also
  // when a permission was withdrawn in the browser's own settings.
  void syncEnabledSites();
  browser.permissions.onRemoved.addListener(() => void syncEnabledSites());

  // Shortcuts act on the active tab's page, which knows which post is hovered or focused.
  browser.commands.onCommand.addListener(async (command) => {
    const name = COMMANDS.find((c) => c === command);
    if (!name) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const message: TabRequest = { type: 'command', command: name };
    await browser.tabs.sendMessage(tab.id, message).catch(() => {
      // No content script in that tab (an unsupported site): the shortcut has nothing to act on.
    });
  });
});
