import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { streamChatJson } from '@/utils/ai/openai-chat';
import { resolveAnswerLanguage } from '@/utils/ai/answer-language';
import { routeBackgroundMessages } from '@/utils/messaging/background-router';
import { serveNotePorts } from '@/utils/messaging/note-port-server';
import { COMMANDS, type TabRequest } from '@/utils/messaging/protocol';
import { NoteCache } from '@/utils/notes/note-cache';
import { createNoteEngine } from '@/utils/notes/note-engine';
import { loadConfiguredEndpoint } from '@/utils/notes/provider-endpoint';
import { answerLanguageItem } from '@/utils/settings/provider-settings';

/** Bounds for the in-memory note cache: plenty for a session of scrolling, small for the worker. */
const CACHE_MAX_ENTRIES = 500;
const CACHE_MAX_BYTES = 4 * 1024 * 1024;

export default defineBackground(() => {
  const engine = createNoteEngine({
    loadEndpoint: loadConfiguredEndpoint,
    answerLanguage: async () => resolveAnswerLanguage(await answerLanguageItem.getValue(), browser.i18n.getUILanguage()),
    cache: new NoteCache(CACHE_MAX_ENTRIES, CACHE_MAX_BYTES),
    stream: streamChatJson,
    now: Date.now,
  });
  serveNotePorts(engine);
  routeBackgroundMessages();

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
