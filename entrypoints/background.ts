import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forwardCommands } from '@/utils/background/commands';
import { backgroundHandlers } from '@/utils/background/handlers';
import { routeBackgroundMessages } from '@/utils/messaging/background-router';
import { serveNotePorts } from '@/utils/messaging/note-port-server';
import { serveThreadPorts } from '@/utils/messaging/thread-port-server';
import { createBackgroundNoteEngine } from '@/utils/background/background-note-engine';
import { syncEnabledSites } from '@/utils/background/dynamic-sites';

export default defineBackground(() => {
  const engine = createBackgroundNoteEngine();
  serveNotePorts(engine);
  serveThreadPorts(engine);
  routeBackgroundMessages(backgroundHandlers(engine));

  // Sites the user enabled: registered content scripts that match their stored list, also
  // when a permission was withdrawn in the browser's own settings.
  void syncEnabledSites();
  browser.permissions.onRemoved.addListener(() => void syncEnabledSites());

  forwardCommands();
});
