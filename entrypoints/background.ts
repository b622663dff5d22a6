import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { forwardCommands } from '@/utils/background/commands';
import { serveContextMenu } from '@/utils/background/context-menu';
import { backgroundHandlers } from '@/utils/background/handlers';
import { routeBackgroundMessages } from '@/utils/messaging/background-router';
import { serveNotePorts } from '@/utils/messaging/note-port-server';
import { serveThreadPorts } from '@/utils/messaging/thread-port-server';
import { createBackgroundNoteEngine } from '@/utils/background/background-note-engine';
import { syncEnabledSites } from '@/utils/background/dynamic-sites';
import { ratingList } from '@/utils/background/rating-list';
import { guardPrivateNetwork } from '@/utils/background/private-network-guard';

export default defineBackground(() => {
  guardPrivateNetwork();
  const engine = createBackgroundNoteEngine();
  serveNotePorts(engine);
  serveThreadPorts(engine);
  routeBackgroundMessages(backgroundHandlers(engine));

  // Sites the user enabled: registered content scripts that match their stored list, also
  // when a permission was withdrawn in the browser's own settings.
  void syncEnabledSites();
  browser.permissions.onRemoved.addListener(() => void syncEnabledSites());

  forwardCommands();
  serveContextMenu();
  // The reader's source-rating list: downloaded when due (on, missing, or a week old).
  ratingList.watch();
});
