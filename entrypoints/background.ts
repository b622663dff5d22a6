import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { routeBackgroundMessages } from '@/utils/messaging/background-router';
import { serveNotePorts } from '@/utils/messaging/note-port-server';
import { COMMANDS, type TabRequest } from '@/utils/messaging/protocol';
import { createBackgroundNoteEngine } from '@/utils/engine-wiring/background-note-engine';
import { syncEnabledSites } from '@/utils/sites/dynamic-sites';

export default defineBackground(() => {
  const engine = createBackgroundNoteEngine();
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
