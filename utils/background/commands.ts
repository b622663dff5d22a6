import { browser } from 'wxt/browser';
import { sendToTab } from '../messaging/extension-client';
import { COMMANDS } from '../messaging/protocol';

/** Keyboard shortcuts act on the active tab's page, which knows which post is hovered or focused. */
export function forwardCommands(): void {
  // Firefox for Android has no keyboard shortcuts (no `commands` API): nothing to forward.
  if (!browser.commands) return;
  browser.commands.onCommand.addListener(async (name) => {
    const command = COMMANDS.find((c) => c === name);
    if (!command) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await sendToTab(tab.id, { type: 'command', command }).catch(() => {
      // No content script in that tab (an unsupported site): the shortcut has nothing to act on.
    });
  });
}
